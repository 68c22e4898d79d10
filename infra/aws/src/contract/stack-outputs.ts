/**
 * The CloudFormation stack names and output keys the CDK app writes and the
 * provisioner and the AWS Sandbox read. One place, so the two halves cannot
 * drift: the stacks emit exactly these CfnOutput ids, the sandbox maps them to
 * the labs' SandboxOutputs.
 */

/**
 * The site's event id as AWS names take it: the site's ids are `evt_<16 hex>`,
 * and stack names (and role names) allow only letters, digits and `-`
 * (`evt_0a1b…` → `evt-0a1b…`). The provisioner passes this as the templates'
 * EventId and the event tag; names and Lambdas use it, never the raw id.
 */
export function awsEventName(eventId: string): string {
  return eventId.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

/** `keyless-<event>`: the event stack (shared, rate-limited or capped resources). */
export function eventStackName(eventId: string): string {
  return `keyless-${awsEventName(eventId)}`;
}

/** `keyless-<event>-<slot>`: one attendee's thin stack. */
export function attendeeStackName(eventId: string, slot: string): string {
  return `${eventStackName(eventId)}-${slot}`;
}

/** The attendee slot name for a 1-based index: `a001` … `a999`. */
export function attendeeSlot(index: number): string {
  if (!Number.isInteger(index) || index < 1 || index > 999)
    throw new RangeError(`attendee slot index must be 1..999, got ${String(index)}`);
  return `a${String(index).padStart(3, '0')}`;
}

/** Outputs of the event stack. */
export const EVENT_STACK_OUTPUTS = {
  region: 'Region',
  userPoolId: 'UserPoolId',
  /** `https://<prefix>.auth.<region>.amazoncognito.com/oauth2/token` */
  cognitoTokenUrl: 'CognitoTokenUrl',
  cognitoIssuer: 'CognitoIssuer',
  cognitoJwksUri: 'CognitoJwksUri',
  /**
   * Stage URL of the Orders API's Cognito (JWT scope) door. All four doors take
   * the attendee slot as the first path segment: an attendee's base URL is
   * `attendeeApiBaseUrl(<stage url>, <slot>)` (attendee-names.ts).
   */
  ordersApiUrl: 'OrdersApiUrl',
  /** Stage URL of the API-key door. */
  ordersApiKeyUrl: 'OrdersApiKeyUrl',
  /** Stage URL of the IAM (SigV4) door. */
  ordersIamUrl: 'OrdersIamUrl',
  /** `https://<mtls custom domain>` */
  ordersMtlsUrl: 'OrdersMtlsUrl',
  pkiUrl: 'PkiUrl',
  rolesAnywhereTrustAnchorArn: 'RolesAnywhereTrustAnchorArn',
  evidenceTableName: 'EvidenceTableName',
  permissionsBoundaryArn: 'PermissionsBoundaryArn',
  ciOidcIssuer: 'CiOidcIssuer',
  reviewApiUrl: 'ReviewApiUrl',
} as const;

/** Outputs of an attendee stack. */
export const ATTENDEE_STACK_OUTPUTS = {
  instanceId: 'InstanceId',
  instanceRoleArn: 'InstanceRoleArn',
  ordersRoleArn: 'OrdersRoleArn',
  /**
   * Id of the attendee's own Orders API key (one per attendee, so a call with it
   * is attributed to them; its value is read with apigateway:GetApiKey, never
   * put in an output).
   */
  ordersApiKeyId: 'OrdersApiKeyId',
  /** The role attendee code uses to manage its own Cognito app clients (separate from the workload's). */
  clientManagerRoleArn: 'ClientManagerRoleArn',
  /** Name of the Secrets Manager secret the client manager writes lab 3's app client credentials into and the instance role reads. */
  cognitoClientSecretId: 'CognitoClientSecretId',
  /** `<slot>-`: what the attendee's app clients in the event's shared user pool are named with (cognito-clients.ts). */
  appClientNamePrefix: 'AppClientNamePrefix',
  rolesAnywhereProfileArn: 'RolesAnywhereProfileArn',
  rolesAnywhereRoleArn: 'RolesAnywhereRoleArn',
  ciRoleArn: 'CiRoleArn',
  /** The OIDC lab's teaching role: trusts the CI issuer's tokens on `aud` alone (no `sub`), may only call GetCallerIdentity. */
  ciAudienceOnlyRoleArn: 'CiAudienceOnlyRoleArn',
  /** The certificate subject CN the attendee's Roles Anywhere role and mTLS door are pinned to. */
  certificateSubject: 'CertificateSubject',
} as const;

export type EventStackOutputKey = (typeof EVENT_STACK_OUTPUTS)[keyof typeof EVENT_STACK_OUTPUTS];
export type AttendeeStackOutputKey = (typeof ATTENDEE_STACK_OUTPUTS)[keyof typeof ATTENDEE_STACK_OUTPUTS];
