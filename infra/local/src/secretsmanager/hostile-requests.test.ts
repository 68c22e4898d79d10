import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { TemporaryCredentials } from '../iam/index.ts';
import { startTestAws, type TestAws } from '../test-support/test-aws.ts';

/** What the sandbox answered, and the bytes, to prove a secret's value never leaves it. */
interface Answer {
  readonly status: number;
  readonly contentType: string | null;
  readonly errorType: string | null;
  readonly text: string;
  readonly json: { readonly __type?: string; readonly message?: string; readonly SecretString?: string; readonly ARN?: string };
}

type Role = 'workload' | 'manager';

const NAME = 'keyless/orders-worker-client';
const ALICE_VALUE = 'alice-value-never-leaks-9c2e';
const BOB_VALUE = 'bob-value-never-leaks-51d7';

// An attacker's requests, signed with real credentials and sent as raw
// bytes (the SDK would refuse to build most of them), for two attendees.
describe('Secrets Manager refuses what one attendee aims at another, and every malformed request, with an AWS-shaped 4xx', () => {
  let t: TestAws;
  let url: string;
  const arnOf: Record<string, string> = {};
  const accountOf: Record<string, string> = {};

  const credentialsOf = (attendee: string, role: Role): Promise<TemporaryCredentials> =>
    role === 'workload' ? t.aws.credentials(attendee) : t.aws.clientManagerCredentials(attendee);

  /** POSTs `body` exactly as given, SigV4-signed for `secretsmanager` with the attendee's role. */
  async function send(attendee: string, role: Role, target: string, body: string): Promise<Answer> {
    const endpoint = new URL(url);
    const signer = new SignatureV4({
      credentials: await credentialsOf(attendee, role),
      region: 'us-east-1',
      service: 'secretsmanager',
      sha256: Hash.bind(null, 'sha256'),
    });
    const signed = await signer.sign(
      new HttpRequest({
        method: 'POST',
        protocol: 'http:',
        hostname: endpoint.hostname,
        port: Number(endpoint.port),
        path: endpoint.pathname,
        headers: { host: endpoint.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
        body,
      }),
      { signingDate: new Date(t.clock.now()) },
    );
    const response = await fetch(url, { method: 'POST', headers: signed.headers as Record<string, string>, body });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      errorType: response.headers.get('x-amzn-errortype'),
      text,
      json: JSON.parse(text) as Answer['json'],
    };
  }
  const call = (attendee: string, role: Role, action: string, input: unknown): Promise<Answer> =>
    send(attendee, role, `secretsmanager.${action}`, JSON.stringify(input));

  /** A 4xx in AWS JSON 1.1's error shape, named `type`, whose bytes hold neither attendee's value. */
  function assertRefused(answer: Answer, type: string, message?: RegExp): void {
    assert.equal(answer.status, 400, answer.text);
    assert.equal(answer.contentType, 'application/x-amz-json-1.1');
    assert.equal(answer.errorType, type, answer.text);
    assert.equal(answer.json.__type, type);
    assert.ok(answer.json.message, 'a message that says what is wrong');
    if (message) assert.match(answer.json.message, message);
    assert.doesNotMatch(answer.text, /never-leaks/);
  }

  before(async () => {
    t = await startTestAws();
    url = (await t.aws.outputs('alice')).endpointOverrides.AWS_ENDPOINT_URL_SECRETS_MANAGER ?? '';
    for (const [attendee, value] of [
      ['alice', ALICE_VALUE],
      ['bob', BOB_VALUE],
    ] as const) {
      const put = await call(attendee, 'manager', 'PutSecretValue', { SecretId: NAME, SecretString: value });
      assert.equal(put.status, 200, put.text);
      arnOf[attendee] = put.json.ARN ?? '';
      accountOf[attendee] = /:(\d{12}):/.exec(arnOf[attendee])?.[1] ?? '';
    }
    assert.notEqual(accountOf.alice, accountOf.bob);
  });
  after(() => t.dispose());

  const valueOf = async (attendee: string): Promise<string | undefined> =>
    (await call(attendee, 'workload', 'GetSecretValue', { SecretId: NAME })).json.SecretString;

  it("the same name is each attendee's own secret: bob reads and overwrites only his", async () => {
    assert.equal(await valueOf('alice'), ALICE_VALUE);
    assert.equal(await valueOf('bob'), BOB_VALUE);
    const overwrite = await call('bob', 'manager', 'PutSecretValue', { SecretId: NAME, SecretString: BOB_VALUE });
    assert.equal(overwrite.json.ARN, arnOf.bob);
    assert.equal(await valueOf('alice'), ALICE_VALUE);
  });

  it("bob's roles are AccessDenied on alice's full and partial ARN, for every action, and alice's secret is unchanged", async () => {
    const partial = arnOf.alice?.replace(/-[A-Za-z0-9]{6}$/, '') ?? '';
    for (const SecretId of [arnOf.alice, partial]) {
      for (const role of ['workload', 'manager'] as const) {
        assertRefused(
          await call('bob', role, 'GetSecretValue', { SecretId }),
          'AccessDeniedException',
          /^User: arn:aws:sts::\d{12}:assumed-role\//,
        );
        assertRefused(await call('bob', role, 'DescribeSecret', { SecretId }), 'AccessDeniedException');
        assertRefused(await call('bob', role, 'PutSecretValue', { SecretId, SecretString: 'stolen' }), 'AccessDeniedException');
      }
    }
    assert.equal(await valueOf('alice'), ALICE_VALUE);
  });

  it("an ARN rewritten to another account or region never reaches alice's secret", async () => {
    const [alice = '', bob = ''] = [arnOf.alice, arnOf.bob];
    const aliceAccount = accountOf.alice ?? '';
    const bobAccount = accountOf.bob ?? '';
    // Bob's own secret under alice's account id, alice's under a made-up one: IAM names the account.
    assertRefused(
      await call('bob', 'workload', 'GetSecretValue', { SecretId: bob.replace(bobAccount, aliceAccount) }),
      'AccessDeniedException',
    );
    assertRefused(
      await call('bob', 'workload', 'GetSecretValue', { SecretId: alice.replace(aliceAccount, '000000000000') }),
      'AccessDeniedException',
    );
    // Either's own ARN in another region, or another partition, is not the secret either.
    for (const attendee of ['alice', 'bob'] as const) {
      const own = arnOf[attendee] ?? '';
      assertRefused(
        await call(attendee, 'workload', 'GetSecretValue', { SecretId: own.replace(':us-east-1:', ':eu-west-1:') }),
        'AccessDeniedException',
      );
      assertRefused(
        await call(attendee, 'workload', 'GetSecretValue', { SecretId: own.replace('arn:aws:', 'arn:aws-cn:') }),
        'AccessDeniedException',
      );
    }
    // Alice's name and suffix in bob's account is a secret bob's account does not have: its suffix is not his.
    assertRefused(
      await call('bob', 'workload', 'GetSecretValue', { SecretId: alice.replace(aliceAccount, bobAccount) }),
      'ResourceNotFoundException',
      /^Secrets Manager can't find the specified secret\.$/,
    );
    assert.equal(await valueOf('alice'), ALICE_VALUE);
    assert.equal(await valueOf('bob'), BOB_VALUE);
  });

  it('a name with .., an encoded slash, NUL or a newline is no other name: the secret stays out of reach', async () => {
    const suffix = /-([A-Za-z0-9]{6})$/.exec(arnOf.alice ?? '')?.[1] ?? '';
    const tricks = [
      `keyless/../${NAME}`,
      `./${NAME}`,
      `keyless%2Forders-worker-client`,
      `keyless%2forders-worker-client-${suffix}`,
      `${NAME}\u0000`,
      `${NAME}\u0000-${suffix}`,
      `${NAME}%00`,
      `${NAME}\n`,
      `${NAME}/`,
      ` ${NAME}`,
      NAME.toUpperCase(),
      `${NAME}*`,
      `${NAME}-??????`,
    ];
    for (const attendee of ['alice', 'bob'] as const) {
      for (const SecretId of tricks) {
        for (const action of ['GetSecretValue', 'DescribeSecret']) {
          const answer = await call(attendee, 'workload', action, { SecretId });
          assert.notEqual(answer.status, 200, `${attendee} ${action} ${JSON.stringify(SecretId)}`);
          assert.ok(['AccessDeniedException', 'ResourceNotFoundException'].includes(answer.errorType ?? ''), answer.text);
          assertRefused(answer, answer.errorType ?? '');
        }
        const put = await call(attendee, 'manager', 'PutSecretValue', { SecretId, SecretString: 'planted' });
        assert.ok(['AccessDeniedException', 'ResourceNotFoundException'].includes(put.errorType ?? ''), put.text);
        assertRefused(put, put.errorType ?? '');
      }
    }
    assert.equal(await valueOf('alice'), ALICE_VALUE);
    assert.equal(await valueOf('bob'), BOB_VALUE);
  });

  it('a body that is not JSON, or not an object of the right types, is a 400 naming the problem', async () => {
    for (const attendee of ['alice', 'bob'] as const) {
      for (const body of ['{', '{"SecretId":', 'SecretId=x', '\u0000', '{"SecretId":"a"}}']) {
        assertRefused(await send(attendee, 'workload', 'secretsmanager.GetSecretValue', body), 'SerializationException', /not valid JSON/);
      }
      for (const body of [
        'null',
        '[]',
        '"x"',
        '42',
        '{"SecretId":42}',
        '{"SecretId":{"S":"x"}}',
        '{"SecretId":["x"]}',
        '{"SecretId":null}',
      ]) {
        assertRefused(
          await send(attendee, 'workload', 'secretsmanager.GetSecretValue', body),
          'InvalidParameterException',
          /^Invalid parameter/,
        );
      }
      assertRefused(await call(attendee, 'workload', 'GetSecretValue', {}), 'InvalidParameterException', /^You must provide a SecretId\.$/);
      assertRefused(await call(attendee, 'workload', 'GetSecretValue', { SecretId: 'x'.repeat(2049) }), 'InvalidParameterException');
    }
  });

  it('an X-Amz-Target that is not secretsmanager.<an emulated action> is refused before or after signing, by name', async () => {
    for (const attendee of ['alice', 'bob'] as const) {
      for (const target of [
        '',
        'secretsmanager.',
        'SecretsManager.GetSecretValue',
        'AWSCognitoIdentityProviderService.DescribeUserPool',
        'GetSecretValue',
      ]) {
        assertRefused(
          await send(attendee, 'workload', target, '{}'),
          'UnknownOperationException',
          /X-Amz-Target must be secretsmanager\.<Action>/,
        );
      }
      for (const action of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'CreateSecret', 'DeleteSecret', 'getsecretvalue']) {
        assertRefused(
          await call(attendee, 'workload', action, { SecretId: NAME }),
          'UnsupportedOperationException',
          /^The local Keyless sandbox does not emulate secretsmanager:.+\. It emulates GetSecretValue, PutSecretValue, DescribeSecret;/,
        );
      }
    }
    // Each attendee's evidence holds only their own refused calls.
    const bob = await t.aws.evidence('bob').query({ kind: 'control-plane-call', limit: 500 });
    assert.ok(bob.some((event) => event.action === 'CreateSecret' && event.error === 'UnsupportedOperationException'));
    assert.ok(bob.every((event) => event.attendeeId === 'bob'));
  });

  it('a PutSecretValue without a SecretString, or with one over 65,536 bytes, or a body over 1 MiB, is refused and changes nothing', async () => {
    for (const attendee of ['alice', 'bob'] as const) {
      assertRefused(
        await call(attendee, 'manager', 'PutSecretValue', { SecretId: NAME }),
        'InvalidParameterException',
        /^You must provide either SecretString or SecretBinary\.$/,
      );
      assertRefused(await call(attendee, 'manager', 'PutSecretValue', { SecretId: NAME, SecretString: 42 }), 'InvalidParameterException');
      assertRefused(
        await call(attendee, 'manager', 'PutSecretValue', { SecretId: NAME, SecretString: 'x'.repeat(65_537) }),
        'InvalidParameterException',
        /SecretString/,
      );
      // The quota counts bytes: 40,000 two-byte characters are 80,000 bytes, over it.
      assertRefused(
        await call(attendee, 'manager', 'PutSecretValue', { SecretId: NAME, SecretString: 'é'.repeat(40_000) }),
        'InvalidParameterException',
        /65,536 bytes/,
      );
    }
    // A body past the sandbox's 1 MiB guard is refused by the router before any service reads it.
    const huge = await fetch(url, {
      method: 'POST',
      headers: { 'x-amz-target': 'secretsmanager.PutSecretValue' },
      body: JSON.stringify({ SecretId: NAME, SecretString: 'x'.repeat(2 * 1024 * 1024) }),
    });
    assert.equal(huge.status, 413);
    assert.match(((await huge.json()) as { message?: string }).message ?? '', /^Request body larger than \d+ bytes\.$/);
    assert.equal(await valueOf('alice'), ALICE_VALUE);
    assert.equal(await valueOf('bob'), BOB_VALUE);
  });
});
