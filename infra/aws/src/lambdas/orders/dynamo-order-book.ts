import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Order, OrderBook } from '@keyless/local-sandbox/orders-rules';

/** Orders listed per call, newest first, as the local store caps them. */
const LIST_LIMIT = 100;

/**
 * The Orders API's order book on DynamoDB: partition `attendeeSlot`, sort
 * key `<createdAt ISO>#<orderId>` so a Query answers newest first. One
 * attendee's Query never reads another's partition.
 */
export function dynamoOrderBook(options: {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly now: () => number;
  readonly newId?: () => string;
}): OrderBook {
  const newId = options.newId ?? randomUUID;
  return {
    async create(slot, order) {
      const created: Order = { orderId: newId(), ...order, createdAt: new Date(options.now()).toISOString() };
      await options.client.send(
        new PutCommand({
          TableName: options.tableName,
          Item: { attendeeSlot: slot, sk: `${created.createdAt}#${created.orderId}`, ...created },
        }),
      );
      return created;
    },
    async list(slot) {
      const { Items = [] } = await options.client.send(
        new QueryCommand({
          TableName: options.tableName,
          KeyConditionExpression: 'attendeeSlot = :slot',
          ExpressionAttributeValues: { ':slot': slot },
          ScanIndexForward: false,
          Limit: LIST_LIMIT,
        }),
      );
      return Items.map((item) => ({
        orderId: String(item.orderId),
        item: String(item.item),
        quantity: Number(item.quantity),
        createdBy: String(item.createdBy),
        createdAt: String(item.createdAt),
      }));
    },
  };
}
