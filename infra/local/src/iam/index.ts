export {
  Iam,
  INSTANCE_CREDENTIAL_LIFETIME_MS,
  INSTANCE_CREDENTIAL_REFRESH_MS,
  type CallerIdentity,
  type IssueRoleSessionInput,
  type IssuedRoleSession,
  type Role,
} from './iam.ts';
export { AccountStore, type Account } from './account-store.ts';
export type { RoleSession, SessionIssuer, TemporaryCredentials } from './session-store.ts';
export { arns, issuerHostPath, parseRoleArn } from './arn.ts';
export { authenticateSigV4, type AuthenticateOptions, type AuthenticatedCaller } from './authenticate.ts';
export { notAuthorizedMessage, type Denial, type DenialDetail } from './access-denied.ts';
export {
  CI_AUDIENCE,
  CI_REPOSITORY,
  CI_TRUSTED_SUBJECT,
  CLIENT_SECRET_NAME,
  COGNITO_INSTANCE_ACTIONS,
  INSTANCE_PROFILE_NAME,
  ROLE_NAMES,
  certificateCommonName,
  type RoleDefinition,
  type RoleName,
} from './catalogue.ts';
export { requestContext, UnsupportedConditionError, type RequestContext } from './conditions.ts';
export {
  evaluatePolicies,
  evaluateTrust,
  type AuthorizationRequest,
  type Decision,
  type TrustDecision,
  type TrustPrincipal,
} from './evaluate.ts';
export { MalformedPolicyError, parsePolicy, type PolicyDocument, type PolicyStatement } from './policy.ts';
