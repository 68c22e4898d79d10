/**
 * The credentials of a browser Run, used against the real emulator on a
 * sandbox clock: they are the attendee's own instance role, reach nothing of
 * another attendee's sandbox, and stop working when the session says they
 * expire (15 minutes after issue). (Here rather than beside browser-runs.ts:
 * the site's type check does not resolve the AWS SDK's STS client.)
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { loadLabs, type Lab } from '@keyless/labs';
import { startLocalAws, type LocalAws } from '@keyless/local-sandbox';
import { localBrowserRuns, type BrowserRunSession, type BrowserRuns } from '../site/src/server/browser-runs.ts';
import { labsDir } from './test-support/repo.ts';

/** The sandbox clock (whole minutes, so expiry has no rounding); tests move it. */
const clock = { now: Date.UTC(2026, 11, 2, 9, 0) };
let aws: LocalAws;
let browserRuns: BrowserRuns;
let lab: Lab;

before(async () => {
  aws = await startLocalAws({ dbPath: join(mkdtempSync(join(tmpdir(), 'keyless-test-')), 'aws.db'), now: () => clock.now });
  browserRuns = localBrowserRuns(aws, () => clock.now);
  const found = loadLabs(labsDir).find((candidate) => candidate.definition.id === 'cognito-client-credentials');
  assert.ok(found);
  lab = found;
});
// eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed
after(() => aws?.close());

/** STS as the browser Run's SDK would call it, signing at the sandbox clock's time. */
function stsWith(session: BrowserRunSession): STSClient {
  const { env } = session;
  return new STSClient({
    region: env.AWS_REGION ?? '',
    endpoint: env.AWS_ENDPOINT_URL_STS ?? '',
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
      sessionToken: env.AWS_SESSION_TOKEN ?? '',
    },
    systemClockOffset: clock.now - Date.now(),
    maxAttempts: 1,
  });
}

test("a browser Run's credentials are the attendee's instance role, never a way into another attendee's sandbox", async () => {
  const alice = await browserRuns.session('att_alice', lab);
  const bob = await browserRuns.session('att_bob', lab);
  assert.notEqual(alice.env.AWS_ACCESS_KEY_ID, bob.env.AWS_ACCESS_KEY_ID);
  const aliceOutputs = await aws.outputs('att_alice');
  const bobOutputs = await aws.outputs('att_bob');
  const sts = stsWith(alice);
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Account, aliceOutputs.clientManagerRoleArn.split(':')[4]);
    assert.match(identity.Arn ?? '', /:assumed-role\//);
    const own = await sts.send(new AssumeRoleCommand({ RoleArn: aliceOutputs.clientManagerRoleArn, RoleSessionName: 'alice' }));
    assert.ok(own.Credentials?.AccessKeyId, 'her own client manager role, as the lab does');
    await assert.rejects(
      sts.send(new AssumeRoleCommand({ RoleArn: bobOutputs.clientManagerRoleArn, RoleSessionName: 'alice-as-bob' })),
      (error: Error) => error.name === 'AccessDenied',
    );
  } finally {
    sts.destroy();
  }
});

test('a browser Run session expires 15 minutes after issue, and its credentials stop working then', async () => {
  const issuedAt = clock.now;
  const session = await browserRuns.session('att_carol', lab);
  assert.equal(session.expiresAt, issuedAt + 15 * 60_000);
  assert.equal(session.env.AWS_CREDENTIAL_EXPIRATION, new Date(session.expiresAt).toISOString());
  const fresh = stsWith(session);
  await fresh.send(new GetCallerIdentityCommand({}));
  fresh.destroy();
  clock.now = session.expiresAt + 1000;
  const late = stsWith(session);
  try {
    await assert.rejects(late.send(new GetCallerIdentityCommand({})), (error: Error) => error.name === 'ExpiredToken');
  } finally {
    late.destroy();
    clock.now = issuedAt;
  }
});
