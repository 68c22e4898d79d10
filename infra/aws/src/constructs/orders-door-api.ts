import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { FrontDoor } from '@keyless/local-sandbox/orders-rules';

export interface OrdersDoorApiProps {
  readonly eventId: string;
  readonly door: FrontDoor;
  readonly handler: lambda.IFunction;
  /** How the door authorizes; API-key doors use `apiKeyRequired` and no authorizer. */
  readonly method: Pick<apigateway.MethodOptions, 'authorizationType' | 'authorizer' | 'authorizationScopes' | 'apiKeyRequired'>;
  /** The mTLS door is reachable only through its custom domain. */
  readonly disableExecuteApiEndpoint?: boolean;
  /** Browsers (the browser runner) may call the door: CORS preflight answered by API Gateway. */
  readonly cors?: boolean;
}

/** Stage name of every door, as locally. */
export const ORDERS_STAGE = 'prod';

/**
 * One front door of the Orders API: its own REST API (on API Gateway a
 * method has exactly one authorization type, so four ways in are four
 * APIs), Regional, stage `prod` whose stage variable `frontDoor` tells the
 * shared Lambda which door it is behind, and `ANY /{slot}/orders` proxied to
 * that Lambda, so the rules module, not API Gateway, owns the methods (an
 * unknown one is the rules' 403). Throttled per stage, so one attendee's
 * loop cannot starve the room.
 */
export class OrdersDoorApi extends Construct {
  readonly api: apigateway.RestApi;

  constructor(scope: Construct, id: string, props: OrdersDoorApiProps) {
    super(scope, id);
    this.api = new apigateway.RestApi(this, 'Api', {
      restApiName: `keyless-${props.eventId}-orders-${props.door}`,
      description: `Keyless Orders API, ${props.door} door (${props.eventId})`,
      endpointConfiguration: { types: [apigateway.EndpointType.REGIONAL] },
      disableExecuteApiEndpoint: props.disableExecuteApiEndpoint ?? false,
      cloudWatchRole: false,
      deployOptions: {
        stageName: ORDERS_STAGE,
        variables: { frontDoor: props.door },
        throttlingRateLimit: 200,
        throttlingBurstLimit: 400,
      },
    });
    // The stacks' outputs are the contract's (contract/stack-outputs.ts), not RestApi's default Endpoint.
    this.api.node.tryRemoveChild('Endpoint');
    const validator = this.api.addRequestValidator('Validator', { validateRequestParameters: true, validateRequestBody: true });
    const orders = this.api.root.addResource('{slot}').addResource('orders');
    if (props.cors) {
      orders.addCorsPreflight({
        allowOrigins: apigateway.Cors.ALL_ORIGINS,
        allowMethods: ['GET', 'POST', 'OPTIONS'],
        allowHeaders: ['authorization', 'content-type', 'x-api-key', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256'],
      });
    }
    orders.addMethod('ANY', new apigateway.LambdaIntegration(props.handler), {
      ...props.method,
      requestValidator: validator,
      requestParameters: { 'method.request.path.slot': true },
    });
  }

  /** `https://<api id>.execute-api.<region>.amazonaws.com/prod` (no trailing slash). */
  get stageUrl(): string {
    const stack = Stack.of(this);
    return `https://${this.api.restApiId}.execute-api.${stack.region}.${stack.urlSuffix}/${ORDERS_STAGE}`;
  }
}
