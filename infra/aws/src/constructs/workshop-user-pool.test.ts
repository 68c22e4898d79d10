import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { WorkshopUserPool } from './workshop-user-pool.ts';
import { testApp } from '../test-support/test-app.ts';

describe('WorkshopUserPool', () => {
  const stack = new Stack(testApp(), 'Test', { env: { region: 'eu-west-1', account: '123456789012' } });
  const pool = new WorkshopUserPool(stack, 'Users', { domainPrefix: 'keyless-reinvent' });
  const template = Template.fromStack(stack);

  it('has the orders resource server with read and write scopes', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'orders',
      Scopes: [
        { ScopeName: 'read', ScopeDescription: 'List orders' },
        { ScopeName: 'write', ScopeDescription: 'Create orders' },
      ],
    });
    assert.deepEqual(stack.resolve(pool.readScope.scopeName), {
      'Fn::Join': ['', [{ Ref: stack.getLogicalId(pool.resourceServer.node.defaultChild as never) }, '/read']],
    });
    assert.deepEqual(stack.resolve(pool.writeScope.scopeName), {
      'Fn::Join': ['', [{ Ref: stack.getLogicalId(pool.resourceServer.node.defaultChild as never) }, '/write']],
    });
  });

  it('has a prefix domain and no self sign-up', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'keyless-reinvent' });
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
    });
  });

  it('names its issuer, token URL and JWKS as tokens and discovery do', () => {
    const resolved = stack.resolve(pool.tokenUrl) as unknown;
    assert.match(JSON.stringify(resolved), /oauth2\/token/);
    assert.match(JSON.stringify(stack.resolve(pool.issuer)), /https:\/\/cognito-idp\.eu-west-1\.amazonaws\.com\//);
    assert.match(JSON.stringify(stack.resolve(pool.jwksUri)), /\.well-known\/jwks\.json/);
  });
});
