/** Lambda entry point of the choosing lab's review board. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoEvidenceWriter } from '../shared/evidence-writer.ts';
import { requiredEnv } from '../shared/required-env.ts';
import { createReviewApiHandler } from './review-api.ts';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });

export const handler = createReviewApiHandler({
  eventId: requiredEnv(process.env, 'KEYLESS_EVENT_ID'),
  evidence: dynamoEvidenceWriter({
    client: documents,
    tableName: requiredEnv(process.env, 'EVIDENCE_TABLE'),
    now: Date.now,
    retentionSeconds: Number(requiredEnv(process.env, 'EVIDENCE_RETENTION_SECONDS')),
  }),
});
