import { jwtEvidence } from '@keyless/labs/sandbox';
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { DoorDecision } from './front-door.ts';

/** The user pool an API's authorizer trusts: the `iss` its tokens carry and the keys they are signed with (its JWKS). */
export interface TrustedPool {
  readonly issuer: string;
  readonly resolveKey: JWTVerifyGetKey;
}

/**
 * API Gateway REST `COGNITO_USER_POOLS` authorizer with authorization scopes
 * on the method (so the token is treated as an access token):
 * - token from the `Authorization` header, raw or with a `Bearer ` prefix;
 * - RS256 signature against the owner's pool keys, `iss` = the owner's pool,
 *   `token_use` = access, not expired (on the sandbox clock);
 * - at least one of the method's scopes in the token's `scope` claim.
 * REST Cognito authorizers answer every refusal, scope mismatch included,
 * with the same 401; the reason only goes to evidence. A token whose
 * signature and issuer checked out but whose scope did not still names its
 * principal and scopes.
 */
export async function authorizeCognitoAccessToken(
  authorization: string | undefined,
  methodScopes: readonly string[],
  pool: TrustedPool,
  now: () => number,
): Promise<DoorDecision> {
  if (!authorization) return unauthorized('missing token');
  const token = /^bearer\s+/i.test(authorization) ? authorization.replace(/^bearer\s+/i, '') : authorization;
  let payload, protectedHeader;
  try {
    ({ payload, protectedHeader } = await jwtVerify(token.trim(), pool.resolveKey, {
      issuer: pool.issuer,
      algorithms: ['RS256'],
      currentDate: new Date(now()),
      requiredClaims: ['exp', 'iss'],
    }));
  } catch (error) {
    return { ...unauthorized(describe(error)), ...readAnyway(token.trim(), methodScopes) };
  }
  const wire = { token: jwtEvidence(protectedHeader, payload, true), requiredScopes: methodScopes };
  if (payload.token_use !== 'access') return { ...unauthorized('not an access token'), wire };
  const principal = typeof payload.client_id === 'string' ? payload.client_id : (payload.sub ?? '');
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
  // The token's jti goes to evidence, so a check can tell a cached token from one fetched per call.
  const tokenId = typeof payload.jti === 'string' ? { tokenId: payload.jti } : {};
  if (!methodScopes.some((scope) => scopes.includes(scope))) {
    return { ...unauthorized(`scope mismatch: needs ${methodScopes.join(' or ')}`), principal, scopes, ...tokenId, wire };
  }
  return { allow: true, principal, scopes, ...tokenId, wire };
}

/**
 * A refused token's header and claims, decoded without trusting them, so the
 * Wire view can show what was presented (an expired `exp`, another pool's
 * `iss`); nothing in them is believed, and a token that is not a JWT shows nothing.
 */
function readAnyway(token: string, requiredScopes: readonly string[]): Pick<DoorDecision, 'wire'> {
  try {
    return { wire: { token: jwtEvidence(decodeProtectedHeader(token), decodeJwt(token), token.split('.')[2] !== ''), requiredScopes } };
  } catch {
    return { wire: { requiredScopes } };
  }
}

function unauthorized(reason: string): Extract<DoorDecision, { allow: false }> {
  return { allow: false, status: 401, message: 'Unauthorized', errorType: 'UnauthorizedException', reason };
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return error.claim === 'iss' ? "issuer is not this API's user pool" : `invalid ${error.claim} claim`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'invalid signature';
  if (error instanceof errors.JWKSNoMatchingKey) return 'unknown signing key';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed token';
  return 'invalid token';
}
