import { z } from 'zod';
import { defineCheckKind, fail, listOf, pass } from '../types.ts';

/**
 * Passes when the attendee's instance metadata service saw the expected
 * request: e.g. a credentials read made with an IMDSv2 session token, or an
 * IMDSv1 attempt (no token) that was refused with 401.
 */
export const imdsRequest = defineCheckKind({
  kind: 'imds-request',
  params: z
    .object({
      method: z.enum(['GET', 'PUT']).default('GET').describe('HTTP method.'),
      pathPattern: z.string().describe('Regular expression the path must match, e.g. "^/latest/meta-data/iam/security-credentials/.+".'),
      status: z.number().int().describe('Status the metadata service answered.'),
      sessionToken: z.boolean().optional().describe('Whether an IMDSv2 session token must (true) or must not (false) have been sent.'),
    })
    .strict(),
  async evaluate(sandbox, params) {
    const path = new RegExp(params.pathPattern);
    const requests = (await sandbox.evidence.query({ kind: 'imds-request', limit: 500 })).filter(
      (request) => request.method === params.method && path.test(request.path),
    );
    if (requests.length === 0)
      return fail('imds-request.none', `Your instance's metadata service has not seen ${params.method} ${params.pathPattern} yet.`);
    const match = requests.find(
      (request) => request.status === params.status && (params.sessionToken === undefined || request.sessionToken === params.sessionToken),
    );
    if (match)
      return pass(
        'imds-request.ok',
        `${match.method} ${match.path} answered ${match.status}${match.sessionToken ? ' (IMDSv2 session token sent)' : ''}.`,
      );
    const seen = [...new Set(requests.map((request) => `${request.status}${request.sessionToken ? ' with token' : ' without token'}`))];
    return fail(
      'imds-request.mismatch',
      `${params.method} ${params.pathPattern} was requested, but never answered ${params.status}${params.sessionToken === undefined ? '' : params.sessionToken ? ' with a session token' : ' without a session token'}. Seen: ${listOf(seen)}.`,
    );
  },
});
