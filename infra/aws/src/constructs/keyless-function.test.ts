import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { KeylessFunction } from './keyless-function.ts';
import { testApp } from '../test-support/test-app.ts';

describe('KeylessFunction', () => {
  const stack = new Stack(testApp(), 'Test');
  new KeylessFunction(stack, 'Review', { entry: 'review/review-api.entry.ts', environment: { KEYLESS_EVENT_ID: 'e1' } });
  const template = Template.fromStack(stack);

  it('is Node 24 on arm64, bundled locally into an asset', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Environment: { Variables: { KEYLESS_EVENT_ID: 'e1' } },
      Code: { S3Key: Match.stringLikeRegexp('^[0-9a-f]{64}\\.zip$') },
    });
  });

  it('writes only to its own log group, kept two weeks; no managed policy', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 14 });
    const roles = template.findResources('AWS::IAM::Role');
    assert.equal(Object.keys(roles).length, 1);
    for (const role of Object.values(roles))
      assert.equal((role.Properties as { ManagedPolicyArns?: unknown }).ManagedPolicyArns, undefined);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('ReviewLogs'), 'Arn'] },
          }),
        ],
      },
    });
  });
});
