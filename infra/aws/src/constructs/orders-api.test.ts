import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { KeylessTable } from './keyless-table.ts';
import { OrdersApi } from './orders-api.ts';
import { WorkshopCa } from './workshop-ca.ts';
import { WorkshopUserPool } from './workshop-user-pool.ts';
import { testApp } from '../test-support/test-app.ts';

describe('OrdersApi', () => {
  const stack = new Stack(testApp(), 'Test', { env: { region: 'us-east-1', account: '123456789012' } });
  const evidence = new KeylessTable(stack, 'Evidence', { partitionKey: 'attendeeSlot', sortKey: 'sk', ttlAttribute: 'ttl' });
  new OrdersApi(stack, 'Orders', {
    eventId: 'e1',
    evidence: evidence.table,
    evidenceRetentionSeconds: 86_400,
    users: new WorkshopUserPool(stack, 'Users', { domainPrefix: 'keyless-e1' }),
    ca: new WorkshopCa(stack, 'Ca', { eventId: 'e1' }),
    mtls: { domainName: 'orders-mtls.example.com', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' },
  });
  const template = Template.fromStack(stack);

  it('has four doors, one Lambda behind them all', () => {
    template.resourceCountIs('AWS::ApiGateway::RestApi', 4);
    const methods = template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'ANY' } });
    const auth = Object.values(methods).map((method) => {
      const p = method.Properties as { AuthorizationType: string; ApiKeyRequired?: boolean; AuthorizationScopes?: unknown[] };
      return `${p.AuthorizationType}${p.ApiKeyRequired ? '+key' : ''}${p.AuthorizationScopes ? `+${String(p.AuthorizationScopes.length)}scopes` : ''}`;
    });
    assert.deepEqual(auth.sort(), ['AWS_IAM', 'COGNITO_USER_POOLS+2scopes', 'CUSTOM', 'NONE+key']);
    const functions = template.findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: { ORDERS_TABLE: Match.anyValue() } } },
    });
    assert.equal(Object.keys(functions).length, 1);
  });

  it('the API-key door has a throttled usage plan', () => {
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      UsagePlanName: 'keyless-e1',
      Throttle: { RateLimit: 10, BurstLimit: 20 },
    });
  });

  it('the mTLS domain is Regional, TLS 1.2, with the CA truststore at its pinned version', () => {
    template.hasResourceProperties('AWS::ApiGateway::DomainName', {
      DomainName: 'orders-mtls.example.com',
      EndpointConfiguration: { Types: ['REGIONAL'] },
      SecurityPolicy: 'TLS_1_2',
      MutualTlsAuthentication: {
        TruststoreUri: Match.anyValue(),
        TruststoreVersion: { 'Fn::GetAtt': [Match.stringLikeRegexp('CaCertificate'), 'TruststoreVersion'] },
      },
    });
    template.hasResourceProperties('AWS::ApiGateway::BasePathMapping', { DomainName: Match.anyValue() });
  });

  it('the revocation authorizer is cached per client certificate serial', () => {
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      IdentitySource: 'context.identity.clientCert.serialNumber',
      AuthorizerResultTtlInSeconds: 10,
    });
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', { Type: 'COGNITO_USER_POOLS' });
  });

  it('the Orders Lambda may read API key names and app clients of the pool, nothing wider', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'apigateway:GET',
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':apigateway:us-east-1::/apikeys/*']] },
          }),
          Match.objectLike({
            Action: 'cognito-idp:DescribeUserPoolClient',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('UsersPool'), 'Arn'] },
          }),
        ]),
      },
    });
  });
});
