import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { jwtEvidence, type JwtEvidence, type TokenIssuedEvidence } from '@keyless/labs/sandbox';
import type { AttendeeRecord } from '../attendees/index.ts';
import { constantTimeEqual } from '../crypto/constant-time.ts';
import { ServiceError } from '../errors/index.ts';
import type { EvidenceStore } from '../evidence/evidence-store.ts';
import type { UserPoolKeys } from '../keys/user-pool-keys.ts';
import type { CognitoStore } from './client-store.ts';
import type { IssuedTokenStore } from './issued-tokens.ts';
import { cognitoIssuer } from './issuer.ts';
import { accessTokenSeconds } from './user-pool-client.ts';

type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'unauthorized_client' | 'unsupported_grant_type' | 'invalid_scope';
type AuthMethod = TokenIssuedEvidence['authMethod'];

/** What we learnt about the request before it succeeded or failed; it becomes the evidence. */
interface Attempt {
  grantType: string;
  clientId: string;
  authMethod: AuthMethod;
  requestedScopes: string[];
}

/** An OAuth 2.0 token error (RFC 6749 §5.2): the code is the whole answer. Not an AWS error: Cognito's token endpoint speaks OAuth. */
export class OAuthError extends ServiceError {
  declare readonly code: OAuthErrorCode;

  constructor(code: OAuthErrorCode) {
    super(code, code, 400);
  }
}

/** A token request, parsed: its `Authorization` header and its form (undefined when the body was not form-encoded). */
export interface TokenRequest {
  readonly authorization: string | undefined;
  readonly form: URLSearchParams | undefined;
}

/** The part of the sandbox the token endpoint uses. */
export interface TokenServices {
  readonly region: string;
  readonly now: () => number;
  readonly cognito: Pick<CognitoStore, 'byId' | 'scopeCatalogue'>;
  readonly keys: Pick<UserPoolKeys, 'forPool'>;
  readonly tokens: Pick<IssuedTokenStore, 'record'>;
  readonly evidence: Pick<EvidenceStore, 'record'>;
}

/** The token endpoint's answer to a granted request. */
export interface TokenResponse {
  readonly access_token: string;
  readonly expires_in: number;
  readonly token_type: 'Bearer';
}

/**
 * `POST /domains/<prefix>/oauth2/token`: Cognito's token endpoint for the
 * client-credentials grant (the only grant an M2M lab needs), for the pool
 * of `owner`. Every attempt, successful or not, becomes `token-issued`
 * evidence for the pool's owner; a refusal is recorded, then thrown as the
 * OAuthError it is. No OAuth server library fits: they issue their own
 * token formats and error bodies, while this must answer exactly as
 * Cognito does.
 */
export async function IssueToken(request: TokenRequest, owner: AttendeeRecord, services: TokenServices): Promise<TokenResponse> {
  const attempt: Attempt = { grantType: '', clientId: '', authMethod: 'none', requestedScopes: [] };
  try {
    const issued = await issue(request, owner, services, attempt);
    // One group commit for both rows; answer only once they are in the file.
    await Promise.all([
      services.tokens.record({
        jti: issued.jti,
        attendeeId: owner.attendeeId,
        clientId: attempt.clientId,
        scopes: issued.scopes,
        issuedAt: issued.issuedAt * 1000,
        expiresAt: (issued.issuedAt + issued.expiresIn) * 1000,
      }),
      services.evidence.record(owner.attendeeId, {
        kind: 'token-issued',
        outcome: 'success',
        ...attempt,
        grantedScopes: issued.scopes,
        tokenId: issued.jti,
        token: issued.evidence,
      }),
    ]);
    return { access_token: issued.token, expires_in: issued.expiresIn, token_type: 'Bearer' };
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    await services.evidence.record(owner.attendeeId, {
      kind: 'token-issued',
      outcome: 'failure',
      error: error.code,
      ...attempt,
      grantedScopes: [],
    });
    throw error;
  }
}

