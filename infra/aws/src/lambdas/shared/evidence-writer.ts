import { randomUUID } from 'node:crypto';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Evidence } from '@keyless/labs/sandbox';
import { EVIDENCE_TABLE, evidenceSortKey } from '../../contract/evidence-table.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** One piece of evidence as a Lambda reports it; the writer adds the time, and the reader the id and attendee. */
export type EvidenceRecord = DistributiveOmit<Evidence, 'id' | 'at' | 'attendeeId' | 'labId' | 'runId'>;

export interface EvidenceWriter {
  /** Appends `event` to the evidence of attendee slot `slot`. */
  record(slot: string, event: EvidenceRecord): Promise<void>;
}

export interface EvidenceWriterOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly now: () => number;
  /** How long after it was written DynamoDB's TTL may delete an item. */
  readonly retentionSeconds: number;
  /** Makes the sort key unique when two items land in the same millisecond (a request id in practice). */
  readonly uniqueSuffix?: () => string;
}

/**
 * The evidence table's writer (contract/evidence-table.ts): one PutItem per
 * event, the kind's fields as top-level attributes, a TTL so the table
 * empties itself after the event. Writes are awaited before the Lambda
 * answers, so a check that polls after the response sees the item.
 */
export function dynamoEvidenceWriter(options: EvidenceWriterOptions): EvidenceWriter {
  const suffix = options.uniqueSuffix ?? randomUUID;
  return {
    async record(slot, event) {
      const at = options.now();
      await options.client.send(
        new PutCommand({
          TableName: options.tableName,
          Item: {
            ...event,
            [EVIDENCE_TABLE.partitionKey]: slot,
            [EVIDENCE_TABLE.sortKey]: evidenceSortKey(at, suffix()),
            at,
            [EVIDENCE_TABLE.ttlAttribute]: Math.floor(at / 1000) + options.retentionSeconds,
          },
        }),
      );
    },
  };
}
