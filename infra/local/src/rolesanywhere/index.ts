export { handleRolesAnywhereRequest } from './http.ts';
export { CreateSession } from './CreateSession.ts';
export { RolesAnywhereError, type RolesAnywhereErrorCode } from './errors.ts';
export type { RolesAnywhereServices } from './services.ts';
export { RolesAnywhereStore, PROFILE_SETTINGS, type RolesAnywhereResources } from './resources.ts';
export { verifySigV4X509, canonicalRequest, canonicalQuery, stringToSign, type X509SignedRequest } from './sigv4-x509.ts';
