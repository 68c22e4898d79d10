/**
 * AWS mode end to end, offline: the real site with AWS mode on, over AWS SDK
 * clients mocked with aws-sdk-client-mock and answering with recorded
 * responses (infra/aws/src/sandbox/fixtures/). The instructor creates an
 * AWS-mode event in the dashboard; the provisioner fills its pool against
 * CloudFormation's behaviour; an attendee joins, claims a sandbox and Runs
 * on "their instance" through SSM; a second attendee gets the other one; a
 * third, with the pool empty, waits and is told so.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { APIGatewayClient, GetApiKeyCommand } from '@aws-sdk/client-api-gateway';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { GetCommandInvocationCommand, SendCommandCommand, SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { awsSandboxesFor, memoryStateStore, provision } from '@keyless/aws-sandbox';
import { mockClient } from 'aws-sdk-client-mock';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { installCloudFormationDouble } from '../../infra/aws/src/test-support/cloudformation-double.ts';
import { sandboxPoolSink } from '../src/server/events/sandbox-pool-sink.ts';
import { loginLinkUrl, LOCAL_INSTRUCTOR } from '../src/server/instructors/instructor-auth.ts';
import { startLocal } from '../src/server/start-local.ts';
import { launchBrowser } from './test-support/browser.ts';
import { freshDataDir, repoRoot } from './test-support/local-server.ts';

type Outputs = { Stacks: { Outputs: { OutputKey: string; OutputValue: string }[] }[] };
const recordedOutputs = (name: string): { OutputKey: string; OutputValue: string }[] =>
  (JSON.parse(readFileSync(new URL(`../../infra/aws/src/sandbox/fixtures/${name}`, import.meta.url), 'utf8')) as { response: Outputs })
    .response.Stacks[0]?.Outputs ?? [];
const EVENT_OUTPUTS = recordedOutputs('describe-stacks-event.json');
const SLOT_OUTPUTS: Record<string, { OutputKey: string; OutputValue: string }[]> = {
  a001: recordedOutputs('describe-stacks-a001.json'),
  a002: recordedOutputs('describe-stacks-a002.json'),
};
const SHOTS = '/tmp/shots/aws-ops';

const cfnMock = mockClient(CloudFormationClient);
const apigw = mockClient(APIGatewayClient);
const ssm = mockClient(SSMClient);
// The evidence table (the wire view and Checks read it): nothing recorded yet.
const ddb = mockClient(DynamoDBDocumentClient);
ddb.on(QueryCommand).resolves({ Items: [] });
installCloudFormationDouble(cfnMock, (stackName) => {
  const slot = /-(a\d{3})$/.exec(stackName)?.[1];
  return slot ? (SLOT_OUTPUTS[slot] ?? []) : EVENT_OUTPUTS;
});
apigw
  .on(GetApiKeyCommand)
  .callsFake((input: { apiKey: string }) => ({ id: input.apiKey, value: `value-of-${input.apiKey}-0123456789abcdef` }));
ssm
  .on(SendCommandCommand)
  .callsFake((input: { InstanceIds: string[] }) => ({ Command: { CommandId: `cmd-${input.InstanceIds[0] ?? ''}` } }));
ssm.on(GetCommandInvocationCommand).callsFake((input: { InstanceId: string }) => ({
  Status: 'Success',
  InstanceId: input.InstanceId,
  StandardOutputContent: `hello from ${input.InstanceId}\n`,
  StandardErrorContent: '\n__KEYLESS_RUN_RESULT__ {"exitCode":0,"durationMs":850,"stdoutBytes":30,"stderrBytes":0}\n',
}));

let server: Awaited<ReturnType<typeof startLocal>>;
let browser: Browser;
let eventId = '';
let code = '';

before(async () => {
  server = await startLocal({
    repoRoot,
    dataDir: freshDataDir(),
    host: '127.0.0.1',
    port: 0,
    awsPort: 0,
    awsSandboxes: awsSandboxesFor('eu-west-1'),
  });
  browser = await launchBrowser();
});
after(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed
  await browser?.close();
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed
  await server?.close();
  for (const mock of [cfnMock, apigw, ssm, ddb]) mock.restore();
});

test('the instructor creates an AWS-mode event in the dashboard', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(loginLinkUrl(server.site.url, server.runtime.instructors.loginLinkToken(LOCAL_INSTRUCTOR)));
  await page.waitForURL(`${server.site.url}/instructor/`);
  await page.getByLabel('Name').fill('AWS builders session');
  const aws = page.locator('input[name="sandboxMode"][value="aws"]');
  assert.equal(await aws.isDisabled(), false, 'the aws choice is offered when the site runs with AWS mode');
  await aws.check();
  await page.screenshot({ path: `${SHOTS}/event-form-aws.png`, fullPage: true });
  await page.getByRole('button', { name: 'Create event' }).click();
  await page.waitForURL(/\/instructor\/events\/evt_\w+$/);
  eventId = /evt_\w+$/.exec(page.url())?.[0] ?? '';
  code = await page.locator('#event-code').innerText();
  assert.equal(server.runtime.events.context.events.get(eventId)?.sandboxMode, 'aws');
});

test('the provisioner fills the event’s pool; attendees claim sandboxes, Run on their own instance, and the last waits', async () => {
  const result = await provision({
    eventId,
    attendees: 2,
    concurrency: 1,
    cloudformation: new CloudFormationClient({ region: 'eu-west-1' }),
    templates: {
      event: () => Promise.resolve({ body: '{"Resources":{}}' }),
      attendee: () => Promise.resolve({ body: '{"Resources":{}}' }),
    },
    state: memoryStateStore(),
    pool: sandboxPoolSink(server.runtime.events.context.pool),
    expiresAt: '2026-12-03T00:00:00Z',
    sleep: () => new Promise((resolve) => setImmediate(resolve)),
    pollMs: 0,
  });
  assert.deepEqual(result.pooled, ['a001', 'a002']);
  assert.equal(server.runtime.events.context.pool.readyCount(eventId), 2);

  const ada: Page = await (await browser.newContext()).newPage();
  await ada.goto(`${server.site.url}/join`);
  await ada.getByLabel('Access code').fill(code);
  await ada.getByLabel('Your name').fill('Ada');
  await ada.getByRole('button', { name: 'Join' }).click();
  await ada.locator('#joined').waitFor();
  assert.match(await ada.locator('#joined').innerText(), /Your sandbox is ready/);
  await ada.screenshot({ path: `${SHOTS}/join-aws.png` });
  await ada.goto(`${server.site.url}/labs/cognito-client-credentials/01-create-client`);
  await ada.locator('body[data-editor="monaco"]').waitFor({ timeout: 30_000 });
  await ada.getByRole('button', { name: /Run/ }).click();
  await ada.locator('#output .meta').waitFor();
  assert.match(await ada.locator('#output').innerText(), /hello from i-0aa11bb22cc33dd44/);
  await ada.screenshot({ path: `${SHOTS}/run-aws.png` });
  const runs = ssm.commandCalls(SendCommandCommand).filter((call) => call.args[0].input.Comment?.startsWith('keyless run') === true);
  const sent = runs.at(-1)?.args[0].input;
  assert.deepEqual(sent?.InstanceIds, ['i-0aa11bb22cc33dd44'], 'Ada’s Run went to the instance of the stack she claimed');
  const script = sent.Parameters?.commands?.[0] ?? '';
  assert.match(
    script,
    /ORDERS_API_URL=[^h]*https:\/\/a1b2c3d4e5\.execute-api\.eu-west-1\.amazonaws\.com\/prod\/a001'/,
    'outputs from the recorded stack outputs',
  );
  assert.match(script, /ORDERS_API_KEY=[^v]*value-of-keya001-/);
  assert.doesNotMatch(script, /AWS_ENDPOINT_URL|127\.0\.0\.1/, 'nothing of local mode');

  const bob = await browser.newContext();
  const joined = await bob.request.post(`${server.site.url}/api/join`, { data: { code, displayName: 'Bob' } });
  assert.equal(((await joined.json()) as { sandboxStatus: string }).sandboxStatus, 'ready');
  const bobRun = await bob.request.post(`${server.site.url}/api/labs/cognito-client-credentials/run`, {
    data: { files: await starterFiles(ada) },
  });
  assert.equal(bobRun.status(), 200);
  assert.match(await bobRun.text(), /hello from i-0ee55ff66aa77bb88/, 'Bob runs on his own instance, not Ada’s');

  const carol = await browser.newContext();
  const carolJoin = await carol.request.post(`${server.site.url}/api/join`, { data: { code, displayName: 'Carol' } });
  assert.equal(((await carolJoin.json()) as { sandboxStatus: string }).sandboxStatus, 'waiting', 'the pool is empty');
  const carolRun = await carol.request.post(`${server.site.url}/api/labs/cognito-client-credentials/run`, {
    data: { files: await starterFiles(ada) },
  });
  // Refused with words about the sandbox (the site's own 409 for a waiting attendee, or the AWS provider's 429), never a 5xx.
  assert.ok([409, 429].includes(carolRun.status()), `status ${String(carolRun.status())}`);
  assert.match(((await carolRun.json()) as { error: string }).error, /sandbox/i);
});

/** The lab's files as the page holds them (what a Run sends). */
async function starterFiles(page: Page): Promise<Record<string, string>> {
  const response = await page.request.get(`${server.site.url}/api/labs/cognito-client-credentials/workspace`);
  assert.equal(response.status(), 200);
  return ((await response.json()) as { files: Record<string, string> }).files;
}

