import { describe, it } from 'node:test';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EVIDENCE_TABLE } from '../contract/evidence-table.ts';
import { KeylessTable } from './keyless-table.ts';
import { testApp } from '../test-support/test-app.ts';

describe('KeylessTable', () => {
  const stack = new Stack(testApp(), 'Test');
  new KeylessTable(stack, 'Evidence', {
    partitionKey: EVIDENCE_TABLE.partitionKey,
    sortKey: EVIDENCE_TABLE.sortKey,
    ttlAttribute: EVIDENCE_TABLE.ttlAttribute,
  });
  const template = Template.fromStack(stack);

  it("has the evidence contract's keys and TTL, on demand, with point-in-time recovery", () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'attendeeSlot', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      Replicas: [{ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }],
    });
  });

  it('is deleted with the stack', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Delete' });
  });
});
