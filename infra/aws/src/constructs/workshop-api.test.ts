import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { KeylessTable } from './keyless-table.ts';
import { WorkshopApi } from './workshop-api.ts';
import { WorkshopCa } from './workshop-ca.ts';
import { testApp } from '../test-support/test-app.ts';

describe('WorkshopApi', () => {
  const stack = new Stack(testApp(), 'Test', { env: { region: 'us-east-1', account: '123456789012' } });
  const evidence = new KeylessTable(stack, 'Evidence', { partitionKey: 'attendeeSlot', sortKey: 'sk', ttlAttribute: 'ttl' });
  const api = new WorkshopApi(stack, 'Workshop', {
    eventId: 'e1',
    evidence: evidence.table,
    evidenceRetentionSeconds: 60,
    ca: new WorkshopCa(stack, 'Ca', { eventId: 'e1' }),
  });
  const template = Template.fromStack(stack);

  it('the CA certificate and CRL are public; issuing, listing, revoking and the review board need SigV4', () => {
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method')).map(
      (m) => m.Properties as { HttpMethod: string; AuthorizationType: string },
    );
    const byAuth = (type: string) =>
      methods
        .filter((m) => m.AuthorizationType === type)
        .map((m) => m.HttpMethod)
        .sort();
    assert.deepEqual(byAuth('NONE'), ['GET', 'GET', 'GET']);
    assert.deepEqual(byAuth('AWS_IAM'), ['GET', 'POST', 'POST', 'POST']);
  });

  it('the PKI may sign with the CA key and replace the Roles Anywhere CRL, nothing else of KMS', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'kms:Sign', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('CaKey'), 'Arn'] } }),
          Match.objectLike({ Action: 'rolesanywhere:UpdateCrl' }),
        ]),
      },
    });
  });

  it('serves the CRL as binary and names its URLs', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { BinaryMediaTypes: ['application/pkix-crl'] });
    assert.match(JSON.stringify(stack.resolve(api.pkiUrl)), /\/prod\/pki"/);
    assert.match(JSON.stringify(stack.resolve(api.reviewUrl)), /\/prod\/review"/);
  });
});