/**
 * An attendee waiting for a sandbox (the pool is empty) presses Run and
 * Check, opens the Wire tab, reloads the lab page, and the instructor opens
 * their Wire view or resets their sandbox: every answer says the sandbox is
 * not ready yet (a 409, or a 503 with Retry-After), none is a 5xx error and
 * none is logged as one.
 */
test('an attendee waiting for a sandbox is told it is not ready yet, by every route that needs it, never with a 500', async () => {
  const LAB = 'cognito-client-credentials';
  const logged: string[] = [];
  const originalError = console.error;
  console.error = (...args: unknown[]) => {
    logged.push(args.map(String).join(' '));
    originalError(...args);
  };
  // An AWS-mode event of its own whose pool the provisioner has not filled: whoever joins it waits.
  const now = Date.now();
  const created = server.runtime.events.service.create(
    { name: 'Empty pool', startsAt: now, endsAt: now + 3_600_000, labs: [LAB], sandboxMode: 'aws', capacity: 10, stuckAfterMinutes: 10 },
    server.runtime.instructors.localInstructor().id,
  );
  assert.ok(created.ok);
  const emptyEventId = created.value.id;
  const emptyCode = server.runtime.events.service.codes(emptyEventId)[0]?.code ?? '';
  try {
    const dave = await (await browser.newContext()).newPage();
    await dave.goto(`${server.site.url}/join`);
    await dave.getByLabel('Access code').fill(emptyCode);
    await dave.getByLabel('Your name').fill('Dave');
    await dave.getByRole('button', { name: 'Join' }).click();
    await dave.locator('#joined').waitFor();
    assert.match(await dave.locator('#joined').innerText(), /being prepared/);
    const daveId = server.runtime.attendees.resolveSession(
      (await dave.context().cookies()).find((cookie) => cookie.name === 'keyless_session')?.value ?? '',
    )?.id;
    assert.ok(daveId);
    assert.equal(server.runtime.events.view(daveId)?.sandboxStatus, 'waiting', 'the pool is empty');

    const notReady = async (what: string, response: Awaited<ReturnType<Page['request']['get']>>): Promise<void> => {
      const status = response.status();
      assert.ok(status === 409 || status === 503, `${what}: status ${String(status)} ${await response.text()}`);
      if (status === 503) assert.match(response.headers()['retry-after'] ?? '', /^\d+$/, `${what}: 503 without Retry-After`);
      assert.match(((await response.json()) as { error: string }).error, /not ready yet/i, what);
    };
    const api = `${server.site.url}/api/labs/${LAB}`;
    await notReady('Run', await dave.request.post(`${api}/run`, { data: { files: await starterFiles(dave) } }));
    await notReady('Check', await dave.request.post(`${api}/check`, { data: {} }));
    await notReady('Wire', await dave.request.get(`${api}/wire`));
    await notReady('Wire of a Run', await dave.request.get(`${api}/wire?run=r-0123456789ab`));
    await notReady('browser session', await dave.request.post(`${api}/browser-session`, { data: {} }));

    // Reloading the lab page lands on the wait page, which says why.
    await dave.goto(`${server.site.url}/labs/${LAB}/01-create-client`);
    assert.equal(new URL(dave.url()).pathname, '/join/wait');
    assert.match(await dave.locator('#wait-title').innerText(), /on its way/);

    // The instructor helping at Dave's table: his Wire view and a sandbox reset.
    const instructor = await (await browser.newContext()).newPage();
    await instructor.goto(loginLinkUrl(server.site.url, server.runtime.instructors.loginLinkToken(LOCAL_INSTRUCTOR)));
    await instructor.waitForURL(`${server.site.url}/instructor/`);
    const csrf = (await instructor.locator('meta[name="csrf-token"]').getAttribute('content')) ?? '';
    const attendeeApi = `${server.site.url}/api/instructor/events/${emptyEventId}/attendees/${daveId}`;
    await notReady('instructor Wire', await instructor.request.get(`${attendeeApi}/wire`));
    await notReady('instructor Wire of a lab', await instructor.request.get(`${attendeeApi}/wire?lab=${LAB}`));
    const reset = await instructor.request.post(`${attendeeApi}/reset`, { data: {}, headers: { 'x-csrf-token': csrf } });
    assert.ok(reset.status() < 500, `reset: status ${String(reset.status())} ${await reset.text()}`);

    // Ada, whose sandbox is ready, still has a Wire view (her evidence table holds nothing yet).
    const adaRow = server.runtime.events.service.grid(eventId)?.rows.find((row) => row.displayName === 'Ada');
    assert.ok(adaRow);
    const adaWire = await instructor.request.get(`${server.site.url}/api/instructor/events/${eventId}/attendees/${adaRow.attendeeId}/wire`);
    assert.equal(adaWire.status(), 200, await adaWire.text());
    assert.deepEqual(await adaWire.json(), { runs: [] });
  } finally {
    console.error = originalError;
  }
  assert.deepEqual(
    logged.filter((line) => /unexpected error/.test(line)),
    [],
    'no request was answered with an internal error',
  );
});

