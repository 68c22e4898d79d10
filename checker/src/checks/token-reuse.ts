import { z } from 'zod';
import { defineCheckKind, fail, pass } from '../types.ts';

/**
 * Passes when the API saw one access token (by its `jti`) authorise several
 * successful calls: the caller cached the token instead of fetching one per
 * call, which keeps the client secret off the wire and the token endpoint
 * out of the hot path.
 */
export const tokenReuse = defineCheckKind({
  kind: 'token-reuse',
  params: z
    .object({
      api: z.literal('orders').describe('Which API the calls must reach.'),
      minCalls: z.number().int().min(2).default(3).describe('Successful calls one token must have authorised.'),
    })
    .strict(),
  async evaluate(sandbox, params) {
    const calls = (await sandbox.evidence.query({ kind: 'api-call', limit: 500 })).filter(
      // One API today; the comparison keeps this check right when the evidence gains a second.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
      (call) => call.api === params.api && call.authType === 'cognito-jwt' && call.outcome === 'success' && call.tokenId !== undefined,
    );
    const perToken = new Map<string, number>();
    for (const call of calls) perToken.set(call.tokenId ?? '', (perToken.get(call.tokenId ?? '') ?? 0) + 1);
    const most = Math.max(0, ...perToken.values());
    if (most >= params.minCalls) return pass('token-reuse.ok', `One access token authorised ${most} successful calls.`);
    if (calls.length === 0) return fail('token-reuse.none', 'The API has not seen a successful call with an access token yet.');
    return fail(
      'token-reuse.fresh-per-call',
      `${calls.length} successful call${calls.length > 1 ? 's' : ''} used ${perToken.size} different token${perToken.size > 1 ? 's' : ''}; no token authorised ${params.minCalls} calls. Keep the token and reuse it until shortly before it expires.`,
    );
  },
});
