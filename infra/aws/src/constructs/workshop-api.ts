import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { KeylessFunction } from './keyless-function.ts';
import type { WorkshopCa } from './workshop-ca.ts';
import { TRUSTSTORE_KEY } from './workshop-ca.ts';

export interface WorkshopApiProps {
  readonly eventId: string;
  readonly evidence: dynamodb.ITableV2;
  readonly evidenceRetentionSeconds: number;
  readonly ca: WorkshopCa;
}

const STAGE = 'prod';

/**
 * Keyless's own services for the labs, one REST API: the workshop PKI under
 * `/pki/{slot}/…` (CA certificate and CRL public, issue/list/revoke behind
 * IAM) and the choosing lab's review board at `/review/decisions` (IAM).
 */
export class WorkshopApi extends Construct {
  readonly api: apigateway.RestApi;
  readonly pki: KeylessFunction;
  readonly review: KeylessFunction;

  constructor(scope: Construct, id: string, props: WorkshopApiProps) {
    super(scope, id);
    const evidenceEnv = { EVIDENCE_TABLE: props.evidence.tableName, EVIDENCE_RETENTION_SECONDS: String(props.evidenceRetentionSeconds) };
    this.pki = new KeylessFunction(this, 'Pki', {
      entry: 'pki/pki-api.entry.ts',
      environment: {
        KEYLESS_EVENT_ID: props.eventId,
        CA_KEY_ID: props.ca.key.keyArn,
        TRUSTSTORE_BUCKET: props.ca.truststore.bucketName,
        TRUSTSTORE_KEY,
        CERTIFICATE_TABLE: props.ca.certificates.table.tableName,
        ROLES_ANYWHERE_CRL_ID: props.ca.crl.attrCrlId,
        ...evidenceEnv,
      },
    });
    props.ca.key.grant(this.pki.role, 'kms:Sign');
    props.ca.truststore.grantRead(this.pki.role, TRUSTSTORE_KEY);
    props.ca.certificates.table.grantReadWriteData(this.pki.role);
    props.evidence.grantWriteData(this.pki.role);
    const stack = Stack.of(this);
    this.pki.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['rolesanywhere:UpdateCrl'],
        resources: [`arn:${stack.partition}:rolesanywhere:${stack.region}:${stack.account}:crl/${props.ca.crl.attrCrlId}`],
      }),
    );
    this.review = new KeylessFunction(this, 'Review', {
      entry: 'review/review-api.entry.ts',
      environment: { KEYLESS_EVENT_ID: props.eventId, ...evidenceEnv },
    });
    props.evidence.grantWriteData(this.review.role);

    this.api = new apigateway.RestApi(this, 'Api', {
      restApiName: `keyless-${props.eventId}-workshop`,
      description: `Keyless workshop PKI and review board (${props.eventId})`,
      endpointConfiguration: { types: [apigateway.EndpointType.REGIONAL] },
      cloudWatchRole: false,
      binaryMediaTypes: ['application/pkix-crl'],
      deployOptions: { stageName: STAGE, throttlingRateLimit: 50, throttlingBurstLimit: 100 },
    });
    // The stacks' outputs are the contract's (contract/stack-outputs.ts), not RestApi's default Endpoint.
    this.api.node.tryRemoveChild('Endpoint');
    const validator = this.api.addRequestValidator('Validator', { validateRequestParameters: true, validateRequestBody: true });
    const pki = new apigateway.LambdaIntegration(this.pki.function);
    const slot = this.api.root.addResource('pki').addResource('{slot}');
    const signed = {
      authorizationType: apigateway.AuthorizationType.IAM,
      requestValidator: validator,
      requestParameters: { 'method.request.path.slot': true },
    };
    const open = {
      authorizationType: apigateway.AuthorizationType.NONE,
      requestValidator: validator,
      requestParameters: { 'method.request.path.slot': true },
    };
    for (const name of ['ca.pem', 'crl', 'crl.pem']) slot.addResource(name).addMethod('GET', pki, open);
    const certificates = slot.addResource('certificates');
    certificates.addMethod('GET', pki, signed);
    certificates.addMethod('POST', pki, signed);
    certificates
      .addResource('{serial}')
      .addResource('revoke')
      .addMethod('POST', pki, {
        ...signed,
        requestParameters: { 'method.request.path.slot': true, 'method.request.path.serial': true },
      });
    this.api.root.addResource('review').addResource('decisions').addMethod('POST', new apigateway.LambdaIntegration(this.review.function), {
      authorizationType: apigateway.AuthorizationType.IAM,
      requestValidator: validator,
    });
  }

  private get stageUrl(): string {
    const stack = Stack.of(this);
    return `https://${this.api.restApiId}.execute-api.${stack.region}.${stack.urlSuffix}/${STAGE}`;
  }

  /** The PKI's base; an attendee's is `<this>/<slot>`. */
  get pkiUrl(): string {
    return `${this.stageUrl}/pki`;
  }

  get reviewUrl(): string {
    return `${this.stageUrl}/review`;
  }

  /** execute-api ARN pattern of the signed routes, for the attendee roles' invoke permission. */
  arnForSignedRoutes(): string {
    return this.api.arnForExecuteApi('*', '/*', STAGE);
  }
}
