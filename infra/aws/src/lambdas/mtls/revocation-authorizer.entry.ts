/** Lambda entry point of the mTLS door's revocation authorizer. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoCertificateTable } from '../pki/certificate-table.ts';
import { dynamoEvidenceWriter } from '../shared/evidence-writer.ts';
import { requiredEnv } from '../shared/required-env.ts';
import { createRevocationAuthorizer } from './revocation-authorizer.ts';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });

export const handler = createRevocationAuthorizer({
  certificates: dynamoCertificateTable(documents, requiredEnv(process.env, 'CERTIFICATE_TABLE')),
  evidence: dynamoEvidenceWriter({
    client: documents,
    tableName: requiredEnv(process.env, 'EVIDENCE_TABLE'),
    now: Date.now,
    retentionSeconds: Number(requiredEnv(process.env, 'EVIDENCE_RETENTION_SECONDS')),
  }),
  now: Date.now,
});
