import type { AttendeeRecord } from '../attendees/index.ts';
import { arns, issuerHostPath } from './arn.ts';
import type { PolicyDocument, PolicyStatement } from './policy.ts';

/** A policy document as the catalogue writes it: always a list of statements, so readers can index it. */
export type PolicyStatements = PolicyDocument & { Statement: PolicyStatement[] };

/** The roles every attendee account has, as the per-attendee AWS stack creates them. */
export const ROLE_NAMES = {
  /** What the instance profile gives the attendee's instance (IMDS credentials). */
  instance: 'keyless-instance-role',
  /** Narrow role the instance role may assume to call the Orders API (IAM front door). */
  orders: 'keyless-orders-role',
  /**
   * Manages the pool's app clients and stores a client's credentials in its
   * secret (lab 3). The instance role may assume it; the workload's own role
   * (the instance role) can neither create clients nor read their secrets
   * from Cognito, so it cannot mint itself a client with broader scopes.
   */
  clientManager: 'keyless-client-manager-role',
  /** Assumed by the simulated CI system with an OIDC ID token. */
  ci: 'keyless-ci-role',
  /**
   * A teaching role (OIDC lab): its trust policy checks `aud` but not `sub`,
   * so any job of the issuer gets in. It may only call GetCallerIdentity.
   */
  ciAudienceOnly: 'keyless-ci-audience-only-role',
  /** Assumed through IAM Roles Anywhere with an attendee certificate. */
  rolesAnywhere: 'keyless-rolesanywhere-role',
} as const;
export type RoleName = (typeof ROLE_NAMES)[keyof typeof ROLE_NAMES];

export const INSTANCE_PROFILE_NAME = 'keyless-instance-profile';
/** The audience the CI role's trust policy requires (what `configure-aws-credentials` requests). */
export const CI_AUDIENCE = 'sts.amazonaws.com';
/** The repository and branch the simulated CI runs and the CI role trusts. */
export const CI_REPOSITORY = 'keyless/orders';
export const CI_TRUSTED_SUBJECT = `repo:${CI_REPOSITORY}:ref:refs/heads/main`;

/**
 * The subject CN an attendee's workshop certificate carries, which the Roles
 * Anywhere role's trust policy requires (`aws:PrincipalTag/x509Subject/CN`).
 * The PKI binds certificates to attendees with this value.
 */
export const certificateCommonName = (attendeeId: string): string => attendeeId;

/**
 * The Secrets Manager secret holding lab 3's app client credentials, in each
 * attendee's account. Secrets Manager appends `-` and six random characters
 * to a secret's ARN, so policies name it `…:secret:<name>-??????`, as AWS's
 * Secrets Manager user guide recommends ("Permissions policy examples").
 */
export const CLIENT_SECRET_NAME = 'keyless/orders-worker-client';

/** The Cognito actions the client manager role may call on its own pool. */
export const COGNITO_INSTANCE_ACTIONS = [
  'cognito-idp:CreateUserPoolClient',
  'cognito-idp:DescribeUserPoolClient',
  'cognito-idp:ListUserPoolClients',
  'cognito-idp:UpdateUserPoolClient',
  'cognito-idp:DeleteUserPoolClient',
  'cognito-idp:CreateResourceServer',
  'cognito-idp:DescribeResourceServer',
  'cognito-idp:ListResourceServers',
  'cognito-idp:UpdateResourceServer',
  'cognito-idp:DeleteResourceServer',
  'cognito-idp:DescribeUserPool',
];

export interface RoleDefinition {
  readonly name: RoleName;
  readonly description: string;
  /** MaxSessionDuration in seconds (IAM default 3600). */
  readonly maxSessionDuration: number;
  readonly trustPolicy: PolicyStatements;
  /** Inline permission policies by name. */
  readonly policies: Readonly<Record<string, PolicyStatements>>;
}

export interface CatalogueInput {
  readonly attendee: AttendeeRecord;
  readonly accountId: string;
  readonly region: string;
  /** The attendee's CI OIDC issuer URL. */
  readonly ciIssuer: string;
  /** The attendee account's Roles Anywhere trust anchor (the workshop CA), which the Roles Anywhere role pins. */
  readonly rolesAnywhereTrustAnchorArn: string;
}

const V = '2012-10-17' as const;

/**
 * The attendee's roles, derived from their current resource ids every time
 * (so a reset's new API ids are in the policies at once, and the CI issuer's
 * URL follows the port the sandbox listens on). Least privilege throughout:
 * the instance role cannot call the Orders API itself, it must assume the
 * orders role, which can do nothing but invoke GET/POST /orders.
 */
