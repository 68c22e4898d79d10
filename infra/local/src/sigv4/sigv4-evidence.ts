import type { SigV4Evidence } from '@keyless/labs/sandbox';
import { SignatureMismatchError } from './signature-mismatch.ts';

type Headers = Readonly<Record<string, string | readonly string[] | undefined>>;

const AUTH = /^(AWS4-HMAC-SHA256|AWS4-X509-RSA-SHA256|AWS4-X509-ECDSA-SHA256) Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),/;

/**
 * The non-secret part of a request's SigV4 `Authorization` header: the
 * algorithm, the credential (access key id, or the certificate serial for
 * SigV4-X509) and its scope, the signed headers. The signature is left out
 * (a valid one replays for 15 minutes), so is everything else. With the
 * verifier's mismatch error, also the canonical request and string to sign
 * it computed. Undefined for a request that is not SigV4-signed.
 */
export function sigV4Evidence(headers: Headers, error?: unknown): SigV4Evidence | undefined {
  const raw = headers.authorization;
  const authorization = typeof raw === 'string' ? raw : raw?.[0];
  const match = authorization ? AUTH.exec(authorization.trim()) : null;
  if (!match) return undefined;
  const [, algorithm = '', credential = '', signedHeaders = ''] = match;
  const slash = credential.indexOf('/');
  const mismatch = error instanceof SignatureMismatchError ? error : undefined;
  return {
    algorithm,
    credentialId: slash < 0 ? credential : credential.slice(0, slash),
    credentialScope: slash < 0 ? '' : credential.slice(slash + 1),
    signedHeaders: signedHeaders.split(';').filter(Boolean),
    ...(mismatch ? { canonicalRequest: mismatch.canonicalRequest, stringToSign: mismatch.stringToSign } : {}),
  };
}