/**
 * An AWS-mode event with one sandbox in its pool (stack `keyless-<event>-a001`, which the recorded
 * CloudFormation may not know), and an attendee joined to it in a browser context of their own: ready.
 */
async function joinReadyAwsEvent(name: string, lab: string, displayName: string): Promise<{ eventId: string; context: BrowserContext }> {
  const now = Date.now();
  const created = server.runtime.events.service.create(
    { name, startsAt: now, endsAt: now + 3_600_000, labs: [lab], sandboxMode: 'aws', capacity: 10, stuckAfterMinutes: 10 },
    server.runtime.instructors.localInstructor().id,
  );
  assert.ok(created.ok);
  server.runtime.events.context.pool.add(created.value.id, `keyless-${created.value.id}-a001`, now);
  const context = await browser.newContext();
  const joined = await context.request.post(`${server.site.url}/api/join`, {
    data: { code: server.runtime.events.service.codes(created.value.id)[0]?.code ?? '', displayName },
  });
  assert.equal(((await joined.json()) as { sandboxStatus: string }).sandboxStatus, 'ready');
  return { eventId: created.value.id, context };
}

test('an AWS-mode attendee gets no browser-Run session: the site on loopback offers browser Runs, but only over local mode’s emulator', async () => {
  const LAB = 'cognito-client-credentials';
  // A sandbox in the pool, so the attendee is ready (the session is refused before anyone reads its stack).
  const { context: erin } = await joinReadyAwsEvent('Browser check', LAB, 'Erin');
  assert.ok(server.runtime.browserRuns, 'this site offers browser Runs (loopback)');
  const session = await erin.request.post(`${server.site.url}/api/labs/${LAB}/browser-session`, { data: {} });
  const body = (await session.json()) as { error?: string; env?: unknown };
  // On failure, say what came back without printing it: a 200 here holds credentials.
  assert.equal(session.status(), 409, `status ${String(session.status())}, keys ${Object.keys(body).join(', ')}`);
  assert.match(body.error ?? '', /sandbox is in AWS/);
  assert.equal(body.env, undefined, 'no local sandbox environment or credentials for an AWS attendee');
});

