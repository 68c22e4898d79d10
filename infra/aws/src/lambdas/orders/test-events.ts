import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { FrontDoor } from '@keyless/local-sandbox/orders-rules';

export interface TestCaller {
  readonly door: FrontDoor;
  /** sigv4: the assumed-role ARN; mtls: the authorizer's slot and subject; api-key: the key id; cognito: the token claims. */
  readonly userArn?: string;
  readonly apiKeyId?: string;
  readonly mtls?: { readonly slot: string; readonly subject: string } | undefined;
  readonly claims?: Record<string, string>;
}

/** An API Gateway REST proxy event for `/{slot}/orders`, as the door's integration would deliver it. */
export function ordersEvent(
  caller: TestCaller,
  request: { slot: string; method: string; body?: string; requestId?: string },
): APIGatewayProxyEvent {
  const authorizer = caller.mtls ? { ...caller.mtls } : caller.claims ? { claims: caller.claims } : null;
  return {
    resource: '/{slot}/orders',
    path: `/${request.slot}/orders`,
    httpMethod: request.method,
    headers: {},
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: { slot: request.slot },
    stageVariables: { frontDoor: caller.door },
    body: request.body ?? null,
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: `api-${caller.door}`,
      authorizer,
      protocol: 'HTTP/1.1',
      httpMethod: request.method,
      path: `/prod/${request.slot}/orders`,
      stage: 'prod',
      requestId: request.requestId ?? `req-${Math.random().toString(36).slice(2)}`,
      requestTimeEpoch: 0,
      resourceId: 'res',
      resourcePath: '/{slot}/orders',
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: caller.apiKeyId ?? null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '192.0.2.1',
        user: null,
        userAgent: 'test',
        userArn: caller.userArn ?? null,
      },
    },
  };
}
