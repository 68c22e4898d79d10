import type { ImdsRequestEvidence } from '@keyless/labs/sandbox';
import type { WireEntry, WireField } from '../model.ts';
import { entryOf } from './entry.ts';

const TOKEN_PATH = /^\/latest\/api\/token\/?$/;

/** A request to the instance's metadata service (IMDSv2: a session token first, then GETs carrying it). */
export function decodeImdsRequest(evidence: ImdsRequestEvidence): WireEntry {
  const tokenPut = evidence.method === 'PUT' && TOKEN_PATH.test(evidence.path);
  const v1Refused = !tokenPut && !evidence.sessionToken && evidence.status === 401;
  const fields: WireField[] = [];
  let summary: string;
  if (tokenPut) {
    summary = 'IMDSv2 step 1: a PUT (which a forwarded SSRF request cannot make) for a session token.';
    if (evidence.ttlSeconds !== undefined)
      fields.push({
        label: 'Token TTL',
        value: `${String(evidence.ttlSeconds)} s`,
        explain: 'The session token works for this long, and only from this instance.',
      });
  } else if (v1Refused) {
    summary = 'Refused: an IMDSv1 request (no session token). This instance requires IMDSv2.';
    fields.push({
      label: 'Session token',
      value: 'absent',
      explain: 'IMDSv1 GETs are refused, which blocks the classic SSRF credential theft.',
    });
  } else {
    summary = evidence.path.includes('/security-credentials/')
      ? 'The instance role’s temporary credentials, handed to code on this instance only.'
      : 'A metadata read with the session token.';
    fields.push({
      label: 'Session token',
      value: evidence.sessionToken ? 'valid token presented' : 'none',
      explain: 'Each GET carries the X-aws-ec2-metadata-token header from the PUT.',
    });
  }
  return entryOf(evidence, {
    mechanism: 'imds',
    service: 'IMDS',
    request: `${evidence.method} ${evidence.path}`,
    door: 'instance metadata (169.254.169.254)',
    status: String(evidence.status),
    summary,
    fields,
  });
}