test('when AWS does not answer (a claimed stack that is gone, a throttled evidence table), Check and the Wire views answer 503 with Retry-After, never a 500', async () => {
  const LAB = 'cognito-client-credentials';
  // A pool entry whose stack CloudFormation does not know (deleted by a teardown, or never created).
  const { eventId: stackGoneEventId, context: fay } = await joinReadyAwsEvent('Stack gone', LAB, 'Fay');
  const fayId = server.runtime.events.service.grid(stackGoneEventId)?.rows[0]?.attendeeId ?? '';
  const instructor = await (await browser.newContext()).newPage();
  await instructor.goto(loginLinkUrl(server.site.url, server.runtime.instructors.loginLinkToken(LOCAL_INSTRUCTOR)));
  await instructor.waitForURL(`${server.site.url}/instructor/`);

  const unavailable = async (what: string, response: Awaited<ReturnType<Page['request']['get']>>): Promise<void> => {
    assert.equal(response.status(), 503, `${what}: ${await response.text()}`);
    assert.match(response.headers()['retry-after'] ?? '', /^\d+$/, `${what}: Retry-After`);
    assert.match(((await response.json()) as { error: string }).error, /did not answer/, what);
  };
  await unavailable('Wire', await fay.request.get(`${server.site.url}/api/labs/${LAB}/wire`));
  await unavailable('Check', await fay.request.post(`${server.site.url}/api/labs/${LAB}/check`, { data: {} }));
  await unavailable(
    'instructor Wire',
    await instructor.request.get(`${server.site.url}/api/instructor/events/${stackGoneEventId}/attendees/${fayId}/wire`),
  );

  // Ada's sandbox is there, but the evidence table is throttled.
  const adaRow = server.runtime.events.service.grid(eventId)?.rows.find((row) => row.displayName === 'Ada');
  assert.ok(adaRow);
  ddb
    .on(QueryCommand)
    .rejects(
      Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), { name: 'ProvisionedThroughputExceededException' }),
    );
  try {
    await unavailable(
      'instructor Wire, throttled',
      await instructor.request.get(`${server.site.url}/api/instructor/events/${eventId}/attendees/${adaRow.attendeeId}/wire`),
    );
  } finally {
    ddb.on(QueryCommand).resolves({ Items: [] });
  }
  assert.equal(
    (await instructor.request.get(`${server.site.url}/api/instructor/events/${eventId}/attendees/${adaRow.attendeeId}/wire`)).status(),
    200,
    'and answers again once the table does',
  );
});
