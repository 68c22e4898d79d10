import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as rolesanywhere from 'aws-cdk-lib/aws-rolesanywhere';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { attendeeCommonName, attendeeRoleName } from '../contract/attendee-names.ts';

/** The attendee's own Orders paths on the IAM door: the two methods, nothing else. */
function ordersPaths(stageArn: string, slot: string): string[] {
  return [`${stageArn}/GET/${slot}/orders`, `${stageArn}/POST/${slot}/orders`];
}

export interface AttendeeRolesProps {
  readonly eventId: string;
  readonly slot: string;
  /** The workload's role (the instance's), which may assume the orders and client-manager roles. */
  readonly instanceRole: iam.IRole;
  readonly permissionsBoundary: iam.IManagedPolicy;
  readonly userPoolArn: string;
  readonly trustAnchorArn: string;
  /** execute-api ARN of the IAM door's stage (`…/<api id>/prod`). */
  readonly iamDoorStageArn: string;
  /** execute-api ARN of the workshop API's stage. */
  readonly workshopStageArn: string;
}

/**
 * The attendee's roles besides the instance's, each bounded and named for
 * the slot (so a Lambda can attribute its calls):
 * - orders (lab 1): assumed from the instance role, may only invoke the
 *   IAM door on the attendee's own path;
 * - client manager (lab 3): assumed from the instance role, may manage app
 *   clients in the event's pool (IAM can scope that only to the pool, see
 *   README) and write the attendee's client secret, which the instance role
 *   may read;
 * - Roles Anywhere (lab 5): trusted by rolesanywhere.amazonaws.com only for
 *   a certificate whose subject CN is the attendee's and only through the
 *   event's trust anchor (`aws:SourceArn`), with its profile.
 */
export class AttendeeRoles extends Construct {
  readonly orders: iam.Role;
  readonly clientManager: iam.Role;
  readonly clientSecret: secretsmanager.Secret;
  readonly rolesAnywhere: iam.Role;
  readonly profile: rolesanywhere.CfnProfile;
  readonly commonName: string;

  constructor(scope: Construct, id: string, props: AttendeeRolesProps) {
    super(scope, id);
    const { eventId, slot } = props;
    const bounded = { permissionsBoundary: props.permissionsBoundary };
    this.commonName = attendeeCommonName(eventId, slot);

    this.orders = new iam.Role(this, 'Orders', {
      roleName: attendeeRoleName(eventId, slot, 'orders'),
      assumedBy: props.instanceRole,
      ...bounded,
    });
    this.orders.addToPolicy(
      new iam.PolicyStatement({ actions: ['execute-api:Invoke'], resources: ordersPaths(props.iamDoorStageArn, slot) }),
    );

    this.clientSecret = new secretsmanager.Secret(this, 'ClientSecret', {
      secretName: `keyless/${eventId}/${slot}/cognito-client`,
      description: "Lab 3: the attendee's app client id and secret, written by the client manager",
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.clientManager = new iam.Role(this, 'ClientManager', {
      roleName: attendeeRoleName(eventId, slot, 'client-manager'),
      assumedBy: props.instanceRole,
      ...bounded,
    });
    this.clientManager.addToPolicy(
      new iam.PolicyStatement({
        actions: [
          'cognito-idp:CreateUserPoolClient',
          'cognito-idp:UpdateUserPoolClient',
          'cognito-idp:DeleteUserPoolClient',
          'cognito-idp:DescribeUserPoolClient',
          'cognito-idp:ListUserPoolClients',
        ],
        resources: [props.userPoolArn],
      }),
    );
    this.clientSecret.grantWrite(this.clientManager);
    this.clientSecret.grantRead(props.instanceRole);
    props.instanceRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: [this.orders.roleArn, this.clientManager.roleArn] }),
    );
    // The workload itself may use the PKI and review board (signed routes act for its slot) and the IAM door on its own path.
    props.instanceRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['execute-api:Invoke'],
        resources: [
          `${props.workshopStageArn}/GET/pki/${slot}/certificates`,
          `${props.workshopStageArn}/POST/pki/${slot}/certificates`,
          // The serial is a path segment: the only wildcard, inside the attendee's own PKI path.
          `${props.workshopStageArn}/POST/pki/${slot}/certificates/*/revoke`,
          `${props.workshopStageArn}/POST/review/decisions`,
        ],
      }),
    );

    // Roles Anywhere's CreateSession assumes the role with sts:AssumeRole, TagSession and SetSourceIdentity
    // (IAM Roles Anywhere User Guide, "Trust model"); every one is pinned to the CN and the trust anchor.
    const rolesAnywhereService = new iam.ServicePrincipal('rolesanywhere.amazonaws.com');
    const pinned = {
      StringEquals: { 'aws:PrincipalTag/x509Subject/CN': this.commonName },
      ArnEquals: { 'aws:SourceArn': props.trustAnchorArn },
    };
    this.rolesAnywhere = new iam.Role(this, 'RolesAnywhere', {
      roleName: attendeeRoleName(eventId, slot, 'roles-anywhere'),
      assumedBy: new iam.PrincipalWithConditions(rolesAnywhereService, pinned),
      ...bounded,
    });
    this.rolesAnywhere.assumeRolePolicy?.addStatements(
      new iam.PolicyStatement({
        actions: ['sts:TagSession', 'sts:SetSourceIdentity'],
        principals: [rolesAnywhereService],
        conditions: pinned,
      }),
    );
    this.rolesAnywhere.addToPolicy(
      new iam.PolicyStatement({ actions: ['execute-api:Invoke'], resources: ordersPaths(props.iamDoorStageArn, slot) }),
    );
    this.profile = new rolesanywhere.CfnProfile(this, 'Profile', {
      name: `keyless-${eventId}-${slot}`,
      enabled: true,
      roleArns: [this.rolesAnywhere.roleArn],
      durationSeconds: 3600,
    });
  }
}
