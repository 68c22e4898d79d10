import { z } from 'zod';
import { defineCheckKind, fail, listOf, pass } from '../types.ts';

/**
 * Passes when the sandbox's token endpoint issued a token to one of the
 * attendee's clients with every expected scope (and, optionally, after the
 * client authenticated in the expected way).
 */
export const tokenIssued = defineCheckKind({
  kind: 'token-issued',
  params: z
    .object({
      scopes: z.array(z.string()).min(1).describe('Scopes the issued token must carry.'),
      authMethod: z.enum(['client_secret_basic', 'client_secret_post']).optional().describe('How the client must have authenticated.'),
    })
    .strict(),
  async evaluate(sandbox, params) {
    const events = await sandbox.evidence.query({ kind: 'token-issued', limit: 200 });
    if (events.length === 0) {
      return fail('token-issued.no-requests', 'No token request has reached your token endpoint yet.');
    }
    const issued = events.filter((event) => event.outcome === 'success');
    const withScopes = issued.filter((event) => params.scopes.every((scope) => event.grantedScopes.includes(scope)));
    const match = withScopes.find((event) => !params.authMethod || event.authMethod === params.authMethod);
    if (match) {
      return pass('token-issued.ok', `A token with ${listOf([...match.grantedScopes])} was issued to client ${match.clientId}.`);
    }
    if (withScopes[0]) {
      return fail(
        'token-issued.wrong-auth-method',
        `A token with ${listOf(params.scopes)} was issued, but the client authenticated with ${withScopes[0].authMethod} instead of ${params.authMethod ?? 'the expected method'}.`,
      );
    }
    if (issued.length > 0) {
      const seen = [...new Set(issued.map((event) => `${event.grantedScopes.join(' ') || '(no scopes)'} (asked for ${requested(event)})`))];
      return fail(
        'token-issued.wrong-scope',
        `Tokens were issued, but none with the scope ${listOf(params.scopes)}. Granted so far: ${listOf(seen)}. Request scope=${params.scopes.join(' ')}.`,
      );
    }
    // Name what was sent with each error: "invalid_scope for scope 'orders/delete'" says what to change.
    const failures = [...new Set(events.map((event) => `${event.error ?? 'unknown error'} for ${requested(event)}`))];
    return fail('token-issued.all-failed', `Every token request failed: ${listOf(failures)}.`);
  },
});

function requested(event: { requestedScopes: readonly string[]; authMethod: string }): string {
  const scope = event.requestedScopes.length > 0 ? `scope '${event.requestedScopes.join(' ')}'` : 'no scope';
  return event.authMethod === 'none' ? `${scope}, sent without client authentication` : scope;
}
