import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SignJWT } from 'jose';
import type { TokenIssuedEvidence } from '@keyless/labs/sandbox';
import type { AttendeeRecord } from '../attendees/index.ts';
import { headerValue, sendJson } from '../http/io.ts';
import type { SandboxState } from '../state.ts';
import { cognitoIssuer } from './issuer.ts';
import { accessTokenSeconds } from './user-pool-client.ts';

type OAuthError = 'invalid_request' | 'invalid_client' | 'unauthorized_client' | 'unsupported_grant_type' | 'invalid_scope';
type AuthMethod = TokenIssuedEvidence['authMethod'];

/** What we learnt about the request before it succeeded or failed; it becomes the evidence. */
interface Attempt {
  grantType: string;
  clientId: string;
  authMethod: AuthMethod;
  requestedScopes: string[];
}

class TokenError extends Error {
  readonly code: OAuthError;
  constructor(code: OAuthError) {
    super(code);
    this.code = code;
  }
}

const RESPONSE_HEADERS = {
  'cache-control': 'no-cache, no-store, max-age=0, must-revalidate',
  pragma: 'no-cache',
  'access-control-allow-origin': '*',
};
const JSON_UTF8 = 'application/json;charset=UTF-8';

/**
 * `POST /domains/<prefix>/oauth2/token`: Cognito's token endpoint for the
 * client-credentials grant (the only grant an M2M lab needs). Every attempt,
 * successful or not, becomes `token-issued` evidence for the pool's owner.
 * No OAuth server library fits: they issue their own token formats and
 * error bodies, while this must answer exactly as Cognito does.
 */
export async function handleTokenRequest(request: IncomingMessage, response: ServerResponse, body: Buffer, owner: AttendeeRecord, state: SandboxState): Promise<void> {
  const attempt: Attempt = { grantType: '', clientId: '', authMethod: 'none', requestedScopes: [] };
  try {
    const issued = await issue(request, body, owner, state, attempt);
    // One group commit for both rows; answer only once they are in the file.
    await Promise.all([
      state.tokens.record({ jti: issued.jti, attendeeId: owner.attendeeId, clientId: attempt.clientId, scopes: issued.scopes, issuedAt: issued.issuedAt * 1000, expiresAt: (issued.issuedAt + issued.expiresIn) * 1000 }),
      state.evidence.record(owner.attendeeId, { kind: 'token-issued', outcome: 'success', ...attempt, grantedScopes: issued.scopes, tokenId: issued.jti }),
    ]);
    sendJson(response, 200, { access_token: issued.token, expires_in: issued.expiresIn, token_type: 'Bearer' }, RESPONSE_HEADERS, JSON_UTF8);
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    await state.evidence.record(owner.attendeeId, { kind: 'token-issued', outcome: 'failure', error: error.code, ...attempt, grantedScopes: [] });
    // Cognito answers every token error with 400, invalid_client included.
    sendJson(response, 400, { error: error.code }, RESPONSE_HEADERS, JSON_UTF8);
  }
}

async function issue(request: IncomingMessage, body: Buffer, owner: AttendeeRecord, state: SandboxState, attempt: Attempt): Promise<{ token: string; jti: string; scopes: string[]; expiresIn: number; issuedAt: number }> {
  const basic = parseBasic(headerValue(request, 'authorization'));
  if (basic) attempt.clientId = basic.clientId;
  const contentType = (headerValue(request, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/x-www-form-urlencoded') throw new TokenError('invalid_request');
  const form = new URLSearchParams(body.toString('utf8'));

  attempt.grantType = form.get('grant_type') ?? '';
  const scopeParam = form.get('scope');
  attempt.requestedScopes = scopeParam ? [...new Set(scopeParam.split(/\s+/).filter(Boolean))] : [];
  const bodyClientId = form.get('client_id');
  const bodySecret = form.get('client_secret');
  if (!basic && bodyClientId) attempt.clientId = bodyClientId;
  if (!attempt.grantType) throw new TokenError('invalid_request');
  if (attempt.grantType !== 'client_credentials') throw new TokenError('unsupported_grant_type');

  // Client authentication: exactly one method (RFC 6749 §2.3).
  let secret: string;
  if (basic) {
    if (bodySecret !== null) throw new TokenError('invalid_request');
    if (bodyClientId !== null && bodyClientId !== basic.clientId) throw new TokenError('invalid_client');
    attempt.authMethod = 'client_secret_basic';
    secret = basic.clientSecret;
  } else if (bodyClientId && bodySecret) {
    attempt.authMethod = 'client_secret_post';
    secret = bodySecret;
  } else {
    throw new TokenError('invalid_client');
  }
  const found = state.cognito.byId(attempt.clientId);
  const client = found?.client.UserPoolId === owner.userPoolId ? found.client : undefined;
  if (!client?.ClientSecret || !secretsMatch(client.ClientSecret, secret)) throw new TokenError('invalid_client');
  if (!client.AllowedOAuthFlowsUserPoolClient || !client.AllowedOAuthFlows?.includes('client_credentials')) throw new TokenError('unauthorized_client');

  // Only custom scopes (`identifier/scope`) the client is allowed AND that still exist on a resource
  // server of the pool; omitting `scope` asks for all of them (Cognito's documented default).
  const catalogue = state.cognito.scopeCatalogue(owner.userPoolId);
  const allowed = (client.AllowedOAuthScopes ?? []).filter((scope) => {
    const slash = scope.lastIndexOf('/');
    return slash > 0 && catalogue.get(scope.slice(0, slash))?.has(scope.slice(slash + 1)) === true;
  });
  const scopes = attempt.requestedScopes.length > 0 ? attempt.requestedScopes : allowed;
  if (scopes.length === 0 || scopes.some((scope) => !allowed.includes(scope))) throw new TokenError('invalid_scope');

  const now = Math.floor(state.now() / 1000);
  const expiresIn = accessTokenSeconds(client);
  const jti = randomUUID();
  // Claims and their order as in a real Cognito client-credentials token (no aud).
  const claims = {
    sub: client.ClientId,
    token_use: 'access',
    scope: scopes.join(' '),
    auth_time: now,
    iss: cognitoIssuer(state.region, owner.userPoolId),
    exp: now + expiresIn,
    iat: now,
    version: 2,
    jti,
    client_id: client.ClientId,
  };
  const { kid, key } = state.keys.forPool(owner.userPoolId).signingKey();
  const token = await new SignJWT(claims).setProtectedHeader({ kid, alg: 'RS256' }).sign(key);
  return { token, jti, scopes, expiresIn, issuedAt: now };
}

function parseBasic(header: string | undefined): { clientId: string; clientSecret: string } | undefined {
  if (!header || !/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { clientId: decoded, clientSecret: '' };
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}

function secretsMatch(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
