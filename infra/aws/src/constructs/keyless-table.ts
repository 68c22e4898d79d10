import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

export interface KeylessTableProps {
  readonly partitionKey: string;
  readonly sortKey?: string;
  /** Attribute DynamoDB's TTL deletes items by (epoch seconds). */
  readonly ttlAttribute?: string;
}

/**
 * One of the event's DynamoDB tables (evidence, orders, certificates):
 * on-demand (a room's burst needs no capacity planning and an idle event
 * costs nothing), point-in-time recovery, encrypted, deleted with the stack
 * (it holds workshop data only, and teardown must leave nothing).
 */
export class KeylessTable extends Construct {
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: KeylessTableProps) {
    super(scope, id);
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: props.partitionKey, type: dynamodb.AttributeType.STRING },
      ...(props.sortKey ? { sortKey: { name: props.sortKey, type: dynamodb.AttributeType.STRING } } : {}),
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      ...(props.ttlAttribute ? { timeToLiveAttribute: props.ttlAttribute } : {}),
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}
