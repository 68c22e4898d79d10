import type { ImdsRequestEvidence } from '@keyless/labs/sandbox';
import { imdsStatusLine, type ImdsResult } from '../protocols/imds-text.ts';
import { metadataTree, render, type InstanceFacts } from './metadata.ts';
import { ImdsTokens, parseTtl } from './tokens.ts';

/** One request to an instance's IMDS, parsed: method, path without the query, lower-case headers. */
export interface ImdsRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export interface InstanceMetadataService {
  answer(request: ImdsRequest): Promise<ImdsResult>;
}

/** Records one `imds-request` evidence event; resolves once committed. */
type RecordEvidence = (event: Omit<ImdsRequestEvidence, 'id' | 'at' | 'attendeeId' | 'kind'>) => Promise<void>;

const TOKEN_PATH = /^\/([^/]+)\/api\/token\/?$/;

/**
 * One instance's IMDS with `HttpTokens=required` (IMDSv2 only), hand-written
 * because the only emulators are Go programs (amazon-ec2-metadata-mock,
 * `aws_signing_helper serve`) and neither ties credentials to an attendee:
 *
 * - `PUT /latest/api/token` with `X-aws-ec2-metadata-token-ttl-seconds` 1–21600
 *   → 200 token (TTL echoed); a missing or invalid TTL → 400; an
 *   `X-Forwarded-For` header → 403; the token path of a dated version → 403.
 * - every `GET`/`HEAD` needs `X-aws-ec2-metadata-token`: none (IMDSv1), an
 *   unknown or an expired one → 401.
 *
 * Every request is `imds-request` evidence before it is answered.
 */
export function instanceMetadataService(options: {
  facts: InstanceFacts;
  now: () => number;
  record: RecordEvidence;
}): InstanceMetadataService {
  const tokens = new ImdsTokens(options.now);
  const tree = metadataTree(options.facts);
  const decide = (request: ImdsRequest): { result: ImdsResult; presented: boolean; ttl?: number } => {
    const { method, path } = request;
    const tokenPath = TOKEN_PATH.exec(path);
    if (tokenPath) {
      if (method !== 'PUT') return { result: { status: 405, headers: { allow: 'PUT' } }, presented: false };
      // "PUT requests are rejected if they contain an X-Forwarded-For header": the token must not leave the instance through a proxy.
      if (request.headers['x-forwarded-for'] !== undefined || tokenPath[1] !== 'latest')
        return { result: { status: 403 }, presented: false };
      const ttl = parseTtl(header(request, 'x-aws-ec2-metadata-token-ttl-seconds'));
      if (ttl === undefined) return { result: { status: 400 }, presented: false };
      return {
        result: { status: 200, body: tokens.issue(ttl), headers: { 'x-aws-ec2-metadata-token-ttl-seconds': String(ttl) } },
        presented: false,
        ttl,
      };
    }
    if (method !== 'GET' && method !== 'HEAD') return { result: { status: 405, headers: { allow: 'GET, HEAD' } }, presented: false };
    if (!tokens.valid(header(request, 'x-aws-ec2-metadata-token'))) return { result: { status: 401 }, presented: false };
    const found = render(tree, path);
    return { result: found === undefined ? { status: 404 } : { status: 200, body: found }, presented: true };
  };
  return {
    async answer(request) {
      const { result, presented, ttl } = decide(request);
      const { status } = result;
      await options.record({
        method: request.method,
        path: request.path,
        status,
        sessionToken: presented,
        ...(ttl === undefined ? {} : { ttlSeconds: ttl }),
        outcome: status < 400 ? 'success' : 'failure',
        ...(status >= 400 ? { error: imdsStatusLine(status) } : {}),
      });
      return result;
    },
  };
}

function header(request: ImdsRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
