import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, GetCommand, UpdateCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';

type Item = Record<string, unknown>;

/**
 * DynamoDB as far as the Lambdas use it, behind aws-sdk-client-mock: Put
 * appends (or replaces by key), Query reads one partition sorted by `sk`,
 * Get reads by key. What the handlers wrote is then asserted item by item.
 * Only the calls the handlers make are answered; any other throws.
 */
export function fakeTables(): { client: DynamoDBDocumentClient; items: (table: string) => Item[]; reset: () => void } {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
  const tables = new Map<string, Item[]>();
  const table = (name: string | undefined): Item[] => {
    const key = name ?? '';
    let rows = tables.get(key);
    if (!rows) tables.set(key, (rows = []));
    return rows;
  };
  const keyOf = (item: Item): string => JSON.stringify([item.attendeeSlot ?? item.serial, item.sk ?? '']);
  const mock = mockClient(client);
  mock.on(PutCommand).callsFake((input: { TableName?: string; Item?: Item }) => {
    const rows = table(input.TableName);
    const item = structuredClone(input.Item ?? {});
    const at = rows.findIndex((row) => keyOf(row) === keyOf(item));
    if (at >= 0) rows[at] = item;
    else rows.push(item);
    return {};
  });
  mock
    .on(QueryCommand)
    .callsFake((input: { TableName?: string; ExpressionAttributeValues?: Item; ScanIndexForward?: boolean; Limit?: number }) => {
      const wanted = Object.values(input.ExpressionAttributeValues ?? {})[0];
      const rows = table(input.TableName)
        .filter((row) => row.attendeeSlot === wanted)
        .sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
      if (input.ScanIndexForward === false) rows.reverse();
      return { Items: rows.slice(0, input.Limit ?? rows.length) };
    });
  mock.on(GetCommand).callsFake((input: { TableName?: string; Key?: Item }) => ({
    Item: table(input.TableName).find((row) => keyOf(row) === keyOf(input.Key ?? {})),
  }));
  mock.on(UpdateCommand).rejects(new Error('UpdateItem is not part of this fake'));
  mock.on(ScanCommand).callsFake((input: { TableName?: string }) => ({ Items: table(input.TableName) }));
  return { client, items: (name) => table(name), reset: () => tables.clear() };
}
