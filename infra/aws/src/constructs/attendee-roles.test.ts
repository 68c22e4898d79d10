import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AttendeeRoles } from './attendee-roles.ts';
import { testApp } from '../test-support/test-app.ts';

const ANCHOR = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/ta1';

describe('AttendeeRoles', () => {
  const stack = new Stack(testApp(), 'Test', { env: { region: 'us-east-1', account: '123456789012' } });
  const instanceRole = new iam.Role(stack, 'InstanceRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
  new AttendeeRoles(stack, 'Roles', {
    eventId: 'e1',
    slot: 'a002',
    instanceRole,
    permissionsBoundary: iam.ManagedPolicy.fromManagedPolicyArn(
      stack,
      'B',
      'arn:aws:iam::123456789012:policy/keyless-e1-attendee-boundary',
    ),
    userPoolArn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_x',
    trustAnchorArn: ANCHOR,
    iamDoorStageArn: 'arn:aws:execute-api:us-east-1:123456789012:iamapi/prod',
    workshopStageArn: 'arn:aws:execute-api:us-east-1:123456789012:wsapi/prod',
  });
  const template = Template.fromStack(stack);
  const role = (name: string) =>
    Object.values(template.findResources('AWS::IAM::Role', { Properties: { RoleName: name } }))[0]?.Properties as Record<string, unknown>;

  it('every attendee role carries the permissions boundary and a slot name', () => {
    for (const name of ['keyless-e1-a002-orders', 'keyless-e1-a002-client-manager', 'keyless-e1-a002-roles-anywhere']) {
      assert.equal(role(name).PermissionsBoundary, 'arn:aws:iam::123456789012:policy/keyless-e1-attendee-boundary', name);
    }
  });

  it('the Roles Anywhere role trusts only the attendee CN through the event trust anchor, for every STS action', () => {
    const trust = role('keyless-e1-a002-roles-anywhere').AssumeRolePolicyDocument as {
      Statement: { Action: string | string[]; Condition: unknown; Principal: unknown }[];
    };
    const actions = trust.Statement.flatMap((statement) => [statement.Action].flat()).sort();
    assert.deepEqual(actions, ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession']);
    for (const statement of trust.Statement) {
      assert.deepEqual(statement.Principal, { Service: 'rolesanywhere.amazonaws.com' });
      assert.deepEqual(statement.Condition, {
        StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'keyless-e1-a002' },
        ArnEquals: { 'aws:SourceArn': ANCHOR },
      });
    }
    template.hasResourceProperties('AWS::RolesAnywhere::Profile', {
      Name: 'keyless-e1-a002',
      Enabled: true,
      RoleArns: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('RolesRolesAnywhere'), 'Arn'] }],
    });
  });

  it("the orders role may invoke only the IAM door on the attendee's own path, and is assumed from the instance role", () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('RolesOrders') }],
      PolicyDocument: {
        Statement: [
          {
            Action: 'execute-api:Invoke',
            Effect: 'Allow',
            Resource: [
              'arn:aws:execute-api:us-east-1:123456789012:iamapi/prod/GET/a002/orders',
              'arn:aws:execute-api:us-east-1:123456789012:iamapi/prod/POST/a002/orders',
            ],
          },
        ],
      },
    });
    const trust = role('keyless-e1-a002-orders').AssumeRolePolicyDocument as { Statement: { Principal: { AWS: unknown } }[] };
    assert.deepEqual(trust.Statement[0]?.Principal.AWS, {
      'Fn::GetAtt': [stack.getLogicalId(instanceRole.node.defaultChild as never), 'Arn'],
    });
  });

  it("the client manager manages the pool's app clients and writes the secret the instance role reads", () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', { Name: 'keyless/e1/a002/cognito-client' });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('RolesClientManager') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: Match.arrayWith(['cognito-idp:CreateUserPoolClient']),
            Resource: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_x',
          }),
          Match.objectLike({ Action: Match.arrayWith(['secretsmanager:PutSecretValue']) }),
        ]),
      },
    });
  });
});
