import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadLabs, type Lab } from '@keyless/labs';
import { OUTPUT_ENV_NAMES, type SandboxOutputs } from '@keyless/labs/sandbox';
import { browserRunEnv, labUsesBrowser, localBrowserRuns } from './browser-runs.ts';
import { browserRunnerStep } from './cross-origin-isolation.ts';

const labs = loadLabs(fileURLToPath(new URL('../../../labs/content', import.meta.url)));
const lab = (id: string): Lab => {
  const found = labs.find((candidate) => candidate.definition.id === id);
  assert.ok(found, id);
  return found;
};
// Every output set to a recognisable value: a sandbox's outputs are plain data.
const outputs = {
  ...Object.fromEntries(Object.keys(OUTPUT_ENV_NAMES).map((key) => [key, `value-of-${key}`])),
  endpointOverrides: { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9/sts', AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:8' },
} as unknown as SandboxOutputs;
const credentials = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token', expiresAt: 1_900_000_000_000 };

describe('browserRunEnv', () => {
  test("a Cognito lab's browser Run gets the instance role's short session, no IMDS and no other lab's secrets", () => {
    const { env, expiresAt } = browserRunEnv(outputs, lab('cognito-client-credentials'), credentials, 0);
    assert.equal(env.AWS_ACCESS_KEY_ID, 'ASIAEXAMPLE');
    assert.equal(env.AWS_SESSION_TOKEN, 'token');
    assert.equal(expiresAt, credentials.expiresAt);
    assert.equal(env.AWS_EC2_METADATA_SERVICE_ENDPOINT, undefined);
    assert.equal(env.ORDERS_API_KEY, undefined);
    assert.equal(env.ACTIONS_ID_TOKEN_REQUEST_TOKEN, undefined);
    assert.equal(env.COGNITO_TOKEN_URL, 'value-of-cognitoTokenUrl');
    assert.equal(env.AWS_ENDPOINT_URL_STS, 'http://127.0.0.1:9/sts');
  });
  test('the API-key lab gets its key and no AWS credentials at all', () => {
    const { env, expiresAt } = browserRunEnv(outputs, lab('welcome-api-key'), credentials, 1000);
    assert.equal(env.ORDERS_API_KEY, 'value-of-ordersApiKey');
    assert.equal(env.AWS_ACCESS_KEY_ID, undefined);
    assert.equal(expiresAt, 1000 + 15 * 60 * 1000);
  });
});

describe('localBrowserRuns', () => {
  test('reuses an attendee’s session while 5 minutes of it are left, so pressing Run in a loop mints no more; never shares one between attendees', async () => {
    let clock = 0;
    const mints: string[] = [];
    const runs = localBrowserRuns(
      {
        outputs: () => Promise.resolve(outputs),
        browserRunCredentials: (attendeeId) => {
          mints.push(attendeeId);
          return Promise.resolve({
            ...credentials,
            accessKeyId: `ASIA-${attendeeId}-${String(mints.length)}`,
            expiresAt: clock + 15 * 60_000,
          });
        },
        allowCorsOrigins: () => {},
      },
      () => clock,
    );
    const cognito = lab('cognito-client-credentials');
    const key = async (attendeeId: string) => (await runs.session(attendeeId, cognito)).env.AWS_ACCESS_KEY_ID;
    const first = await key('alice');
    assert.deepEqual(await Promise.all([key('alice'), key('alice'), key('alice')]), [first, first, first]);
    const bobs = await key('bob');
    assert.notEqual(bobs, first, 'Bob gets his own');
    clock += 10 * 60_000 - 1; // just over 5 minutes left
    assert.equal(await key('alice'), first);
    clock += 1; // 5 minutes left: still reused
    assert.equal(await key('alice'), first);
    clock += 1; // under 5 minutes left: a new one
    assert.notEqual(await key('alice'), first);
    assert.deepEqual(mints, ['alice', 'bob', 'alice']);
    await runs.session('carol', lab('welcome-api-key'));
    assert.equal(mints.includes('carol'), false, 'a lab that signs nothing mints nothing');
  });

  test('a failed mint is not kept: the next press tries again', async () => {
    let fail = true;
    const runs = localBrowserRuns({
      outputs: () => Promise.resolve(outputs),
      browserRunCredentials: () => (fail ? Promise.reject(new Error('emulator down')) : Promise.resolve(credentials)),
      allowCorsOrigins: () => {},
    });
    await assert.rejects(runs.session('alice', lab('cognito-client-credentials')), /emulator down/);
    fail = false;
    assert.equal((await runs.session('alice', lab('cognito-client-credentials'))).env.AWS_ACCESS_KEY_ID, 'ASIAEXAMPLE');
  });
});

describe('which pages may boot a WebContainer', () => {
  const find = (id: string) => labs.find((candidate) => candidate.definition.id === id);
  test('labs that need IMDS or a client certificate never do', () => {
    const browserLabs = labs.filter(labUsesBrowser).map((candidate) => candidate.definition.id);
    for (const id of ['welcome-api-key', 'cognito-client-credentials', 'choosing']) assert.ok(browserLabs.includes(id), id);
    for (const id of ['sts-temporary-credentials', 'ec2-instance-profile', 'mutual-tls', 'iam-roles-anywhere'])
      assert.ok(!browserLabs.includes(id), id);
    const mtls = lab('mutual-tls');
    assert.equal(browserRunnerStep(`/labs/mutual-tls/${mtls.steps[0]?.slug ?? ''}`, find, true), undefined);
  });
  test("a browser step's page is one, unless the server offers no browser Runs; other paths never are", () => {
    const cognito = lab('cognito-client-credentials');
    const path = `/labs/cognito-client-credentials/${cognito.steps[0]?.slug ?? ''}`;
    assert.equal(browserRunnerStep(path, find, true), cognito);
    assert.equal(browserRunnerStep(path, find, false), undefined);
    for (const other of ['/join', '/instructor/', '/labs/cognito-client-credentials', '/labs/cognito-client-credentials/no-such-step', '/'])
      assert.equal(browserRunnerStep(other, find, true), undefined, other);
  });
});
