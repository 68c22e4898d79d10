export { verifySigV4, type SignedRequest, type VerifyOptions } from './verify-sigv4.ts';
export { SESSION_TOKEN_SHOWN_AS, SignatureMismatchError } from './signature-mismatch.ts';
export { sigV4Evidence } from './sigv4-evidence.ts';
