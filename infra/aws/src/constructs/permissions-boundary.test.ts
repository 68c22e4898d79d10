import { describe, it } from 'node:test';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PermissionsBoundary } from './permissions-boundary.ts';
import { testApp } from '../test-support/test-app.ts';

describe('PermissionsBoundary', () => {
  const stack = new Stack(testApp(), 'Test', { env: { region: 'us-east-1', account: '123456789012' } });
  new PermissionsBoundary(stack, 'Boundary', {
    eventId: 'e1',
    userPoolArn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_x',
    invokableApis: ['arn:aws:execute-api:us-east-1:123456789012:abc/prod/*'],
  });
  const template = Template.fromStack(stack);

  it('is a named managed policy that denies IAM outright', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: 'keyless-e1-attendee-boundary',
      PolicyDocument: {
        Statement: Match.arrayWith([{ Sid: 'NeverIam', Effect: 'Deny', Action: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' }]),
      },
    });
  });

  it("allows app-client actions on the event's pool only, roles of the event only", () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Sid: 'EventApis', Resource: 'arn:aws:execute-api:us-east-1:123456789012:abc/prod/*' }),
          Match.objectLike({
            Sid: 'EventRoles',
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::123456789012:role/keyless-e1-*']] },
          }),
          Match.objectLike({ Sid: 'AppClients', Resource: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_x' }),
        ]),
      },
    });
  });
});
