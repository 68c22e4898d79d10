import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EVIDENCE_TABLE } from '../contract/evidence-table.ts';
import { eventStackName, EVENT_STACK_OUTPUTS } from '../contract/stack-outputs.ts';
import { KeylessTable } from '../constructs/keyless-table.ts';
import { OrdersApi, type MtlsDomainProps } from '../constructs/orders-api.ts';
import { PermissionsBoundary } from '../constructs/permissions-boundary.ts';
import { WorkshopApi } from '../constructs/workshop-api.ts';
import { WorkshopCa } from '../constructs/workshop-ca.ts';
import { WorkshopNetwork } from '../constructs/workshop-network.ts';
import { WorkshopUserPool } from '../constructs/workshop-user-pool.ts';
import { tagForSweep } from './keyless-tags.ts';

/** The name of one of the event stack's named exports. */
export function eventExportName(eventId: string, name: 'IamDoorApiId' | 'WorkshopApiId'): string {
  return `${eventStackName(eventId)}-${name}`;
}

export interface EventStackProps extends StackProps {
  readonly eventId: string;
  /** ISO-8601: when everything of the event is a leftover (the sweep's tag). */
  readonly expiresAt: string;
  readonly mtls: MtlsDomainProps;
  /** How long evidence items live (DynamoDB TTL); a week by default. */
  readonly evidenceRetentionSeconds?: number;
}

/**
 * Everything of an event that AWS caps or rate-limits per account, shared by
 * the room: the user pool and its domain, the Orders API's four doors and
 * its mTLS custom domain, the workshop CA (KMS key, truststore, Roles
 * Anywhere trust anchor), the PKI and review board, the evidence table and
 * the attendee permissions boundary. Its outputs are the contract's.
 */
export class EventStack extends Stack {
  readonly eventId: string;
  readonly users: WorkshopUserPool;
  readonly ca: WorkshopCa;
  readonly orders: OrdersApi;
  readonly workshop: WorkshopApi;
  readonly evidence: KeylessTable;
  readonly boundary: PermissionsBoundary;
  readonly network: WorkshopNetwork;

  constructor(scope: Construct, props: EventStackProps) {
    super(scope, eventStackName(props.eventId), {
      ...props,
      stackName: eventStackName(props.eventId),
      description: `Keyless event ${props.eventId}: shared resources`,
    });
    const eventId = props.eventId.toLowerCase();
    this.eventId = eventId;
    const evidenceRetentionSeconds = props.evidenceRetentionSeconds ?? 7 * 24 * 60 * 60;
    this.evidence = new KeylessTable(this, 'Evidence', {
      partitionKey: EVIDENCE_TABLE.partitionKey,
      sortKey: EVIDENCE_TABLE.sortKey,
      ttlAttribute: EVIDENCE_TABLE.ttlAttribute,
    });
    this.users = new WorkshopUserPool(this, 'Users', { domainPrefix: `keyless-${eventId}` });
    this.ca = new WorkshopCa(this, 'Ca', { eventId });
    this.orders = new OrdersApi(this, 'Orders', {
      eventId,
      evidence: this.evidence.table,
      evidenceRetentionSeconds,
      users: this.users,
      ca: this.ca,
      mtls: props.mtls,
    });
    this.workshop = new WorkshopApi(this, 'Workshop', { eventId, evidence: this.evidence.table, evidenceRetentionSeconds, ca: this.ca });
    this.boundary = new PermissionsBoundary(this, 'Boundary', {
      eventId,
      userPoolArn: this.users.userPool.userPoolArn,
      invokableApis: [this.orders.iamDoor.api.arnForExecuteApi('*', '/*', 'prod'), this.workshop.arnForSignedRoutes()],
    });
    this.network = new WorkshopNetwork(this, 'Network');
    tagForSweep(this, { eventId, expiresAt: props.expiresAt });

    const output = (id: string, value: string, description: string) => new CfnOutput(this, id, { value, description });
    output(EVENT_STACK_OUTPUTS.region, this.region, 'Region of the event');
    output(EVENT_STACK_OUTPUTS.userPoolId, this.users.userPool.userPoolId, 'The shared user pool');
    output(EVENT_STACK_OUTPUTS.cognitoTokenUrl, this.users.tokenUrl, 'OAuth2 token endpoint of the pool domain');
    output(EVENT_STACK_OUTPUTS.cognitoIssuer, this.users.issuer, 'iss of the pool tokens');
    output(EVENT_STACK_OUTPUTS.cognitoJwksUri, this.users.jwksUri, 'JWKS of the pool');
    output(EVENT_STACK_OUTPUTS.ordersApiUrl, this.orders.cognitoDoor.stageUrl, 'Cognito door stage URL (append /<slot>)');
    output(EVENT_STACK_OUTPUTS.ordersApiKeyUrl, this.orders.apiKeyDoor.stageUrl, 'API-key door stage URL (append /<slot>)');
    output(EVENT_STACK_OUTPUTS.ordersIamUrl, this.orders.iamDoor.stageUrl, 'IAM door stage URL (append /<slot>)');
    output(EVENT_STACK_OUTPUTS.ordersMtlsUrl, this.orders.mtlsUrl, 'mTLS custom domain (append /<slot>)');
    output(EVENT_STACK_OUTPUTS.pkiUrl, this.workshop.pkiUrl, 'Workshop PKI (append /<slot>)');
    output(EVENT_STACK_OUTPUTS.reviewApiUrl, this.workshop.reviewUrl, 'Review board');
    output(EVENT_STACK_OUTPUTS.rolesAnywhereTrustAnchorArn, this.ca.trustAnchor.attrTrustAnchorArn, 'The workshop CA trust anchor');
    output(EVENT_STACK_OUTPUTS.evidenceTableName, this.evidence.table.tableName, 'Evidence table');
    output(EVENT_STACK_OUTPUTS.permissionsBoundaryArn, this.boundary.policy.managedPolicyArn, 'Boundary of every attendee role');
    // Named exports of the two API ids attendee policies name, so those policies read the same in every attendee template.
    new CfnOutput(this, 'ExportIamDoorApiId', {
      value: this.orders.iamDoor.api.restApiId,
      exportName: eventExportName(eventId, 'IamDoorApiId'),
    });
    new CfnOutput(this, 'ExportWorkshopApiId', {
      value: this.workshop.api.restApiId,
      exportName: eventExportName(eventId, 'WorkshopApiId'),
    });
  }
}
