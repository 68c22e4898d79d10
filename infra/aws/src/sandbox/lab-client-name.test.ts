/**
 * Lab 3's app client, named as the lab names it from the environment an AWS
 * sandbox gives a Run, belongs to the attendee in the event's shared user
 * pool: the Orders Lambda attributes a token of that client to the attendee's
 * slot and serves their orders, and the control plane the checker uses lists
 * it. The name is computed by the lab's own code (client-manager.ts) from
 * outputsToEnv(toSandboxOutputs(…)) of the recorded stacks; only AWS's answers
 * (DescribeStacks, Describe/ListUserPoolClients) are recorded data.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterEach, test } from 'node:test';
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { outputsToEnv } from '@keyless/labs/sandbox';
import { mockClient } from 'aws-sdk-client-mock';
import { appClientOwnerFromNames } from '../lambdas/orders/app-client-owner.ts';
import { createOrdersApiHandler } from '../lambdas/orders/orders-api.ts';
import { dynamoOrderBook } from '../lambdas/orders/dynamo-order-book.ts';
import { ordersEvent } from '../lambdas/orders/test-events.ts';
import { dynamoEvidenceWriter } from '../lambdas/shared/evidence-writer.ts';
import { fakeTables } from '../lambdas/test-support/fake-tables.ts';
import { createCognitoControlPlane } from './cognito-control-plane.ts';
import { toSandboxOutputs } from './sandbox-outputs.ts';

const LAB_CLIENT_MANAGER = '@keyless/labs/content/03-cognito-client-credentials/shared/client-manager.ts';
const USER_POOL_ID = 'eu-west-1_Ab12Cd34E';

const stackOutputs = (name: string): Record<string, string> => {
  const recorded = JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8')) as {
    response: { Stacks: { Outputs: { OutputKey: string; OutputValue: string }[] }[] };
  };
  return Object.fromEntries((recorded.response.Stacks[0]?.Outputs ?? []).map((output) => [output.OutputKey, output.OutputValue]));
};

/** The environment a Run of attendee a001 gets against AWS (aws-sandbox-provider.ts does the same). */
const a001Env = outputsToEnv(
  toSandboxOutputs({
    event: stackOutputs('describe-stacks-event.json'),
    attendee: stackOutputs('describe-stacks-a001.json'),
    eventStack: 'keyless-evt1',
    attendeeStack: 'keyless-evt1-a001',
    slot: 'a001',
    apiKeyValue: 'unused-here',
  }),
);

/** What lab 3's code names its client with `env` as the Run's environment. */
async function labClientName(env: Record<string, string>): Promise<string> {
  const saved = process.env.APP_CLIENT_NAME_PREFIX;
  process.env.APP_CLIENT_NAME_PREFIX = env.APP_CLIENT_NAME_PREFIX;
  try {
    const { appClientName } = (await import(LAB_CLIENT_MANAGER)) as { appClientName: (name: string) => string };
    return appClientName('orders-worker');
  } finally {
    if (saved === undefined) delete process.env.APP_CLIENT_NAME_PREFIX;
    else process.env.APP_CLIENT_NAME_PREFIX = saved;
  }
}

const cognito = mockClient(CognitoIdentityProviderClient);
afterEach(() => cognito.reset());

/** The shared pool holds `name` as client `c-lab3`, and another attendee's client. */
function poolHolds(name: string): void {
  cognito.on(DescribeUserPoolClientCommand, { ClientId: 'c-lab3' }).resolves({
    UserPoolClient: { ClientId: 'c-lab3', ClientName: name, UserPoolId: USER_POOL_ID, AllowedOAuthFlows: ['client_credentials'] },
  });
  cognito.on(ListUserPoolClientsCommand).resolves({
    UserPoolClients: [
      { ClientId: 'c-lab3', ClientName: name, UserPoolId: USER_POOL_ID },
      { ClientId: 'c-bob', ClientName: 'a002-orders-worker', UserPoolId: USER_POOL_ID },
    ],
  });
}

/** GET /a001/orders through the Orders Lambda with a token of client `c-lab3`. */
async function listOrdersWithLabToken(): Promise<number> {
  const tables = fakeTables();
  const now = (): number => Date.UTC(2026, 11, 2, 9, 0, 0);
  const handler = createOrdersApiHandler({
    eventId: 'evt1',
    orders: dynamoOrderBook({ client: tables.client, tableName: 'orders', now, newId: () => 'order-1' }),
    evidence: dynamoEvidenceWriter({ client: tables.client, tableName: 'evidence', now, retentionSeconds: 86_400 }),
    lookups: {
      apiKeyOwner: () => Promise.resolve(undefined),
      appClientOwner: appClientOwnerFromNames(new CognitoIdentityProviderClient({ region: 'eu-west-1' }), USER_POOL_ID),
    },
  });
  const caller = { door: 'cognito-jwt', claims: { client_id: 'c-lab3', token_use: 'access', scope: 'orders/read' } } as const;
  return (await handler(ordersEvent(caller, { slot: 'a001', method: 'GET' }))).statusCode;
}

test("the AWS sandbox tells a Run its slot as the app client name prefix, and lab 3's client name starts with it", async () => {
  assert.equal(a001Env.APP_CLIENT_NAME_PREFIX, 'a001-');
  assert.equal(await labClientName(a001Env), 'a001-orders-worker');
});

test("the Orders Lambda serves the attendee's orders to a token of lab 3's client, and the checker's control plane lists it", async () => {
  poolHolds(await labClientName(a001Env));
  assert.equal(await listOrdersWithLabToken(), 200);
  const controlPlane = createCognitoControlPlane({
    cognito: new CognitoIdentityProviderClient({ region: 'eu-west-1' }),
    userPoolId: USER_POOL_ID,
    slot: 'a001',
  });
  assert.deepEqual(
    (await controlPlane.listUserPoolClients()).map((client) => client.clientName),
    ['a001-orders-worker'],
  );
});

test('the name lab 3 had before, without the prefix, is refused by the Orders Lambda and unseen by the checker', async () => {
  poolHolds('orders-worker');
  assert.equal(await listOrdersWithLabToken(), 403);
  const controlPlane = createCognitoControlPlane({
    cognito: new CognitoIdentityProviderClient({ region: 'eu-west-1' }),
    userPoolId: USER_POOL_ID,
    slot: 'a001',
  });
  assert.deepEqual(await controlPlane.listUserPoolClients(), []);
});
