/**
 * @keyless/local-sandbox: the emulated AWS sandbox of local mode. One HTTP
 * port serves the Cognito control plane, token endpoint and JWKS, and every
 * attendee's Orders API; all state lives in one SQLite file.
 */
export { startLocalAws, openLocalAws, type LocalAws, type LocalAwsOptions } from './local-aws.ts';
export { LocalSandboxProvider, instanceEnv, type InstanceFactory } from './provider/index.ts';
export type { AttendeeRecord } from './attendees/index.ts';
export type { TemporaryCredentials, TemporaryCredentials as AttendeeCredentials, IssueRoleSessionInput, IssuedRoleSession } from './iam/index.ts';
export { generateSigningKey, type SigningKeyInput } from './keys/signing-keys.ts';
export { generateWorkshopCa, type WorkshopCaInput } from './pki/index.ts';
