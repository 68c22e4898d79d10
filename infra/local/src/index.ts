/**
 * @keyless/local-sandbox: the emulated AWS sandbox of local mode. One HTTP
 * port serves STS, the Cognito control plane, token endpoint and JWKS, every
 * attendee's Orders API front doors and CI OIDC issuer; each attendee
 * instance has its own IMDS port; all state lives in one SQLite file.
 */
export {
  createLocalSandboxes,
  ReducedIsolationError,
  SHARED_NETWORK_FLAG,
  type LocalSandboxes,
  type LocalSandboxesOptions,
} from './local-sandboxes.ts';
export { startLocalAws, openLocalAws, type LocalAws, type LocalAwsOptions } from './local-aws.ts';
export {
  LocalSandboxProvider,
  instanceEnv,
  openReadOnlySandboxes,
  type InstanceFactory,
  type ReadOnlySandboxes,
} from './provider/index.ts';
export type { AttendeeRecord } from './attendees/index.ts';
export type { TemporaryCredentials, IssueRoleSessionInput, IssuedRoleSession } from './iam/index.ts';
export { roleCatalogue, ROLE_NAMES, type RoleDefinition } from './iam/catalogue.ts';
export { generateSigningKey, type SigningKeyInput } from './keys/signing-keys.ts';
export { generateWorkshopCa, type WorkshopCaInput } from './pki/index.ts';
