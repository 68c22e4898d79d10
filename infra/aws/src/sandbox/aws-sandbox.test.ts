/**
 * The AWS Sandbox against recorded AWS responses (fixtures/, each naming the
 * API reference its shape comes from), with aws-sdk-client-mock: no call
 * leaves the machine. Two attendees throughout: a001 and a002 of event evt1.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, test } from 'node:test';
import { APIGatewayClient, GetApiKeyCommand } from '@aws-sdk/client-api-gateway';
import { CloudFormationClient, DescribeStacksCommand, type DescribeStacksCommandOutput } from '@aws-sdk/client-cloudformation';
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommandInvocationCommand, SendCommandCommand, SSMClient, type GetCommandInvocationCommandOutput } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { outputsToEnv } from '@keyless/labs/sandbox';
import { mockClient } from 'aws-sdk-client-mock';
import { createAwsSandboxProvider, NoAwsSandboxError } from './aws-sandbox-provider.ts';
import type { AwsSandboxClients } from './aws-clients.ts';

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the shape of its recorded JSON
const fixture = <T>(name: string): T => JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8')) as T;
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- as above
const recorded = <T>(name: string): T => fixture<{ response: T }>(name).response;

const cfn = mockClient(CloudFormationClient);
const apigw = mockClient(APIGatewayClient);
const ssm = mockClient(SSMClient);
const ddb = mockClient(DynamoDBDocumentClient);
const cognito = mockClient(CognitoIdentityProviderClient);

function clients(): AwsSandboxClients {
  return {
    cloudformation: new CloudFormationClient({ region: 'eu-west-1' }),
    apiGateway: new APIGatewayClient({ region: 'eu-west-1' }),
    ssm: new SSMClient({ region: 'eu-west-1' }),
    documents: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' })),
    cognito: new CognitoIdentityProviderClient({ region: 'eu-west-1' }),
  };
}

const claims: Record<string, { eventId: string; sandboxId: string }> = {
  ada: { eventId: 'evt1', sandboxId: 'keyless-evt1-a001' },
  bob: { eventId: 'evt1', sandboxId: 'keyless-evt1-a002' },
};

function provider() {
  return createAwsSandboxProvider({ clients: clients(), locate: (id) => claims[id], sleep: () => Promise.resolve(), pollMs: 0 });
}

beforeEach(() => {
  for (const mock of [cfn, apigw, ssm, ddb, cognito]) mock.reset();
  cfn
    .on(DescribeStacksCommand, { StackName: 'keyless-evt1' })
    .resolves(recorded<DescribeStacksCommandOutput>('describe-stacks-event.json'));
  cfn.on(DescribeStacksCommand, { StackName: 'keyless-evt1-a001' }).resolves(recorded('describe-stacks-a001.json'));
  cfn.on(DescribeStacksCommand, { StackName: 'keyless-evt1-a002' }).resolves(recorded('describe-stacks-a002.json'));
  apigw.on(GetApiKeyCommand, { apiKey: 'keya001', includeValue: true }).resolves(recorded('get-api-key.json'));
  apigw
    .on(GetApiKeyCommand, { apiKey: 'keya002', includeValue: true })
    .resolves({ id: 'keya002', value: 'bob-key-value-0000000000000000000000000' });
});
afterEach(() => {
  for (const mock of [cfn, apigw, ssm, ddb, cognito]) mock.reset();
});

test('outputs come from the two stacks and the API key, with the slot in every per-attendee URL and no endpoint overrides', async () => {
  const sandbox = await provider().forAttendee('ada');
  const outputs = await sandbox.outputs();
  assert.equal(sandbox.mode, 'aws');
  assert.equal(outputs.region, 'eu-west-1');
  assert.equal(outputs.cognitoUserPoolId, 'eu-west-1_Ab12Cd34E');
  assert.equal(outputs.ordersApiUrl, 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/a001');
  assert.equal(outputs.ordersMtlsUrl, 'https://orders-mtls.workshop.example.com/a001');
  assert.equal(outputs.ordersApiKey, 'Xq7tP2vR9sK4mN8bW3yZ6cF1hJ5gD0aL2eQ9uV7i');
  assert.equal(outputs.ordersRoleArn, 'arn:aws:iam::123456789012:role/keyless-evt1-a001-orders');
  assert.equal(outputs.rolesAnywhereEndpoint, 'https://rolesanywhere.eu-west-1.amazonaws.com');
  assert.equal(outputs.appClientNamePrefix, 'a001-', "the attendee's app clients are named with their slot");
  assert.equal(outputsToEnv(outputs).APP_CLIENT_NAME_PREFIX, 'a001-');
  assert.deepEqual(outputs.endpointOverrides, {});
  assert.ok(!Object.keys(outputsToEnv(outputs)).some((name) => name.startsWith('AWS_ENDPOINT_URL') || name.includes('METADATA')));

  const bob = await (await provider().forAttendee('bob')).outputs();
  assert.equal(bob.ordersApiUrl.endsWith('/a002'), true);
  assert.equal(bob.appClientNamePrefix, 'a002-');
  assert.notEqual(bob.ordersApiKey, outputs.ordersApiKey, 'each attendee has their own key');
});

test('an attendee with no claimed sandbox, or a stack that is not ready, gets a clear error and is tried again next time', async () => {
  await assert.rejects(provider().forAttendee('nobody'), NoAwsSandboxError);
  const sandboxes = provider();
  cfn
    .on(DescribeStacksCommand, { StackName: 'keyless-evt1-a001' })
    .resolvesOnce({ Stacks: [{ StackName: 'x', StackStatus: 'CREATE_IN_PROGRESS', CreationTime: new Date() }] })
    .resolves(recorded('describe-stacks-a001.json'));
  await assert.rejects(sandboxes.forAttendee('ada'), /CREATE_IN_PROGRESS, not ready/);
  assert.equal((await (await sandboxes.forAttendee('ada')).outputs()).region, 'eu-west-1');
});

test('evidence is the attendee’s own partition, newest first, of the asked kind; malformed items are dropped', async () => {
  ddb.on(QueryCommand).callsFake((input: { ExpressionAttributeValues: Record<string, string> }) => {
    const { ':slot': slot, ':kind': kind } = input.ExpressionAttributeValues;
    const all = slot === 'a001' ? recorded<{ Items: Record<string, unknown>[] }>('query-evidence-a001.json').Items : [];
    return { Items: all.filter((item) => item.kind === kind) };
  });
  const ada = await provider().forAttendee('ada');
  const tokens = await ada.evidence.query({ kind: 'token-issued' });
  assert.deepEqual(
    tokens.map((t) => [t.outcome, t.attendeeId]),
    [
      ['success', 'ada'],
      ['failure', 'ada'],
    ],
  );
  assert.ok((tokens[0]?.id ?? 0) > (tokens[1]?.id ?? 0));
  const query = ddb.commandCalls(QueryCommand)[0]?.args[0].input;
  assert.equal(query?.ConsistentRead, true);
  assert.equal(query.ScanIndexForward, false);
  assert.equal((await ada.evidence.query({ kind: 'api-call' }))[0]?.principal, 'a001-orders-reader');

  const bob = await provider().forAttendee('bob');
  assert.deepEqual(await bob.evidence.query({ kind: 'token-issued' }), [], 'bob never sees ada’s evidence');
});

test('a Run goes to the attendee’s instance through SSM, streams output and reports the script’s result', async () => {
  const invocation = fixture<{ inProgress: GetCommandInvocationCommandOutput; success: GetCommandInvocationCommandOutput }>(
    'get-command-invocation.json',
  );
  ssm.on(SendCommandCommand).resolves({ Command: { CommandId: invocation.success.CommandId } });
  ssm.on(GetCommandInvocationCommand).resolvesOnce(invocation.inProgress).resolves(invocation.success);
  const ada = await provider().forAttendee('ada');
  const chunks: string[] = [];
  const result = await ada.instance.run({
    files: { 'main.ts': 'console.log("hi")' },
    entry: 'main.ts',
    labId: 'lab-3',
    onOutput: (stream, chunk) => chunks.push(`${stream}:${chunk}`),
  });
  assert.deepEqual(chunks, ['stdout:token ok\n', 'stdout:orders: 3\n', 'stderr:warning: slow\n']);
  assert.equal(result.exitCode, 0);
  assert.equal(result.stdout, 'token ok\norders: 3\n');
  assert.equal(result.stderr, 'warning: slow\n');
  assert.equal(result.durationMs, 1210);
  assert.equal(result.timedOut, false);
  const sent = ssm.commandCalls(SendCommandCommand)[0]?.args[0].input;
  assert.deepEqual(sent?.InstanceIds, ['i-0aa11bb22cc33dd44'], 'ada’s own instance');
  assert.equal(sent.DocumentName, 'AWS-RunShellScript');
  const script = sent.Parameters?.commands?.[0] ?? '';
  assert.match(script, /timeout --signal=KILL 10s runuser -u keyless-run/);
  assert.match(script, /ORDERS_API_URL=/);
  assert.doesNotMatch(script, /AWS_ENDPOINT_URL|AWS_EC2_METADATA_SERVICE_ENDPOINT/);
});

test('a Run killed at the time limit says so, and a forged result line in attendee output is ignored', async () => {
  ssm.on(SendCommandCommand).resolves({ Command: { CommandId: 'c-2' } });
  ssm.on(GetCommandInvocationCommand).resolves({
    Status: 'Success',
    StandardOutputContent: '',
    StandardErrorContent:
      '\n__KEYLESS_RUN_RESULT__ {"exitCode":0,"durationMs":1,"stdoutBytes":0,"stderrBytes":0}\n' +
      '\n__KEYLESS_RUN_RESULT__ {"exitCode":137,"durationMs":10004,"stdoutBytes":0,"stderrBytes":90}\n',
  });
  const result = await (await provider().forAttendee('ada')).instance.run({ files: { 'main.ts': 'for(;;){}' }, entry: 'main.ts' });
  assert.equal(result.timedOut, true);
  assert.equal(result.signal, 'SIGKILL');
  assert.equal(result.exitCode, null);
  assert.match(result.notes?.join(' ') ?? '', /longer than 10 s/);
});

test('IMDS evidence is read from the instance’s recorder log through SSM and tied to the Run it happened in', async () => {
  const now = Date.now();
  ssm
    .on(SendCommandCommand)
    .callsFake((input: { Comment: string }) => ({ Command: { CommandId: input.Comment.includes('imds') ? 'imds' : 'run' } }));
  ssm.on(GetCommandInvocationCommand, { CommandId: 'run' }).resolves({
    Status: 'Success',
    StandardOutputContent: '',
    StandardErrorContent: '\n__KEYLESS_RUN_RESULT__ {"exitCode":0,"durationMs":50,"stdoutBytes":0,"stderrBytes":0}\n',
  });
  const ada = await provider().forAttendee('ada');
  await ada.instance.run({ files: { 'main.ts': '' }, entry: 'main.ts', labId: 'ec2-instance-profile' });
  // Just after the Run ended: inside its window through the grace after its end. (Not `- 1`:
  // a mocked Run can start and end in the same millisecond, and a millisecond before it is outside.)
  const during = Date.now();
  ssm.on(GetCommandInvocationCommand, { CommandId: 'imds' }).resolves({
    Status: 'Success',
    StandardOutputContent: [
      JSON.stringify({ at: now - 60_000, method: 'GET', path: '/latest/meta-data/', status: 401, sessionToken: false }),
      'not json',
      JSON.stringify({
        at: during,
        method: 'GET',
        path: '/latest/meta-data/iam/security-credentials/keyless-evt1-a001-instance',
        status: 200,
        sessionToken: true,
      }),
    ].join('\n'),
  });
  const requests = await ada.evidence.query({ kind: 'imds-request', labId: 'ec2-instance-profile' });
  assert.equal(requests.length, 2);
  assert.equal(requests[0]?.status, 200);
  assert.equal(requests[0].labId, 'ec2-instance-profile');
  assert.equal(requests[1]?.labId, undefined, 'outside any Run');
  assert.equal((await ada.evidence.query({ kind: 'imds-request', labId: 'another-lab' })).length, 1, 'only the request outside any Run');
});

test('the control plane shows an attendee only the app clients named with their slot', async () => {
  cognito.on(ListUserPoolClientsCommand).resolves({
    UserPoolClients: [
      { ClientId: 'c-ada', ClientName: 'a001-orders-reader', UserPoolId: 'eu-west-1_Ab12Cd34E' },
      { ClientId: 'c-bob', ClientName: 'a002-orders-reader', UserPoolId: 'eu-west-1_Ab12Cd34E' },
    ],
  });
  cognito.on(DescribeUserPoolClientCommand).callsFake((input: { ClientId: string }) => ({
    UserPoolClient: {
      ClientId: input.ClientId,
      ClientName: input.ClientId === 'c-ada' ? 'a001-orders-reader' : 'a002-orders-reader',
      ClientSecret: 'secret',
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: ['orders/read'],
      AllowedOAuthFlowsUserPoolClient: true,
      AccessTokenValidity: 60,
      TokenValidityUnits: { AccessToken: 'minutes' },
    },
  }));
  const ada = await provider().forAttendee('ada');
  const listed = await ada.controlPlane.listUserPoolClients();
  assert.deepEqual(
    listed.map((client) => [client.clientId, client.accessTokenValiditySeconds, client.hasSecret]),
    [['c-ada', 3600, true]],
  );
  assert.equal(await ada.controlPlane.describeUserPoolClient('c-bob'), undefined, 'bob’s client is not found for ada');
});
