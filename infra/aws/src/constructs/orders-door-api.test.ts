import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { OrdersDoorApi } from './orders-door-api.ts';
import { testApp } from '../test-support/test-app.ts';

describe('OrdersDoorApi', () => {
  const stack = new Stack(testApp(), 'Test', { env: { region: 'us-east-1', account: '123456789012' } });
  // An inline function: the construct under test is the API, not the bundle.
  const handler = new lambda.Function(stack, 'Handler', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler=async()=>({})'),
  });
  const iam = new OrdersDoorApi(stack, 'Iam', {
    eventId: 'e1',
    door: 'sigv4',
    handler,
    method: { authorizationType: apigateway.AuthorizationType.IAM },
    cors: true,
  });
  new OrdersDoorApi(stack, 'Mtls', {
    eventId: 'e1',
    door: 'mtls',
    handler,
    method: { authorizationType: apigateway.AuthorizationType.IAM },
    disableExecuteApiEndpoint: true,
  });
  const template = Template.fromStack(stack);

  it('is a Regional API per door; the mTLS one has no execute-api endpoint', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      Name: 'keyless-e1-orders-sigv4',
      EndpointConfiguration: { Types: ['REGIONAL'] },
      DisableExecuteApiEndpoint: false,
    });
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { Name: 'keyless-e1-orders-mtls', DisableExecuteApiEndpoint: true });
  });

  it('stage prod names its door in a stage variable and is throttled', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      Variables: { frontDoor: 'sigv4' },
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 })],
    });
  });

  it('ANY /{slot}/orders goes to the Lambda with the door authorization; CORS preflight only where asked', () => {
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: '{slot}' });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'ANY',
      AuthorizationType: 'AWS_IAM',
      RequestParameters: { 'method.request.path.slot': true },
      Integration: { Type: 'AWS_PROXY' },
    });
    assert.equal(Object.keys(template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'OPTIONS' } })).length, 1);
  });

  it('its stage URL is the execute-api one with the stage, no trailing slash', () => {
    assert.deepEqual(stack.resolve(iam.stageUrl), {
      'Fn::Join': [
        '',
        [
          'https://',
          { Ref: stack.getLogicalId(iam.api.node.defaultChild as never) },
          '.execute-api.us-east-1.',
          { Ref: 'AWS::URLSuffix' },
          '/prod',
        ],
      ],
    });
  });
});
