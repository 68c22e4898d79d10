import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidParameterException,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { TemporaryCredentials } from '../iam/index.ts';
import { startTestAws, type TestAws } from '../test-support/test-aws.ts';

/** Not modelled by the SDK (a common error), so it arrives as the service exception with this name. */
const AccessDenied = { name: 'AccessDeniedException' };

// Contract tests: the real, unmodified SDK client with only its endpoint (the
// sandbox output) and credentials set, for two attendees.
describe('Secrets Manager (AWS JSON 1.1, real SDK)', () => {
  let t: TestAws;
  const value = JSON.stringify({ clientId: 'c1', clientSecret: 'do-not-leak-4f1c' });

  const client = async (attendee: string, credentials: TemporaryCredentials): Promise<SecretsManagerClient> =>
    new SecretsManagerClient({
      region: 'us-east-1',
      endpoint: (await t.aws.outputs(attendee)).endpointOverrides.AWS_ENDPOINT_URL_SECRETS_MANAGER,
      credentials,
      maxAttempts: 1,
    });
  const workload = async (attendee: string): Promise<SecretsManagerClient> => client(attendee, await t.aws.credentials(attendee));
  const manager = async (attendee: string): Promise<SecretsManagerClient> =>
    client(attendee, await t.aws.clientManagerCredentials(attendee));
  const secretId = async (attendee: string): Promise<string> => (await t.aws.outputs(attendee)).cognitoClientSecretId;

  before(async () => {
    t = await startTestAws();
  });
  after(() => t.dispose());

  it('the secret exists without a value until the client manager stores one; then the workload reads it', async () => {
    const SecretId = await secretId('alice');
    await assert.rejects((await workload('alice')).send(new GetSecretValueCommand({ SecretId })), (error: unknown) => {
      assert.ok(error instanceof ResourceNotFoundException);
      assert.equal((error as Error).message, "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
      return true;
    });
    const put = await (await manager('alice')).send(new PutSecretValueCommand({ SecretId, SecretString: value }));
    assert.match(put.ARN ?? '', /^arn:aws:secretsmanager:us-east-1:\d{12}:secret:keyless\/orders-worker-client-[A-Za-z0-9]{6}$/);
    assert.deepEqual(put.VersionStages, ['AWSCURRENT']);
    const read = await (await workload('alice')).send(new GetSecretValueCommand({ SecretId }));
    assert.equal(read.SecretString, value);
    assert.equal(read.ARN, put.ARN);
    assert.equal(read.VersionId, put.VersionId);
    assert.ok(read.CreatedDate instanceof Date);
    // The full ARN and the partial one (without the random suffix) name it too.
    assert.equal((await (await workload('alice')).send(new GetSecretValueCommand({ SecretId: put.ARN }))).SecretString, value);
    const partial = (put.ARN ?? '').replace(/-[A-Za-z0-9]{6}$/, '');
    assert.equal((await (await workload('alice')).send(new GetSecretValueCommand({ SecretId: partial }))).SecretString, value);
    const described = await (await manager('alice')).send(new DescribeSecretCommand({ SecretId }));
    assert.deepEqual(described.VersionIdsToStages, { [put.VersionId ?? '']: ['AWSCURRENT'] });
  });

  it('the workload may read but not write the secret; the client manager may write but not read it', async () => {
    const SecretId = await secretId('alice');
    await assert.rejects((await workload('alice')).send(new PutSecretValueCommand({ SecretId, SecretString: 'x' })), (error: unknown) => {
      assert.equal((error as Error).name, 'AccessDeniedException');
      assert.match(
        (error as Error).message,
        /^User: arn:aws:sts::\d{12}:assumed-role\/keyless-instance-role\/i-[0-9a-f]{17} is not authorized to perform: secretsmanager:PutSecretValue on resource: arn:aws:secretsmanager:us-east-1:\d{12}:secret:keyless\/orders-worker-client-[A-Za-z0-9]{6} because no identity-based policy allows the secretsmanager:PutSecretValue action$/,
      );
      return true;
    });
    await assert.rejects((await manager('alice')).send(new GetSecretValueCommand({ SecretId })), AccessDenied);
  });

  it("another attendee never reads alice's secret: her ARN is AccessDenied, the same name is bob's own (empty) secret", async () => {
    const SecretId = await secretId('alice');
    const aliceArn = (await (await workload('alice')).send(new GetSecretValueCommand({ SecretId }))).ARN ?? '';
    const bob = await workload('bob');
    await assert.rejects(bob.send(new GetSecretValueCommand({ SecretId: aliceArn })), (error: unknown) => {
      assert.equal((error as Error).name, 'AccessDeniedException');
      assert.match((error as Error).message, /keyless-instance-role/);
      assert.doesNotMatch((error as Error).message, /do-not-leak/);
      return true;
    });
    await assert.rejects(bob.send(new GetSecretValueCommand({ SecretId })), ResourceNotFoundException);
    // Even bob's client manager cannot write alice's secret.
    await assert.rejects(
      (await manager('bob')).send(new PutSecretValueCommand({ SecretId: aliceArn, SecretString: 'overwrite' })),
      AccessDenied,
    );
    assert.equal((await (await workload('alice')).send(new GetSecretValueCommand({ SecretId }))).SecretString, value);
  });

  it('records each call as evidence with the secret ARN and the caller, never the value, and only for its attendee', async () => {
    const alice = await t.aws.evidence('alice').query({ kind: 'control-plane-call', limit: 100 });
    const reads = alice.filter((event) => event.service === 'secretsmanager' && event.action === 'GetSecretValue');
    assert.ok(reads.some((event) => event.outcome === 'success' && /assumed-role\/keyless-instance-role\//.test(event.principal ?? '')));
    assert.ok(reads.some((event) => event.outcome === 'failure' && event.error === 'ResourceNotFoundException'));
    assert.ok(alice.some((event) => event.action === 'PutSecretValue' && event.error === 'AccessDeniedException'));
    assert.doesNotMatch(JSON.stringify(alice), /do-not-leak/);
    const bob = await t.aws.evidence('bob').query({ kind: 'control-plane-call', limit: 100 });
    assert.ok(bob.length > 0);
    assert.ok(bob.every((event) => event.attendeeId === 'bob'));
    assert.doesNotMatch(JSON.stringify(bob), /do-not-leak/);
  });

  it('answers malformed and unsupported requests with 4xx and the service exception names', async () => {
    const url = (await t.aws.outputs('alice')).endpointOverrides.AWS_ENDPOINT_URL_SECRETS_MANAGER ?? '';
    const unsigned = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.GetSecretValue' },
      body: '{}',
    });
    assert.equal(unsigned.status, 400);
    assert.equal(unsigned.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
    const noTarget = await fetch(url, { method: 'POST', body: '{' });
    assert.equal(noTarget.status, 400);
    assert.equal(noTarget.headers.get('x-amzn-errortype'), 'UnknownOperationException');
    const sdk = await workload('alice');
    await assert.rejects(sdk.send(new GetSecretValueCommand({ SecretId: '' })), InvalidParameterException);
    await assert.rejects(sdk.send(new GetSecretValueCommand({ SecretId: 'keyless/no-such-secret' })), AccessDenied);
    await assert.rejects(
      sdk.send(new GetSecretValueCommand({ SecretId: await secretId('alice'), VersionStage: 'AWSPREVIOUS' })),
      ResourceNotFoundException,
    );
  });

  it('a reset empties the secret and gives it a new ARN', async () => {
    const SecretId = await secretId('alice');
    const before = (await (await workload('alice')).send(new GetSecretValueCommand({ SecretId }))).ARN;
    await t.aws.reset('alice');
    await assert.rejects((await workload('alice')).send(new GetSecretValueCommand({ SecretId })), ResourceNotFoundException);
    const after = (await (await manager('alice')).send(new DescribeSecretCommand({ SecretId }))).ARN;
    assert.ok(after && after !== before);
  });
});
