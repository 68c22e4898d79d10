import type { JwtEvidence } from './evidence.ts';

const STRING_CLAIMS = ['sub', 'iss', 'client_id', 'token_use', 'scope', 'jti'] as const;
const NUMBER_CLAIMS = ['exp', 'iat', 'auth_time', 'version'] as const;

/**
 * A JWT's header and claims as evidence keeps them: only the named claims an
 * access token has, each of its type, copied one by one, so nothing else a
 * token carries can reach the evidence log; of the signature, only whether
 * there was one. Both recorders use it (the token endpoint for the token it
 * issued, the authorizer for the token it read), locally and on AWS.
 */
export function jwtEvidence(
  header: Readonly<Record<string, unknown>>,
  payload: Readonly<Record<string, unknown>>,
  signaturePresent: boolean,
): JwtEvidence {
  const claims: Record<string, string | number> = {};
  for (const name of STRING_CLAIMS) if (typeof payload[name] === 'string') claims[name] = payload[name];
  for (const name of NUMBER_CLAIMS) if (typeof payload[name] === 'number') claims[name] = payload[name];
  return {
    header: {
      alg: typeof header.alg === 'string' ? header.alg : '',
      ...(typeof header.kid === 'string' ? { kid: header.kid } : {}),
      ...(typeof header.typ === 'string' ? { typ: header.typ } : {}),
    },
    claims,
    signaturePresent,
  };
}
