export { verifySigV4, type SignedRequest, type VerifyOptions } from './verify-sigv4.ts';
