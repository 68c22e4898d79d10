import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT, decodeJwt, importJWK } from 'jose';
import type { SandboxOutputs } from '@keyless/labs/sandbox';
import { generateSigningKey } from '../keys/signing-keys.ts';
import { basic, createM2mClient, requestToken, startTestAws, type TestAws } from '../test-support/test-aws.ts';

describe('Orders API behind the Cognito user pool authorizer', () => {
  let t: TestAws;
  let outputs: SandboxOutputs;
  let readToken: string;
  let writeToken: string;

  const call = async (
    method: string,
    token: string | undefined,
    body?: unknown,
    url = `${outputs.ordersApiUrl}/orders`,
  ): Promise<{ status: number; json: unknown }> => {
    const response = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: token }) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: response.status, json: await response.json() };
  };
  const lastCall = async () => (await t.aws.evidence('alice').query({ kind: 'api-call', limit: 1 }))[0];

  before(async () => {
    t = await startTestAws();
    outputs = await t.aws.outputs('alice');
    const client = await createM2mClient(t.aws, 'alice');
    const token = async (scope: string): Promise<string> =>
      (
        await requestToken(
          outputs.cognitoTokenUrl,
          { grant_type: 'client_credentials', scope },
          { authorization: basic(client.clientId, client.clientSecret) },
        )
      ).body.access_token ?? '';
    readToken = await token('orders/read');
    writeToken = await token('orders/write');
  });
  after(() => t.dispose());

  it('GET /orders with an orders/read token (Bearer) is 200 and recorded', async () => {
    const { status, json } = await call('GET', `Bearer ${readToken}`);
    assert.equal(status, 200);
    assert.deepEqual(json, { orders: [] });
    const event = await lastCall();
    assert.equal(event?.status, 200);
    assert.equal(event.outcome, 'success');
    assert.equal(event.authType, 'cognito-jwt');
    assert.equal(event.method, 'GET');
    assert.equal(event.path, '/orders');
    assert.equal(event.principal, decodeJwt(readToken).client_id);
    assert.deepEqual(event.scopes, ['orders/read']);
  });

  it("POST /orders with a read-only token is 401, recorded with the token's scopes", async () => {
    const { status, json } = await call('POST', readToken, { item: 'widget', quantity: 2 });
    assert.equal(status, 401);
    assert.deepEqual(json, { message: 'Unauthorized' });
    const event = await lastCall();
    assert.equal(event?.status, 401);
    assert.deepEqual(event.scopes, ['orders/read']);
    assert.match(event.error ?? '', /scope mismatch/);
  });

  it('POST /orders with an orders/write token (raw JWT) creates the order: 201', async () => {
    const { status, json } = await call('POST', writeToken, { item: 'widget', quantity: 2 });
    assert.equal(status, 201);
    assert.equal((json as { item: string }).item, 'widget');
    assert.equal((json as { quantity: number }).quantity, 2);
    assert.equal((await lastCall())?.status, 201);
    const listed = await call('GET', readToken);
    assert.equal((listed.json as { orders: unknown[] }).orders.length, 1);
  });

  it('validates the order body: 400', async () => {
    for (const body of [
      { item: 'widget', quantity: 0 },
      { item: '', quantity: 1 },
      { item: 'x', quantity: 1.5 },
      { quantity: 1 },
      'not json',
    ]) {
      const { status } = await call('POST', writeToken, body);
      assert.equal(status, 400, JSON.stringify(body));
    }
    const event = await lastCall();
    assert.equal(event?.status, 400);
    assert.equal(event.outcome, 'failure');
  });

  describe('401 {"message":"Unauthorized"} for every bad token', () => {
    const cases: [string, () => Promise<string | undefined>, RegExp][] = [
      ['no Authorization header', async () => undefined, /missing token/],
      ['garbage', async () => 'not-a-jwt', /malformed/],
      [
        'a tampered payload',
        async () => {
          const [header, , signature] = readToken.split('.');
          const payload = Buffer.from(JSON.stringify({ ...decodeJwt(readToken), scope: 'orders/write' })).toString('base64url');
          return `${header}.${payload}.${signature}`;
        },
        /invalid signature/,
      ],
      [
        'a token signed by a key not in the JWKS',
        async () => {
          const key = await importJWK({ ...generateSigningKey(), alg: 'RS256' }, 'RS256');
          return new SignJWT({ ...decodeJwt(readToken) }).setProtectedHeader({ alg: 'RS256', kid: 'foreign' }).sign(key);
        },
        /unknown signing key/,
      ],
      [
        "a token of another attendee's pool",
        async () => {
          const bob = await createM2mClient(t.aws, 'bob');
          const bobOutputs = await t.aws.outputs('bob');
          const { body } = await requestToken(
            bobOutputs.cognitoTokenUrl,
            { grant_type: 'client_credentials', scope: 'orders/read' },
            { authorization: basic(bob.clientId, bob.clientSecret) },
          );
          return body.access_token;
        },
        /issuer/,
      ],
    ];
    for (const [name, token, reason] of cases) {
      it(name, async () => {
        const { status, json } = await call('GET', await token());
        assert.equal(status, 401);
        assert.deepEqual(json, { message: 'Unauthorized' });
        const event = await lastCall();
        assert.equal(event?.status, 401);
        assert.equal(event.outcome, 'failure');
        assert.match(event.error ?? '', reason);
      });
    }

    it('an expired token (the injected clock moves past exp)', async () => {
      const start = t.clock.now();
      t.clock.advance(3601 * 1000);
      try {
        const { status } = await call('GET', readToken);
        assert.equal(status, 401);
        assert.match((await lastCall())?.error ?? '', /expired/);
      } finally {
        t.clock.set(start);
      }
      assert.equal((await call('GET', readToken)).status, 200, 'valid again once the clock is back');
    });
  });

  it('answers unknown resources and methods like API Gateway: 403 Missing Authentication Token', async () => {
    const { status, json } = await call('DELETE', readToken);
    assert.equal(status, 403);
    assert.deepEqual(json, { message: 'Missing Authentication Token' });
    assert.equal((await call('GET', readToken, undefined, `${outputs.ordersApiUrl}/nope`)).status, 403);
  });

  it("keeps each attendee's orders and evidence apart", async () => {
    const bobCalls = await t.aws.evidence('bob').query({ kind: 'api-call' });
    assert.deepEqual(bobCalls, []);
  });
});
