/** Lambda entry point of the Orders API: configuration from the environment, then the handler. */
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoEvidenceWriter } from '../shared/evidence-writer.ts';
import { requiredEnv } from '../shared/required-env.ts';
import { apiKeyOwnerFromNames } from './api-key-owner.ts';
import { appClientOwnerFromNames } from './app-client-owner.ts';
import { dynamoOrderBook } from './dynamo-order-book.ts';
import { createOrdersApiHandler } from './orders-api.ts';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
const eventId = requiredEnv(process.env, 'KEYLESS_EVENT_ID');

export const handler = createOrdersApiHandler({
  eventId,
  orders: dynamoOrderBook({ client: documents, tableName: requiredEnv(process.env, 'ORDERS_TABLE'), now: Date.now }),
  evidence: dynamoEvidenceWriter({
    client: documents,
    tableName: requiredEnv(process.env, 'EVIDENCE_TABLE'),
    now: Date.now,
    retentionSeconds: Number(requiredEnv(process.env, 'EVIDENCE_RETENTION_SECONDS')),
  }),
  lookups: {
    apiKeyOwner: apiKeyOwnerFromNames(new APIGatewayClient({}), eventId),
    appClientOwner: appClientOwnerFromNames(new CognitoIdentityProviderClient({}), requiredEnv(process.env, 'USER_POOL_ID')),
  },
});