async function issue(
  request: TokenRequest,
  owner: AttendeeRecord,
  services: TokenServices,
  attempt: Attempt,
): Promise<{ token: string; jti: string; scopes: string[]; expiresIn: number; issuedAt: number; evidence: JwtEvidence }> {
  const basic = parseBasic(request.authorization);
  if (basic) attempt.clientId = basic.clientId;
  const { form } = request;
  if (!form) throw new OAuthError('invalid_request');

  attempt.grantType = form.get('grant_type') ?? '';
  const scopeParam = form.get('scope');
  attempt.requestedScopes = scopeParam ? [...new Set(scopeParam.split(/\s+/).filter(Boolean))] : [];
  const bodyClientId = form.get('client_id');
  const bodySecret = form.get('client_secret');
  if (!basic && bodyClientId) attempt.clientId = bodyClientId;
  if (!attempt.grantType) throw new OAuthError('invalid_request');
  if (attempt.grantType !== 'client_credentials') throw new OAuthError('unsupported_grant_type');

  // Client authentication: exactly one method (RFC 6749 §2.3).
  let secret: string;
  if (basic) {
    if (bodySecret !== null) throw new OAuthError('invalid_request');
    if (bodyClientId !== null && bodyClientId !== basic.clientId) throw new OAuthError('invalid_client');
    attempt.authMethod = 'client_secret_basic';
    secret = basic.clientSecret;
  } else if (bodyClientId && bodySecret) {
    attempt.authMethod = 'client_secret_post';
    secret = bodySecret;
  } else {
    throw new OAuthError('invalid_client');
  }
  const found = services.cognito.byId(attempt.clientId);
  const client = found?.client.UserPoolId === owner.userPoolId ? found.client : undefined;
  if (!client?.ClientSecret || !constantTimeEqual(client.ClientSecret, secret)) throw new OAuthError('invalid_client');
  if (!client.AllowedOAuthFlowsUserPoolClient || !client.AllowedOAuthFlows?.includes('client_credentials'))
    throw new OAuthError('unauthorized_client');

  // Only custom scopes (`identifier/scope`) the client is allowed AND that still exist on a resource
  // server of the pool; omitting `scope` asks for all of them (Cognito's documented default).
  const catalogue = services.cognito.scopeCatalogue(owner.userPoolId);
  const allowed = (client.AllowedOAuthScopes ?? []).filter((scope) => {
    const slash = scope.lastIndexOf('/');
    return slash > 0 && catalogue.get(scope.slice(0, slash))?.has(scope.slice(slash + 1)) === true;
  });
  const scopes = attempt.requestedScopes.length > 0 ? attempt.requestedScopes : allowed;
  if (scopes.length === 0 || scopes.some((scope) => !allowed.includes(scope))) throw new OAuthError('invalid_scope');

  const now = Math.floor(services.now() / 1000);
  const expiresIn = accessTokenSeconds(client);
  const jti = randomUUID();
  // Claims and their order as in a real Cognito client-credentials token (no aud).
  const claims = {
    sub: client.ClientId,
    token_use: 'access',
    scope: scopes.join(' '),
    auth_time: now,
    iss: cognitoIssuer(services.region, owner.userPoolId),
    exp: now + expiresIn,
    iat: now,
    version: 2,
    jti,
    client_id: client.ClientId,
  };
  const { kid, key } = services.keys.forPool(owner.userPoolId).signingKey();
  const header = { kid, alg: 'RS256' };
  const token = await new SignJWT(claims).setProtectedHeader(header).sign(key);
  // Evidence keeps the header and claims the client can read anyway, never the signed token.
  return { token, jti, scopes, expiresIn, issuedAt: now, evidence: jwtEvidence(header, claims, true) };
}

function parseBasic(header: string | undefined): { clientId: string; clientSecret: string } | undefined {
  if (!header || !/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { clientId: decoded, clientSecret: '' };
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}
