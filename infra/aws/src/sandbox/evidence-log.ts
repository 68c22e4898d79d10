import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Evidence, EvidenceKind, EvidenceLog, EvidenceOf, EvidenceQuery } from '@keyless/labs/sandbox';
import { EVIDENCE_TABLE } from '../contract/evidence-table.ts';
import { toEvidence } from './evidence-item.ts';
import type { ImdsLogLine } from './imds-log.ts';
import type { RunWindows } from './run-windows.ts';

export interface AwsEvidenceLogOptions {
  readonly documents: DynamoDBDocumentClient;
  readonly tableName: string;
  /** The attendee slot the Lambdas attribute evidence to (the table's partition key). */
  readonly slot: string;
  /** The site's attendee id, which the evidence carries. */
  readonly attendeeId: string;
  readonly windows: RunWindows;
  /** IMDS evidence, read from the instance's recorder log. */
  readonly readImds: () => Promise<readonly ImdsLogLine[]>;
}

/** Pages read at most per query, so a noisy attendee cannot make a Check scan forever. */
const MAX_PAGES = 10;

/**
 * The AWS Sandbox's evidence: the event's evidence table (written by every
 * Lambda of the event stack), queried by attendee slot newest first with
 * strongly consistent reads, plus IMDS requests from the instance's
 * recorder. Scoped to one attendee: the partition key is theirs alone.
 */
export function createAwsEvidenceLog(options: AwsEvidenceLogOptions): EvidenceLog {
  return {
    async query<K extends EvidenceKind>(query: EvidenceQuery<K>): Promise<readonly EvidenceOf<K>[]> {
      const limit = query.limit ?? 100;
      const items = query.kind === 'imds-request' ? await imdsItems(options) : await tableItems(options, query, limit);
      const evidence: EvidenceOf<K>[] = [];
      items.forEach((item, ordinal) => {
        const converted = toEvidence(item, options.attendeeId, items.length - ordinal, options.windows);
        if (!converted || converted.kind !== query.kind) return;
        if (query.since !== undefined && converted.at < query.since) return;
        if (query.labId !== undefined && converted.labId !== undefined && converted.labId !== query.labId) return;
        evidence.push(converted as EvidenceOf<K>);
      });
      return evidence.sort(newestFirst).slice(0, limit);
    },
  };
}

function newestFirst(a: Evidence, b: Evidence): number {
  return b.id - a.id;
}

async function imdsItems(options: AwsEvidenceLogOptions): Promise<Record<string, unknown>[]> {
  const lines = await options.readImds();
  return lines.map((line) => ({ kind: 'imds-request', outcome: line.status < 400 ? 'success' : 'failure', ...line }));
}

async function tableItems(
  options: AwsEvidenceLogOptions,
  query: EvidenceQuery<EvidenceKind>,
  limit: number,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const sinceKey = String(Math.max(0, Math.trunc(query.since ?? 0))).padStart(13, '0');
    const answer = await options.documents.send(
      new QueryCommand({
        TableName: options.tableName,
        KeyConditionExpression: '#pk = :slot AND #sk >= :since',
        FilterExpression: '#kind = :kind',
        ExpressionAttributeNames: { '#pk': EVIDENCE_TABLE.partitionKey, '#sk': EVIDENCE_TABLE.sortKey, '#kind': 'kind' },
        ExpressionAttributeValues: { ':slot': options.slot, ':since': sinceKey, ':kind': query.kind },
        ScanIndexForward: false,
        // A read after the Lambda's write returns it (DynamoDB read consistency: strongly consistent reads on the base table).
        ConsistentRead: true,
        Limit: Math.max(limit, 25),
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    items.push(...(answer.Items ?? []));
    startKey = answer.LastEvaluatedKey;
    if (!startKey || items.length >= limit) break;
  }
  return items;
}
