import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromInstanceMetadata } from '@aws-sdk/credential-providers';
import type { SandboxOutputs } from '@keyless/labs/sandbox';
import { startTestAws, type TestAws } from '../test-support/test-aws.ts';

/**
 * IMDSv2 against EC2's documented behaviour (wire-format reference §1), raw
 * with fetch, then with the unchanged SDK credential provider.
 */
describe('IMDSv2, one listener per attendee instance', () => {
  let t: TestAws;
  let outputs: SandboxOutputs;
  let imds: string;

  const putToken = (headers: Record<string, string>, path = '/latest/api/token') => fetch(`${imds}${path}`, { method: 'PUT', headers });
  const token = async (ttl = 21600): Promise<string> => (await putToken({ 'x-aws-ec2-metadata-token-ttl-seconds': String(ttl) })).text();
  const get = async (path: string, tokenValue?: string): Promise<{ status: number; body: string; type: string | null }> => {
    const response = await fetch(`${imds}${path}`, { headers: tokenValue === undefined ? {} : { 'x-aws-ec2-metadata-token': tokenValue } });
    return { status: response.status, body: await response.text(), type: response.headers.get('content-type') };
  };

  before(async () => {
    t = await startTestAws();
    outputs = await t.aws.outputs('alice');
    imds = outputs.endpointOverrides.AWS_EC2_METADATA_SERVICE_ENDPOINT ?? '';
  });
  after(() => t.dispose());

  it('listens on its own loopback port, separate from the main sandbox port', () => {
    assert.match(imds, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(new URL(imds).port, new URL(t.aws.baseUrl).port);
  });

  it('PUT /latest/api/token: TTL 1–21600 echoed; missing or out-of-range TTL → 400; X-Forwarded-For or a dated path → 403', async () => {
    const ok = await putToken({ 'x-aws-ec2-metadata-token-ttl-seconds': '60' });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('x-aws-ec2-metadata-token-ttl-seconds'), '60');
    assert.ok((await ok.text()).length > 20);
    for (const ttl of [undefined, '0', '21601', 'abc', '-5']) {
      assert.equal((await putToken(ttl === undefined ? {} : { 'x-aws-ec2-metadata-token-ttl-seconds': ttl })).status, 400, `ttl ${ttl}`);
    }
    assert.equal((await putToken({ 'x-aws-ec2-metadata-token-ttl-seconds': '60', 'x-forwarded-for': '10.0.0.9' })).status, 403);
    assert.equal((await putToken({ 'x-aws-ec2-metadata-token-ttl-seconds': '60' }, '/2021-03-23/api/token')).status, 403);
  });

  it('refuses IMDSv1 (no token) and unknown or expired tokens with 401', async () => {
    assert.equal((await get('/latest/meta-data/instance-id')).status, 401);
    assert.equal((await get('/latest/meta-data/instance-id', 'AQAEAnot-a-token')).status, 401);
    const short = await token(2);
    const [put] = await t.aws.evidence('alice').query({ kind: 'imds-request', limit: 1 });
    assert.deepEqual({ method: put?.method, ttlSeconds: put?.ttlSeconds }, { method: 'PUT', ttlSeconds: 2 });
    assert.equal((await get('/latest/meta-data/instance-id', short)).status, 200);
    t.clock.advance(2001);
    assert.equal((await get('/latest/meta-data/instance-id', short)).status, 401, 'expired on the sandbox clock');
    const events = await t.aws.evidence('alice').query({ kind: 'imds-request', limit: 1 });
    assert.deepEqual(
      events.map(({ method, path, status, sessionToken, outcome }) => ({ method, path, status, sessionToken, outcome })),
      [{ method: 'GET', path: '/latest/meta-data/instance-id', status: 401, sessionToken: false, outcome: 'failure' }],
    );
  });

  it("serves the instance's metadata as text/plain, in EC2's shapes", async () => {
    const session = await token();
    const instanceId = (await get('/latest/meta-data/instance-id', session)).body;
    assert.match(instanceId, /^i-[0-9a-f]{17}$/);
    assert.equal((await get('/latest/meta-data/placement/region', session)).body, 'us-east-1');
    assert.equal((await get('/latest/meta-data/placement/availability-zone', session)).body, 'us-east-1a');
    assert.equal((await get('/latest/meta-data/iam/', session)).body, 'info\nsecurity-credentials/');
    assert.equal((await get('/latest/meta-data/iam/security-credentials/', session)).body, 'keyless-instance-role');
    const info = await get('/latest/meta-data/iam/info', session);
    assert.match(info.body, /^\{\n {2}"Code" : "Success",\n/);
    assert.match(
      (JSON.parse(info.body) as { InstanceProfileArn: string }).InstanceProfileArn,
      /^arn:aws:iam::\d{12}:instance-profile\/keyless-instance-profile$/,
    );
    const document = JSON.parse((await get('/latest/dynamic/instance-identity/document', session)).body) as Record<string, unknown>;
    assert.equal(document.instanceId, instanceId);
    assert.equal(document.accountId, outputs.ordersRoleArn.split(':')[4]);
    assert.equal((await get('/latest/meta-data/nope', session)).status, 404);
    assert.equal((await get('/latest/meta-data/iam/security-credentials/other-role', session)).status, 404);

    const credentials = await get('/latest/meta-data/iam/security-credentials/keyless-instance-role', session);
    assert.equal(credentials.type, 'text/plain');
    const parsed = JSON.parse(credentials.body) as Record<string, string>;
    assert.deepEqual(Object.keys(parsed), ['Code', 'LastUpdated', 'Type', 'AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration']);
    const current = await t.aws.credentials('alice');
    assert.equal(parsed.AccessKeyId, current.accessKeyId);
    assert.equal(parsed.Expiration, new Date(current.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'));
  });

  it('fromInstanceMetadata (credential-providers, unchanged) gets the instance role with only AWS_EC2_METADATA_SERVICE_ENDPOINT set', async () => {
    process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = imds;
    try {
      const credentials = await fromInstanceMetadata({ ec2MetadataV1Disabled: true })();
      assert.equal(credentials.accessKeyId, (await t.aws.credentials('alice')).accessKeyId);
      const sts = new STSClient({
        region: 'us-east-1',
        endpoint: outputs.endpointOverrides.AWS_ENDPOINT_URL_STS,
        credentials,
        maxAttempts: 1,
        systemClockOffset: t.clock.now() - Date.now(),
      });
      assert.match((await sts.send(new GetCallerIdentityCommand({}))).Arn ?? '', /assumed-role\/keyless-instance-role\/i-/);
    } finally {
      delete process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
    }
  });

  it('hands out fresh credentials well before expiry; the previous set stays valid until it expires', async () => {
    const first = await t.aws.credentials('alice');
    const session = await token();
    t.clock.set(first.expiresAt - 14 * 60 * 1000); // 14 minutes left: inside the 15-minute refresh window
    const served = JSON.parse((await get('/latest/meta-data/iam/security-credentials/keyless-instance-role', session)).body) as {
      AccessKeyId: string;
      Expiration: string;
    };
    assert.notEqual(served.AccessKeyId, first.accessKeyId);
    assert.ok(Date.parse(served.Expiration) - t.clock.now() > 5 * 60 * 60 * 1000);
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: outputs.endpointOverrides.AWS_ENDPOINT_URL_STS,
      credentials: first,
      maxAttempts: 1,
      systemClockOffset: t.clock.now() - Date.now(),
    });
    assert.ok((await sts.send(new GetCallerIdentityCommand({}))).Arn, 'old set still valid');
  });

  it("isolates attendees: Bob's IMDS is another port, serves Bob's role, and does not accept Alice's tokens", async () => {
    const bob = (await t.aws.outputs('bob')).endpointOverrides.AWS_EC2_METADATA_SERVICE_ENDPOINT ?? '';
    assert.notEqual(bob, imds);
    const alices = await token();
    const response = await fetch(`${bob}/latest/meta-data/instance-id`, { headers: { 'x-aws-ec2-metadata-token': alices } });
    assert.equal(response.status, 401);
    const bobToken = await (
      await fetch(`${bob}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } })
    ).text();
    const served = (await (
      await fetch(`${bob}/latest/meta-data/iam/security-credentials/keyless-instance-role`, {
        headers: { 'x-aws-ec2-metadata-token': bobToken },
      })
    ).json()) as { AccessKeyId: string };
    assert.equal(served.AccessKeyId, (await t.aws.credentials('bob')).accessKeyId);
  });
});