export function roleCatalogue(input: CatalogueInput): readonly RoleDefinition[] {
  const { attendee, accountId, region } = input;
  const ordersInvoke = (apiId: string): string[] =>
    ['GET', 'POST'].map((method) => arns.executeApi(region, accountId, apiId, 'prod', method, '/orders'));
  const invokeOrders: PolicyStatements = {
    Version: V,
    Statement: [{ Sid: 'InvokeOrders', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: ordersInvoke(attendee.iamApiId) }],
  };
  const oidc = issuerHostPath(input.ciIssuer);
  const clientSecret = arns.secret(region, accountId, `${CLIENT_SECRET_NAME}-??????`);
  const trustInstanceRole: PolicyStatements = {
    Version: V,
    Statement: [{ Effect: 'Allow', Principal: { AWS: arns.role(accountId, ROLE_NAMES.instance) }, Action: 'sts:AssumeRole' }],
  };
  return [
    {
      name: ROLE_NAMES.instance,
      description: 'Role of the attendee instance (instance profile): the workload.',
      maxSessionDuration: 3600,
      trustPolicy: { Version: V, Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      policies: {
        'read-client-secret': {
          Version: V,
          Statement: [{ Sid: 'ReadOwnClientSecret', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: clientSecret }],
        },
        'assume-orders-role': {
          Version: V,
          Statement: [
            {
              Sid: 'AssumeNarrowRoles',
              Effect: 'Allow',
              Action: 'sts:AssumeRole',
              Resource: [arns.role(accountId, ROLE_NAMES.orders), arns.role(accountId, ROLE_NAMES.clientManager)],
            },
            // GetCallerIdentity needs no permission on AWS; listed so the policy reads as documentation.
            { Sid: 'WhoAmI', Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' },
          ],
        },
      },
    },
    {
      name: ROLE_NAMES.clientManager,
      description: "Manage the pool's app clients and store a client's credentials in its secret; nothing else.",
      maxSessionDuration: 3600,
      trustPolicy: trustInstanceRole,
      policies: {
        'cognito-own-pool': {
          Version: V,
          Statement: [
            {
              Sid: 'ManageOwnPool',
              Effect: 'Allow',
              Action: COGNITO_INSTANCE_ACTIONS,
              Resource: arns.userPool(region, accountId, attendee.userPoolId),
            },
          ],
        },
        'write-client-secret': {
          Version: V,
          Statement: [
            {
              Sid: 'StoreClientSecret',
              Effect: 'Allow',
              Action: ['secretsmanager:PutSecretValue', 'secretsmanager:DescribeSecret'],
              Resource: clientSecret,
            },
          ],
        },
      },
    },
    {
      name: ROLE_NAMES.orders,
      description: 'Invoke the Orders API (IAM front door), nothing else.',
      maxSessionDuration: 3600,
      trustPolicy: trustInstanceRole,
      policies: { 'invoke-orders': invokeOrders },
    },
    {
      name: ROLE_NAMES.ci,
      description: 'Deploy role for CI jobs on the main branch of the orders repository (OIDC).',
      maxSessionDuration: 3600,
      trustPolicy: {
        Version: V,
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: arns.oidcProvider(accountId, oidc) },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { StringEquals: { [`${oidc}:aud`]: CI_AUDIENCE, [`${oidc}:sub`]: CI_TRUSTED_SUBJECT } },
          },
        ],
      },
      policies: { 'invoke-orders': invokeOrders },
    },
    {
      name: ROLE_NAMES.ciAudienceOnly,
      description: 'Teaching role: trusts every job of the CI issuer (aud checked, sub not). May only call GetCallerIdentity.',
      maxSessionDuration: 3600,
      trustPolicy: {
        Version: V,
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: arns.oidcProvider(accountId, oidc) },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { StringEquals: { [`${oidc}:aud`]: CI_AUDIENCE } },
          },
        ],
      },
      policies: {
        'who-am-i': { Version: V, Statement: [{ Sid: 'WhoAmI', Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }] },
      },
    },
    {
      name: ROLE_NAMES.rolesAnywhere,
      description: "Workloads outside AWS holding the attendee's workshop certificate (IAM Roles Anywhere).",
      maxSessionDuration: 3600,
      trustPolicy: {
        Version: V,
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'rolesanywhere.amazonaws.com' },
            Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
            // The CN says which certificate; aws:SourceArn says which CA may vouch for it. Without the
            // second, any trust anchor of this account whose CA issues that CN gets the role (AWS's
            // "Attribute mapping and trust policy" example pairs the two).
            Condition: {
              StringEquals: { 'aws:PrincipalTag/x509Subject/CN': certificateCommonName(attendee.attendeeId) },
              ArnEquals: { 'aws:SourceArn': input.rolesAnywhereTrustAnchorArn },
            },
          },
        ],
      },
      policies: { 'invoke-orders': invokeOrders },
    },
  ];
}
