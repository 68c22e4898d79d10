import { errors, jwtVerify } from 'jose';
import type { AttendeeRecord } from '../attendees/index.ts';
import { cognitoIssuer } from '../cognito/issuer.ts';
import type { SandboxState } from '../state.ts';

export type AuthorizerDecision =
  | { readonly allow: true; readonly principal: string; readonly scopes: readonly string[]; readonly tokenId?: string }
  /** `principal`/`scopes` are set when the token itself was valid but lacked the scope. */
  | { readonly allow: false; readonly reason: string; readonly principal?: string; readonly scopes?: readonly string[]; readonly tokenId?: string };

/**
 * API Gateway REST `COGNITO_USER_POOLS` authorizer with authorization scopes
 * on the method (so the token is treated as an access token):
 * - token from the `Authorization` header, raw or with a `Bearer ` prefix;
 * - RS256 signature against the owner's pool keys, `iss` = the owner's pool,
 *   `token_use` = access, not expired (on the sandbox clock);
 * - at least one of the method's scopes in the token's `scope` claim.
 * Any failure is the same 401 to the caller; the reason only goes to evidence.
 */
export async function authorizeCognitoAccessToken(
  authorization: string | undefined,
  owner: AttendeeRecord,
  methodScopes: readonly string[],
  state: SandboxState,
): Promise<AuthorizerDecision> {
  if (!authorization) return { allow: false, reason: 'missing token' };
  const token = /^bearer\s+/i.test(authorization) ? authorization.replace(/^bearer\s+/i, '') : authorization;
  let payload;
  try {
    ({ payload } = await jwtVerify(token.trim(), state.keys.forPool(owner.userPoolId).resolve, {
      issuer: cognitoIssuer(state.region, owner.userPoolId),
      algorithms: ['RS256'],
      currentDate: new Date(state.now()),
      requiredClaims: ['exp', 'iss'],
    }));
  } catch (error) {
    return { allow: false, reason: describe(error) };
  }
  if (payload.token_use !== 'access') return { allow: false, reason: 'not an access token' };
  const principal = typeof payload.client_id === 'string' ? payload.client_id : (payload.sub ?? '');
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
  // The token's jti goes to evidence, so a check can tell a cached token from one fetched per call.
  const tokenId = typeof payload.jti === 'string' ? { tokenId: payload.jti } : {};
  if (!methodScopes.some((scope) => scopes.includes(scope))) {
    return { allow: false, reason: `scope mismatch: needs ${methodScopes.join(' or ')}`, principal, scopes, ...tokenId };
  }
  return { allow: true, principal, scopes, ...tokenId };
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWTClaimValidationFailed) return error.claim === 'iss' ? 'issuer is not this API\'s user pool' : `invalid ${error.claim} claim`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'invalid signature';
  if (error instanceof errors.JWKSNoMatchingKey) return 'unknown signing key';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed token';
  return 'invalid token';
}
