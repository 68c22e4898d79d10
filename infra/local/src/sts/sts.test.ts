import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  MalformedPolicyDocumentException,
  STSClient,
  STSServiceException,
} from '@aws-sdk/client-sts';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { SandboxOutputs } from '@keyless/labs/sandbox';
import type { TemporaryCredentials } from '../iam/index.ts';
import { startTestAws, type TestAws } from '../test-support/test-aws.ts';

/** Contract tests with the real, unmodified @aws-sdk/client-sts against the sandbox's STS. */
describe('STS (query protocol) with @aws-sdk/client-sts', () => {
  let t: TestAws;
  let outputs: SandboxOutputs;
  let instance: TemporaryCredentials;

  /** A client signing with `credentials`, its clock aligned to the sandbox clock (tests move it). */
  const sts = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): STSClient =>
    new STSClient({
      region: 'us-east-1',
      endpoint: outputs.endpointOverrides.AWS_ENDPOINT_URL_STS ?? '',
      credentials,
      maxAttempts: 1,
      systemClockOffset: t.clock.now() - Date.now(),
    });
  const rejectsWith = async (promise: Promise<unknown>, name: string, message?: RegExp): Promise<STSServiceException> => {
    const error = await promise.then(
      () => assert.fail(`expected ${name}`),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof STSServiceException, `an STS exception, got ${String(error)}`);
    assert.equal(error.name, name, error.message);
    if (message) assert.match(error.message, message);
    return error;
  };
  /** The credentials of an AssumeRole result, asserted present. */
  const session = (result: {
    Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date };
  }): TemporaryCredentials => {
    const c = result.Credentials;
    assert.ok(c?.AccessKeyId && c.SecretAccessKey && c.SessionToken && c.Expiration, 'AssumeRole returned all four credential members');
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiresAt: c.Expiration.getTime(),
    };
  };
  const assume = (credentials: TemporaryCredentials, input: Partial<ConstructorParameters<typeof AssumeRoleCommand>[0]> = {}) =>
    sts(credentials).send(new AssumeRoleCommand({ RoleArn: outputs.ordersRoleArn, RoleSessionName: 'orders-worker', ...input }));

  before(async () => {
    t = await startTestAws();
    outputs = await t.aws.outputs('alice');
    instance = await t.aws.credentials('alice');
  });
  after(() => t.dispose());

  it("GetCallerIdentity names the instance role session (session name = instance id) in the attendee's own account", async () => {
    const identity = await sts(instance).send(new GetCallerIdentityCommand({}));
    assert.match(identity.Account ?? '', /^[1-9]\d{11}$/);
    assert.match(identity.Arn ?? '', new RegExp(`^arn:aws:sts::${identity.Account}:assumed-role/keyless-instance-role/i-[0-9a-f]{17}$`));
    assert.match(identity.UserId ?? '', /^AROA[A-Z0-9]{17}:i-[0-9a-f]{17}$/);
    assert.ok(outputs.ordersRoleArn.startsWith(`arn:aws:iam::${identity.Account}:role/`));
    const bob = await sts(await t.aws.credentials('bob')).send(new GetCallerIdentityCommand({}));
    assert.notEqual(bob.Account, identity.Account, 'one account per attendee');
    const [event] = await t.aws.evidence('alice').query({ kind: 'sts-call', limit: 1 });
    assert.equal(event?.action, 'GetCallerIdentity');
    assert.equal(event.principal, identity.Arn);
  });

  it('AssumeRole: the instance role assumes the orders role; the new session identifies as it', async () => {
    const result = await assume(instance, { DurationSeconds: 900 });
    const credentials = session(result);
    assert.match(credentials.accessKeyId, /^ASIA/);
    assert.equal(credentials.expiresAt, Math.floor(t.clock.now() / 1000) * 1000 + 900_000);
    const account = outputs.ordersRoleArn.split(':')[4];
    assert.equal(result.AssumedRoleUser?.Arn, `arn:aws:sts::${account}:assumed-role/keyless-orders-role/orders-worker`);
    const identity = await sts(credentials).send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Arn, result.AssumedRoleUser.Arn);
    const [event] = await t.aws.evidence('alice').query({ kind: 'sts-call', limit: 2 });
    assert.equal(event?.action, 'GetCallerIdentity');
    const [, assumed] = await t.aws.evidence('alice').query({ kind: 'sts-call', limit: 2 });
    assert.equal(assumed?.action, 'AssumeRole');
    assert.equal(assumed.roleArn, outputs.ordersRoleArn);
    assert.equal(assumed.roleSessionName, 'orders-worker');
    assert.equal(assumed.durationSeconds, 900);
    assert.match(assumed.principal ?? '', /assumed-role\/keyless-instance-role\//);
  });

  it('fromTemporaryCredentials (credential-providers) assumes the role and refreshes through STS', async () => {
    const provider = fromTemporaryCredentials({
      masterCredentials: instance,
      params: { RoleArn: outputs.ordersRoleArn, RoleSessionName: 'provider-session' },
      clientConfig: {
        region: 'us-east-1',
        endpoint: outputs.endpointOverrides.AWS_ENDPOINT_URL_STS,
        systemClockOffset: t.clock.now() - Date.now(),
      },
    });
    const credentials = await provider();
    const identity = await sts(credentials).send(new GetCallerIdentityCommand({}));
    assert.match(identity.Arn ?? '', /assumed-role\/keyless-orders-role\/provider-session$/);
  });

  describe('validation (ValidationError, before authorization)', () => {
    const cases: [string, Partial<ConstructorParameters<typeof AssumeRoleCommand>[0]>, RegExp][] = [
      ['a one-character session name', { RoleSessionName: 'x' }, /roleSessionName.*greater than or equal to 2/],
      ['a session name with a space', { RoleSessionName: 'my session' }, /regular expression pattern/],
      ['DurationSeconds below 900', { DurationSeconds: 899 }, /durationSeconds.*greater than or equal to 900/],
      ['DurationSeconds above the role maximum (3600)', { DurationSeconds: 7200 }, /exceeds the MaxSessionDuration set for this role/],
      ['a RoleArn shorter than 20 characters', { RoleArn: 'arn:aws:iam::1:r/x' }, /roleArn.*greater than or equal to 20/],
    ];
    for (const [name, input, message] of cases) {
      it(name, async () => {
        await rejectsWith(assume(instance, input), 'ValidationError', message);
      });
    }
    it('a malformed session policy is MalformedPolicyDocumentException', async () => {
      const error = await assume(instance, { Policy: '{"Statement": "nope"}' }).catch((caught: unknown) => caught);
      assert.ok(error instanceof MalformedPolicyDocumentException);
    });
  });

  describe('AccessDenied: trust and identity policies are evaluated', () => {
    it('the instance role may not assume the CI role (no identity permission, trust names only the OIDC provider)', async () => {
      await rejectsWith(
        assume(instance, { RoleArn: outputs.ciRoleArn }),
        'AccessDenied',
        /is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::\d{12}:role\/keyless-ci-role/,
      );
    });
    it('the orders role may not assume itself (its trust policy names only the instance role)', async () => {
      await rejectsWith(assume(session(await assume(instance))), 'AccessDenied');
    });
    it("another attendee's orders role (cross-account) and a role that does not exist are refused alike", async () => {
      const bob = await t.aws.outputs('bob');
      await rejectsWith(assume(instance, { RoleArn: bob.ordersRoleArn }), 'AccessDenied');
      await rejectsWith(
        assume(instance, { RoleArn: outputs.ordersRoleArn.replace('keyless-orders-role', 'no-such-role') }),
        'AccessDenied',
      );
      const [event] = await t.aws.evidence('alice').query({ kind: 'sts-call', limit: 1 });
      assert.equal(event?.outcome, 'failure');
      assert.equal(event.error, 'AccessDenied');
      const bobEvents = await t.aws.evidence('bob').query({ kind: 'sts-call' });
      assert.deepEqual(
        bobEvents.map((event) => event.action),
        ['GetCallerIdentity'],
        "Alice's attempts land in her evidence, not Bob's",
      );
    });
    it('accepts a valid session policy and reports PackedPolicySize (enforcement: orders-iam tests)', async () => {
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }],
      });
      const result = await assume(instance, { RoleArn: outputs.ordersRoleArn, Policy: policy });
      assert.ok(session(result).accessKeyId);
      // Deprecated by STS in favour of SessionTokenUtilization, which it still returns alongside.
      // eslint-disable-next-line @typescript-eslint/no-deprecated
      assert.ok((result.PackedPolicySize ?? 0) > 0);
    });
  });

  describe("SigV4 failures use STS's own error codes", () => {
    it('unknown access key → InvalidClientTokenId', async () => {
      await rejectsWith(
        sts({ accessKeyId: 'ASIAUNKNOWNUNKNOWN00', secretAccessKey: 'x', sessionToken: 'y' }).send(new GetCallerIdentityCommand({})),
        'InvalidClientTokenId',
        /security token included in the request is invalid/,
      );
    });
    it('wrong secret → SignatureDoesNotMatch', async () => {
      await rejectsWith(
        sts({ ...instance, secretAccessKey: `${instance.secretAccessKey}x` }).send(new GetCallerIdentityCommand({})),
        'SignatureDoesNotMatch',
        /signature we calculated does not match/,
      );
      // The key's owner sees what the sandbox signed (Wire view): the canonical request and string to sign, no secret.
      const [event] = await t.aws.evidence('alice').query({ kind: 'sts-call', limit: 1 });
      assert.equal(event?.error, 'SignatureDoesNotMatch');
      assert.equal(event.sigv4?.credentialId, instance.accessKeyId);
      assert.match(event.sigv4.canonicalRequest ?? '', /^POST\n\/sts\/\n/);
      assert.match(event.sigv4.canonicalRequest ?? '', /^x-amz-security-token:<session token, not shown>$/m);
      assert.match(event.sigv4.stringToSign ?? '', /^AWS4-HMAC-SHA256\n\d{8}T\d{6}Z\n\d{8}\/[\w-]+\/sts\/aws4_request\n[0-9a-f]{64}$/);
      for (const secret of [instance.secretAccessKey, instance.sessionToken]) assert.ok(!JSON.stringify(event).includes(secret));
    });
    it('a session past its expiry (sandbox clock) → ExpiredToken', async () => {
      const expiring = session(await assume(instance, { DurationSeconds: 900 }));
      const start = t.clock.now();
      t.clock.advance(901_000);
      try {
        await rejectsWith(sts(expiring).send(new GetCallerIdentityCommand({})), 'ExpiredToken', /expired/);
      } finally {
        t.clock.set(start);
      }
    });
  });

  it('answers actions it does not emulate with a named error, never a fake success', async () => {
    await rejectsWith(sts(instance).send(new GetSessionTokenCommand({})), 'UnsupportedOperation', /does not emulate sts:GetSessionToken/);
    const response = await fetch(`${outputs.endpointOverrides.AWS_ENDPOINT_URL_STS}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=Nope&Version=2011-06-15',
    });
    assert.equal(response.status, 400);
    const xml = await response.text();
    assert.match(xml, /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">/);
    assert.match(xml, /<Type>Sender<\/Type>\s*<Code>InvalidAction<\/Code>/);
    assert.ok(response.headers.get('x-amzn-requestid'));
  });
});
