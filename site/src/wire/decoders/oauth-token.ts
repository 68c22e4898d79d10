import type { TokenIssuedEvidence } from '@keyless/labs/sandbox';
import type { WireEntry, WireField } from '../model.ts';
import { entryOf } from './entry.ts';
import { tokenParts } from './token-parts.ts';

const AUTH_METHOD: Readonly<Record<TokenIssuedEvidence['authMethod'], string>> = {
  client_secret_basic: 'The client id and secret travelled in the Authorization: Basic header, once, to the token endpoint only.',
  client_secret_post: 'The client secret travelled in the form body, once, to the token endpoint only.',
  none: 'No client authentication reached the endpoint, so it cannot know which client is asking.',
};

/** A request to the user pool's token endpoint (OAuth 2.0 client credentials). */
export function decodeTokenRequest(evidence: TokenIssuedEvidence): WireEntry {
  const { fields: tokenFields, blocks } = tokenParts(evidence.token, 'issued');
  const fields: WireField[] = [
    {
      label: 'Grant type',
      value: evidence.grantType || '(none)',
      explain: 'client_credentials: a machine asking for itself, with no user involved.',
    },
    { label: 'Client authentication', value: evidence.authMethod, explain: AUTH_METHOD[evidence.authMethod] },
    {
      label: 'Scopes requested',
      value: evidence.requestedScopes.length > 0 ? evidence.requestedScopes.join(' ') : '(none: all the client is allowed)',
      explain: 'Ask for the least the call needs; the endpoint refuses a scope the client is not allowed.',
    },
    {
      label: 'Scopes granted',
      value: evidence.grantedScopes.length > 0 ? evidence.grantedScopes.join(' ') : '(none)',
      explain: 'What the token lets its holder do, and nothing more.',
    },
    ...tokenFields,
  ];
  return entryOf(evidence, {
    mechanism: 'oauth-token',
    service: 'Cognito token endpoint',
    request: 'POST /oauth2/token',
    door: 'user pool domain',
    status: evidence.outcome === 'success' ? '200' : `400 ${evidence.error ?? ''}`.trim(),
    ...(evidence.clientId ? { caller: evidence.clientId } : {}),
    summary:
      evidence.outcome === 'success'
        ? 'The secret was sent once, here; what comes back is a short-lived token that names the client and its scopes.'
        : 'The token endpoint refused: no token was issued.',
    fields,
    blocks,
  });
}
