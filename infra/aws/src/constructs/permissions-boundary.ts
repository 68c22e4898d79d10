import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export interface PermissionsBoundaryProps {
  readonly eventId: string;
  readonly userPoolArn: string;
  /** execute-api ARN patterns of the event's APIs attendee roles may call. */
  readonly invokableApis: readonly string[];
}

/**
 * The ceiling of every attendee role (a managed policy each carries as its
 * permissions boundary): whatever a role's own policy says, it can do no
 * more than call the event's APIs, assume the event's attendee roles, manage
 * app clients in the event's pool, use the event's secrets, and what the SSM
 * agent needs. IAM, Organizations and everything else are out of reach,
 * so even a mistake in a role's policy cannot let attendee code escalate.
 */
export class PermissionsBoundary extends Construct {
  readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: PermissionsBoundaryProps) {
    super(scope, id);
    const { partition, region, account } = Stack.of(this);
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      managedPolicyName: `keyless-${props.eventId}-attendee-boundary`,
      description: `Ceiling of every Keyless attendee role of event ${props.eventId}`,
      statements: [
        new iam.PolicyStatement({ sid: 'EventApis', actions: ['execute-api:Invoke'], resources: [...props.invokableApis] }),
        new iam.PolicyStatement({ sid: 'WhoAmI', actions: ['sts:GetCallerIdentity'], resources: ['*'] }),
        new iam.PolicyStatement({
          sid: 'EventRoles',
          actions: ['sts:AssumeRole', 'sts:TagSession'],
          resources: [`arn:${partition}:iam::${account}:role/keyless-${props.eventId}-*`],
        }),
        new iam.PolicyStatement({
          sid: 'AppClients',
          actions: [
            'cognito-idp:CreateUserPoolClient',
            'cognito-idp:UpdateUserPoolClient',
            'cognito-idp:DeleteUserPoolClient',
            'cognito-idp:DescribeUserPoolClient',
            'cognito-idp:ListUserPoolClients',
          ],
          resources: [props.userPoolArn],
        }),
        new iam.PolicyStatement({
          sid: 'EventSecrets',
          actions: ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:DescribeSecret'],
          resources: [`arn:${partition}:secretsmanager:${region}:${account}:secret:keyless/${props.eventId}/*`],
        }),
        new iam.PolicyStatement({
          sid: 'SsmAgent',
          actions: [
            'ssm:UpdateInstanceInformation',
            'ssmmessages:*',
            'ec2messages:*',
            'ssm:ListInstanceAssociations',
            'ssm:DescribeInstanceProperties',
            'ssm:GetDocument',
            'ssm:DescribeDocument',
            'ssm:PutInventory',
            'ssm:GetManifest',
            'ssm:ListAssociations',
            'ssm:PutComplianceItems',
            'ssm:PutConfigurePackageResult',
            'ssm:UpdateAssociationStatus',
            'ssm:UpdateInstanceAssociationStatus',
            'ssm:GetDeployablePatchSnapshotForInstance',
          ],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'NeverIam',
          effect: iam.Effect.DENY,
          actions: ['iam:*', 'organizations:*', 'account:*'],
          resources: ['*'],
        }),
      ],
    });
  }
}
