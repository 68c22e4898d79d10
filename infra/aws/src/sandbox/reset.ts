import { DeleteUserPoolClientCommand, paginateListUserPoolClients } from '@aws-sdk/client-cognito-identity-provider';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { attendeeClientNamePrefix } from '../contract/cognito-clients.ts';
import { EVIDENCE_TABLE } from '../contract/evidence-table.ts';
import { IMDS_RECORDER_LOG_PATH } from '../contract/instance-paths.ts';
import type { AwsSandboxClients } from './aws-clients.ts';
import { runSsmCommand } from './ssm-command.ts';

/**
 * Resetting an AWS sandbox (the instructor's "reset" button): the attendee's
 * evidence, their app clients in the shared pool and their instance's IMDS
 * log are emptied. Stacks stay: recreating them would cost minutes and the
 * rate-limited calls the pool exists to avoid.
 */
export async function resetAwsSandbox(options: {
  clients: AwsSandboxClients;
  slot: string;
  tableName: string;
  userPoolId: string;
  instanceId: string;
  sleep?: (ms: number) => Promise<void>;
  pollMs?: number;
}): Promise<void> {
  const { clients } = options;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await clients.documents.send(
      new QueryCommand({
        TableName: options.tableName,
        KeyConditionExpression: '#pk = :slot',
        ExpressionAttributeNames: { '#pk': EVIDENCE_TABLE.partitionKey, '#sk': EVIDENCE_TABLE.sortKey },
        ExpressionAttributeValues: { ':slot': options.slot },
        ProjectionExpression: '#pk, #sk',
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    const keys = page.Items ?? [];
    // BatchWriteItem takes at most 25 requests.
    for (let at = 0; at < keys.length; at += 25) {
      await clients.documents.send(
        new BatchWriteCommand({
          RequestItems: { [options.tableName]: keys.slice(at, at + 25).map((Key) => ({ DeleteRequest: { Key } })) },
        }),
      );
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);

  const prefix = attendeeClientNamePrefix(options.slot);
  for await (const page of paginateListUserPoolClients({ client: clients.cognito }, { UserPoolId: options.userPoolId, MaxResults: 60 })) {
    for (const client of page.UserPoolClients ?? []) {
      if (client.ClientId !== undefined && (client.ClientName ?? '').startsWith(prefix))
        await clients.cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: options.userPoolId, ClientId: client.ClientId }));
    }
  }

  const truncated = await runSsmCommand({
    ssm: clients.ssm,
    instanceId: options.instanceId,
    commands: [`: > ${IMDS_RECORDER_LOG_PATH} 2>/dev/null || true`],
    executionTimeoutSeconds: 10,
    comment: 'keyless reset imds evidence',
    deadlineMs: 20_000,
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
  });
  if (truncated.status !== 'Success') throw new Error(`emptying the IMDS log failed: SSM reported ${truncated.status}`);
}
