import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SandboxOutputs } from '@keyless/labs/sandbox';
import type { TemporaryCredentials } from '../iam/index.ts';
import { startTestAws, type TestAws } from '../test-support/test-aws.ts';

/** The Orders API's API-key and IAM (SigV4, service execute-api) front doors. */
describe('Orders API front doors', () => {
  let t: TestAws;
  let alice: SandboxOutputs;
  let bob: SandboxOutputs;
  const lastCall = async (attendee = 'alice') => (await t.aws.evidence(attendee).query({ kind: 'api-call', limit: 1 }))[0];

  before(async () => {
    t = await startTestAws();
    alice = await t.aws.outputs('alice');
    bob = await t.aws.outputs('bob');
  });
  after(() => t.dispose());

  describe('API key (x-api-key)', () => {
    const call = async (method: string, key: string | undefined, url = `${alice.ordersApiKeyUrl}/orders`) => {
      const response = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', ...(key === undefined ? {} : { 'x-api-key': key }) },
        ...(method === 'POST' ? { body: JSON.stringify({ item: 'bolt', quantity: 3 }) } : {}),
      });
      return { status: response.status, json: (await response.json()) as unknown };
    };
    it("the attendee's key → 200/201, recorded as authType api-key", async () => {
      assert.equal((await call('GET', alice.ordersApiKey)).status, 200);
      assert.equal((await call('POST', alice.ordersApiKey)).status, 201);
      const event = await lastCall();
      assert.deepEqual(
        { authType: event?.authType, status: event?.status, principal: event?.principal },
        { authType: 'api-key', status: 201, principal: undefined },
      );
      // The Wire view's masked key: the header and last 4 only, and a fingerprint id, never the key.
      assert.equal(event?.apiKey?.last4, alice.ordersApiKey.slice(-4));
      assert.match(event.apiKey.keyId ?? '', /^key-[0-9a-f]{10}$/);
      assert.ok(!JSON.stringify(event).includes(alice.ordersApiKey));
    });
    it('a missing, wrong or another attendee\'s key → 403 {"message":"Forbidden"}', async () => {
      for (const key of [undefined, 'x'.repeat(40), bob.ordersApiKey]) {
        assert.deepEqual(await call('GET', key), { status: 403, json: { message: 'Forbidden' } }, String(key));
      }
      assert.match((await lastCall())?.error ?? '', /^Forbidden: invalid API key$/);
    });
    it('the key opens only the key front door, not the Cognito one', async () => {
      assert.equal((await call('GET', alice.ordersApiKey, `${alice.ordersApiUrl}/orders`)).status, 401);
    });
  });

  describe('IAM (SigV4 for execute-api)', () => {
    const signedFetch = async (
      method: string,
      url: string,
      credentials: TemporaryCredentials,
      tamper?: (headers: Record<string, string>) => void,
      signedAgoMs = 0,
    ) => {
      const target = new URL(url);
      const body = method === 'POST' ? JSON.stringify({ item: 'nut', quantity: 1 }) : undefined;
      const signer = new SignatureV4({ credentials, region: 'us-east-1', service: 'execute-api', sha256: Hash.bind(null, 'sha256') });
      const signed = await signer.sign(
        new HttpRequest({
          method,
          protocol: 'http:',
          hostname: target.hostname,
          port: Number(target.port),
          path: target.pathname,
          headers: { host: target.host, 'content-type': 'application/json' },
          ...(body ? { body } : {}),
        }),
        { signingDate: new Date(t.clock.now() - signedAgoMs) },
      );
      const headers = { ...(signed.headers as Record<string, string>) };
      tamper?.(headers);
      const response = await fetch(url, { method, headers, ...(body ? { body } : {}) });
      return {
        status: response.status,
        json: (await response.json()) as { message?: string },
        errorType: response.headers.get('x-amzn-errortype'),
      };
    };
    const assumeOrdersRole = async (attendee: string, outputs: SandboxOutputs, policy?: string): Promise<TemporaryCredentials> => {
      const sts = new STSClient({
        region: 'us-east-1',
        endpoint: outputs.endpointOverrides.AWS_ENDPOINT_URL_STS,
        credentials: await t.aws.credentials(attendee),
        maxAttempts: 1,
        systemClockOffset: t.clock.now() - Date.now(),
      });
      const { Credentials: c } = await sts.send(
        new AssumeRoleCommand({ RoleArn: outputs.ordersRoleArn, RoleSessionName: 'orders-client', ...(policy ? { Policy: policy } : {}) }),
      );
      assert.ok(c?.AccessKeyId && c.SecretAccessKey && c.SessionToken && c.Expiration);
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiresAt: c.Expiration.getTime(),
      };
    };
    const url = () => `${alice.ordersIamUrl}/orders`;

    it('the orders role (assumed from the instance role) may GET and POST; its assumed-role ARN is the recorded principal', async () => {
      const orders = await assumeOrdersRole('alice', alice);
      assert.equal((await signedFetch('GET', url(), orders)).status, 200);
      assert.equal((await signedFetch('POST', url(), orders)).status, 201);
      const event = await lastCall();
      assert.equal(event?.authType, 'sigv4');
      assert.match(event.principal ?? '', /^arn:aws:sts::\d{12}:assumed-role\/keyless-orders-role\/orders-client$/);
      // The signature's public part for the Wire view; never the secret, the session token or the signature.
      assert.equal(event.sigv4?.credentialId, orders.accessKeyId);
      assert.match(event.sigv4.credentialScope, /^\d{8}\/[\w-]+\/execute-api\/aws4_request$/);
      assert.ok(event.sigv4.signedHeaders.includes('host'));
      for (const secret of [orders.secretAccessKey, orders.sessionToken]) assert.ok(!JSON.stringify(event).includes(secret));
    });

    it('the instance role itself is denied: 403 naming the caller and the method ARN', async () => {
      const { status, json, errorType } = await signedFetch('GET', url(), await t.aws.credentials('alice'));
      assert.equal(status, 403);
      assert.equal(errorType, 'AccessDeniedException');
      const apiId = new URL(alice.ordersIamUrl).pathname.split('/')[2];
      assert.match(
        json.message ?? '',
        new RegExp(
          `^User: arn:aws:sts::\\d{12}:assumed-role/keyless-instance-role/i-[0-9a-f]{17} is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:\\d{12}:${apiId}/prod/GET/orders$`,
        ),
      );
      assert.match((await lastCall())?.principal ?? '', /keyless-instance-role/);
    });

    it('a session policy narrows the session: GET-only policy → POST denied', async () => {
      const getOnly = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:*:*:*/prod/GET/*' }],
      });
      const narrowed = await assumeOrdersRole('alice', alice, getOnly);
      assert.equal((await signedFetch('GET', url(), narrowed)).status, 200);
      assert.equal((await signedFetch('POST', url(), narrowed)).status, 403);
    });

    it("another attendee's orders role cannot invoke Alice's API (cross-account)", async () => {
      const bobs = await assumeOrdersRole('bob', bob);
      assert.equal((await signedFetch('GET', url(), bobs)).status, 403);
      assert.equal((await signedFetch('GET', `${bob.ordersIamUrl}/orders`, bobs)).status, 200, 'but his own');
    });

    it('a request signed more than 5 minutes ago is refused, as API Gateway refuses it: a replay 6 or 14 minutes late fails', async () => {
      const orders = await assumeOrdersRole('alice', alice);
      const minute = 60_000;
      assert.equal((await signedFetch('GET', url(), orders, undefined, 4 * minute)).status, 200, 'inside the window');
      for (const late of [6, 14]) {
        const replay = await signedFetch('GET', url(), orders, undefined, late * minute);
        assert.deepEqual([replay.status, replay.errorType], [403, 'InvalidSignatureException'], `${late} minutes late`);
        assert.match(
          replay.json.message ?? '',
          /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/,
        );
      }
      const early = await signedFetch('GET', url(), orders, undefined, -6 * minute);
      assert.match(early.json.message ?? '', /^Signature not yet current: .* \+ 5 min\.\)$/);
    });

    it("SigV4 failures: unsigned, wrong secret, unknown key, expired session → 403 with API Gateway's messages", async () => {
      const orders = await assumeOrdersRole('alice', alice);
      const unsigned = await fetch(url());
      assert.deepEqual([unsigned.status, await unsigned.json()], [403, { message: 'Missing Authentication Token' }]);
      const wrong = await signedFetch('GET', url(), { ...orders, secretAccessKey: `${orders.secretAccessKey}x` });
      assert.deepEqual([wrong.status, wrong.errorType], [403, 'InvalidSignatureException']);
      assert.match(wrong.json.message ?? '', /signature we calculated does not match/);
      const unknown = await signedFetch('GET', url(), { ...orders, accessKeyId: 'ASIAAAAAAAAAAAAAAAAA' });
      assert.deepEqual([unknown.status, unknown.json.message], [403, 'The security token included in the request is invalid.']);
      const tampered = await signedFetch('GET', url(), orders, (headers) => void (headers['content-type'] = 'text/plain'));
      assert.equal(tampered.errorType, 'InvalidSignatureException');
      const start = t.clock.now();
      t.clock.set(orders.expiresAt + 1000);
      try {
        const expired = await signedFetch('GET', url(), orders);
        assert.deepEqual([expired.status, expired.json.message], [403, 'The security token included in the request is expired']);
      } finally {
        t.clock.set(start);
      }
    });
  });
});
