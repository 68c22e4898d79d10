/** Lambda entry point of the workshop PKI: configuration from the environment, then the handler. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { RolesAnywhereClient } from '@aws-sdk/client-rolesanywhere';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoEvidenceWriter } from '../shared/evidence-writer.ts';
import { requiredEnv } from '../shared/required-env.ts';
import { dynamoCertificateTable } from './certificate-table.ts';
import { createPkiApiHandler } from './pki-api.ts';
import { rolesAnywhereCrlUpdater } from './roles-anywhere-crl.ts';
import { truststoreCa } from './truststore-ca.ts';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
const crlId = process.env.ROLES_ANYWHERE_CRL_ID;

export const handler = createPkiApiHandler({
  eventId: requiredEnv(process.env, 'KEYLESS_EVENT_ID'),
  ca: truststoreCa({
    s3: new S3Client({}),
    bucket: requiredEnv(process.env, 'TRUSTSTORE_BUCKET'),
    key: requiredEnv(process.env, 'TRUSTSTORE_KEY'),
    kms: new KMSClient({}),
    keyId: requiredEnv(process.env, 'CA_KEY_ID'),
  }),
  certificates: dynamoCertificateTable(documents, requiredEnv(process.env, 'CERTIFICATE_TABLE')),
  evidence: dynamoEvidenceWriter({
    client: documents,
    tableName: requiredEnv(process.env, 'EVIDENCE_TABLE'),
    now: Date.now,
    retentionSeconds: Number(requiredEnv(process.env, 'EVIDENCE_RETENTION_SECONDS')),
  }),
  now: Date.now,
  ...(crlId ? { onRevocation: rolesAnywhereCrlUpdater(new RolesAnywhereClient({}), crlId) } : {}),
});
