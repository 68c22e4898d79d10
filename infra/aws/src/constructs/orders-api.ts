import { Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { KeylessFunction } from './keyless-function.ts';
import { KeylessTable } from './keyless-table.ts';
import { OrdersDoorApi } from './orders-door-api.ts';
import type { WorkshopCa } from './workshop-ca.ts';
import type { WorkshopUserPool } from './workshop-user-pool.ts';

export interface MtlsDomainProps {
  /** The Regional custom domain of the mTLS door, e.g. `orders-mtls.workshop.example.com` (its DNS is yours to point). */
  readonly domainName: string;
  /** ACM certificate for that name, in the stack's region. */
  readonly certificateArn: string;
}

export interface OrdersApiProps {
  readonly eventId: string;
  readonly evidence: dynamodb.ITableV2;
  readonly evidenceRetentionSeconds: number;
  readonly users: WorkshopUserPool;
  readonly ca: WorkshopCa;
  readonly mtls: MtlsDomainProps;
}

/**
 * The Orders API of the event: one Lambda hosting the local rules module,
 * an orders table, and the four front doors as separate REST APIs:
 * API key (usage plan; each attendee's key joins it from their stack), IAM
 * (SigV4), Cognito (the pool's access tokens with scope orders/read or
 * orders/write; the Lambda applies each method's own scope, as locally),
 * and mutual TLS on a Regional custom domain whose truststore is the
 * workshop CA, with revocation enforced by a Lambda authorizer cached per
 * certificate serial. Everything here is per event: API Gateway allows 120
 * REST APIs per region and creates custom domains at 1 per 30 s, so no
 * attendee gets an API or a domain of their own.
 */
export class OrdersApi extends Construct {
  readonly handler: KeylessFunction;
  readonly orders: KeylessTable;
  readonly apiKeyDoor: OrdersDoorApi;
  readonly iamDoor: OrdersDoorApi;
  readonly cognitoDoor: OrdersDoorApi;
  readonly mtlsDoor: OrdersDoorApi;
  readonly usagePlan: apigateway.UsagePlan;
  readonly domain: apigateway.DomainName;

  constructor(scope: Construct, id: string, props: OrdersApiProps) {
    super(scope, id);
    this.orders = new KeylessTable(this, 'Orders', { partitionKey: 'attendeeSlot', sortKey: 'sk' });
    const evidenceEnv = { EVIDENCE_TABLE: props.evidence.tableName, EVIDENCE_RETENTION_SECONDS: String(props.evidenceRetentionSeconds) };
    this.handler = new KeylessFunction(this, 'Handler', {
      entry: 'orders/orders-api.entry.ts',
      environment: {
        KEYLESS_EVENT_ID: props.eventId,
        ORDERS_TABLE: this.orders.table.tableName,
        USER_POOL_ID: props.users.userPool.userPoolId,
        ...evidenceEnv,
      },
    });
    this.orders.table.grantReadWriteData(this.handler.role);
    props.evidence.grantWriteData(this.handler.role);
    // The slot of an API key (its name) and of an app client (its name): read-only, one key or client at a time.
    this.handler.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['apigateway:GET'],
        resources: [`arn:${Stack.of(this).partition}:apigateway:${Stack.of(this).region}::/apikeys/*`],
      }),
    );
    this.handler.role.addToPolicy(
      new iam.PolicyStatement({ actions: ['cognito-idp:DescribeUserPoolClient'], resources: [props.users.userPool.userPoolArn] }),
    );
    const handler = this.handler.function;

    this.apiKeyDoor = new OrdersDoorApi(this, 'ApiKeyDoor', {
      eventId: props.eventId,
      door: 'api-key',
      handler,
      cors: true,
      method: { apiKeyRequired: true, authorizationType: apigateway.AuthorizationType.NONE },
    });
    this.usagePlan = this.apiKeyDoor.api.addUsagePlan('UsagePlan', {
      name: `keyless-${props.eventId}`,
      // Per key: what a lab run needs, and a loop cannot exhaust the stage for the room.
      throttle: { rateLimit: 10, burstLimit: 20 },
      apiStages: [{ api: this.apiKeyDoor.api, stage: this.apiKeyDoor.api.deploymentStage }],
    });
    this.iamDoor = new OrdersDoorApi(this, 'IamDoor', {
      eventId: props.eventId,
      door: 'sigv4',
      handler,
      cors: true,
      method: { authorizationType: apigateway.AuthorizationType.IAM },
    });
    const cognitoAuthorizer = new apigateway.CognitoUserPoolsAuthorizer(this, 'CognitoAuthorizer', {
      cognitoUserPools: [props.users.userPool],
    });
    this.cognitoDoor = new OrdersDoorApi(this, 'CognitoDoor', {
      eventId: props.eventId,
      door: 'cognito-jwt',
      handler,
      cors: true,
      // Either scope lets the token in; the rules then require each method's own, and record the refusal.
      method: {
        authorizationType: apigateway.AuthorizationType.COGNITO,
        authorizer: cognitoAuthorizer,
        authorizationScopes: [props.users.readScope.scopeName, props.users.writeScope.scopeName],
      },
    });

    const revocation = new KeylessFunction(this, 'RevocationAuthorizer', {
      entry: 'mtls/revocation-authorizer.entry.ts',
      environment: { CERTIFICATE_TABLE: props.ca.certificates.table.tableName, ...evidenceEnv },
    });
    props.ca.certificates.table.grantReadData(revocation.role);
    props.evidence.grantWriteData(revocation.role);
    const revocationAuthorizer = new apigateway.RequestAuthorizer(this, 'MtlsAuthorizer', {
      handler: revocation.function,
      // The cache key is the client certificate's serial: one certificate's verdict is never reused for another's.
      identitySources: [apigateway.IdentitySource.context('identity.clientCert.serialNumber')],
      // A revocation takes effect within this long at the mTLS door.
      resultsCacheTtl: Duration.seconds(10),
    });
    this.mtlsDoor = new OrdersDoorApi(this, 'MtlsDoor', {
      eventId: props.eventId,
      door: 'mtls',
      handler,
      disableExecuteApiEndpoint: true,
      method: { authorizationType: apigateway.AuthorizationType.CUSTOM, authorizer: revocationAuthorizer },
    });
    this.domain = new apigateway.DomainName(this, 'MtlsDomain', {
      domainName: props.mtls.domainName,
      certificate: acm.Certificate.fromCertificateArn(this, 'MtlsCertificate', props.mtls.certificateArn),
      endpointType: apigateway.EndpointType.REGIONAL,
      securityPolicy: apigateway.SecurityPolicy.TLS_1_2,
      mtls: { bucket: props.ca.truststore, key: 'truststore.pem', version: props.ca.truststoreVersion },
    });
    this.domain.addBasePathMapping(this.mtlsDoor.api, { stage: this.mtlsDoor.api.deploymentStage });
  }

  /** `https://<mtls domain>`: the mTLS door's base URL (the slot follows, like every door's). */
  get mtlsUrl(): string {
    return `https://${this.domain.domainName}`;
  }
}
