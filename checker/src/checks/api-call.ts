import { z } from 'zod';
import type { ApiCallEvidence } from '@keyless/labs/sandbox';
import { defineCheckKind, fail, listOf, pass } from '../types.ts';

/**
 * Passes when the API front door recorded a call with the expected method,
 * path and status, made with a token carrying (or lacking) given scopes.
 */
export const apiCall = defineCheckKind({
  kind: 'api-call',
  params: z
    .object({
      api: z.literal('orders').describe('Which API the call must reach.'),
      method: z.enum(['GET', 'POST', 'PUT', 'DELETE']).describe('HTTP method.'),
      path: z.string().startsWith('/').describe('Resource path without the stage, e.g. /orders.'),
      status: z.number().int().min(100).max(599).describe('HTTP status the API must have answered.'),
      authType: z.enum(['cognito-jwt', 'api-key', 'sigv4', 'mtls']).optional().describe('Front door that authorised it.'),
      principalPattern: z
        .string()
        .optional()
        .describe('Regular expression the caller (client id, role ARN, certificate subject) must match.'),
      errorPattern: z
        .string()
        .optional()
        .describe('Regular expression the refusal reason the front door recorded must match, e.g. "Signature expired".'),
      scopes: z.array(z.string()).default([]).describe('Scopes the presented token must carry.'),
      withoutScopes: z.array(z.string()).default([]).describe('Scopes the presented token must not carry.'),
    })
    .strict(),
  async evaluate(sandbox, params) {
    const calls = (await sandbox.evidence.query({ kind: 'api-call', limit: 500 })).filter(
      // One API today; the comparison keeps this check right when the evidence gains a second.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
      (call) => call.api === params.api && call.method === params.method && call.path === params.path,
    );
    const route = `${params.method} ${params.path}`;
    if (calls.length === 0) return fail('api-call.none', `The ${params.api} API has not seen ${route} from you yet.`);
    // Compiled once per evaluation, not once per evidence row.
    const principal = params.principalPattern ? new RegExp(params.principalPattern) : undefined;
    const error = params.errorPattern ? new RegExp(params.errorPattern) : undefined;
    const tokenFits = (call: ApiCallEvidence): boolean =>
      params.scopes.every((scope) => call.scopes?.includes(scope) ?? false) &&
      params.withoutScopes.every((scope) => !(call.scopes?.includes(scope) ?? false)) &&
      (!params.authType || call.authType === params.authType) &&
      (!principal || principal.test(call.principal ?? '')) &&
      (!error || error.test(call.error ?? ''));
    const match = calls.find((call) => call.status === params.status && tokenFits(call));
    if (match) {
      return pass(
        'api-call.ok',
        `${route} answered ${match.status}${match.principal ? ` to ${match.principal}` : ''}${describeScopes(match)}.`,
      );
    }
    const seen = [...new Set(calls.map((call) => `${call.status}${describeScopes(call)}${call.error ? ` (${call.error})` : ''}`))];
    const wanted = [
      `status ${params.status}`,
      params.scopes.length > 0 ? `a token with ${listOf(params.scopes)}` : '',
      params.withoutScopes.length > 0 ? `without ${listOf(params.withoutScopes)}` : '',
      params.authType ? `through the ${params.authType} front door` : '',
      params.principalPattern ? `by a caller matching ${params.principalPattern}` : '',
      params.errorPattern ? `refused for a reason matching ${params.errorPattern}` : '',
    ].filter(Boolean);
    return fail('api-call.mismatch', `${route} was called, but never with ${wanted.join(', ')}. Seen: ${listOf(seen)}.`);
  },
});

function describeScopes(call: ApiCallEvidence): string {
  if (call.authType !== 'cognito-jwt') return call.authType === 'none' ? ' without credentials' : ` via ${call.authType}`;
  return call.scopes && call.scopes.length > 0
    ? ` with scope ${call.scopes.join(' ')}`
    : call.scopes
      ? ' with no scopes'
      : ' without a valid token';
}
