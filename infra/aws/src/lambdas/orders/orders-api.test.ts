import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { invokeOrdersApi, ORDER_ROUTES, type ApiCallRecord, type Order } from '@keyless/local-sandbox/orders-rules';
import { EVIDENCE_TABLE } from '../../contract/evidence-table.ts';
import { dynamoEvidenceWriter } from '../shared/evidence-writer.ts';
import { fakeTables } from '../test-support/fake-tables.ts';
import { dynamoOrderBook } from './dynamo-order-book.ts';
import { createOrdersApiHandler } from './orders-api.ts';
import { ORDERS_RULE_CASES, type OrdersRuleCase } from './orders-cases.ts';
import { ordersEvent, type TestCaller } from './test-events.ts';

const EVENT = 'reinvent';
const NOW = Date.UTC(2026, 11, 2, 9, 0, 0);
const ALICE_ROLE = `arn:aws:sts::123456789012:assumed-role/keyless-${EVENT}-a001-orders/lab1`;
const BOB_ROLE = `arn:aws:sts::123456789012:assumed-role/keyless-${EVENT}-a002-orders/lab1`;
const KEYS: Record<string, string> = { 'key-alice': 'a001', 'key-bob': 'a002' };
const CLIENTS: Record<string, string> = { 'client-a001': 'a001', 'client-a002': 'a002' };

function callerFor(testCase: Pick<OrdersRuleCase, 'door' | 'scopes'>, slot = 'a001'): TestCaller {
  switch (testCase.door) {
    case 'sigv4':
      return { door: 'sigv4', userArn: slot === 'a001' ? ALICE_ROLE : BOB_ROLE };
    case 'api-key':
      return { door: 'api-key', apiKeyId: slot === 'a001' ? 'key-alice' : 'key-bob' };
    case 'mtls':
      return { door: 'mtls', mtls: { slot, subject: `CN=keyless-${EVENT}-${slot},OU=keyless-workshop,O=Keyless` } };
    case 'cognito-jwt':
      return {
        door: 'cognito-jwt',
        claims: { client_id: `client-${slot}`, token_use: 'access', scope: (testCase.scopes ?? []).join(' '), jti: 'jti-1' },
      };
  }
}

describe('Orders API Lambda', () => {
  const tables = fakeTables();
  const handler = createOrdersApiHandler({
    eventId: EVENT,
    orders: dynamoOrderBook({ client: tables.client, tableName: 'orders', now: () => NOW, newId: () => 'order-1' }),
    evidence: dynamoEvidenceWriter({ client: tables.client, tableName: 'evidence', now: () => NOW, retentionSeconds: 86_400 }),
    lookups: { apiKeyOwner: async (id) => KEYS[id], appClientOwner: async (id) => CLIENTS[id] },
  });
  const evidence = (slot: string) => tables.items('evidence').filter((item) => item[EVIDENCE_TABLE.partitionKey] === slot);
  beforeEach(() => tables.reset());

  describe('the rules cases, through the handler and through the rules module directly', () => {
    for (const testCase of ORDERS_RULE_CASES) {
      it(testCase.name, async () => {
        const response = await handler(
          ordersEvent(callerFor(testCase), { slot: 'a001', method: testCase.method, ...(testCase.body ? { body: testCase.body } : {}) }),
        );
        assert.equal(response.statusCode, testCase.status);
        const [item] = evidence('a001');
        assert.ok(item, 'one evidence item');
        assert.equal(evidence('a001').length, 1);
        for (const [key, value] of Object.entries({
          kind: 'api-call',
          api: 'orders',
          method: testCase.method,
          path: '/orders',
          status: testCase.status,
          ...testCase.evidence,
        }))
          assert.deepEqual(item[key], value, key);
        assert.equal(item.at, NOW);
        assert.equal(item[EVIDENCE_TABLE.ttlAttribute], NOW / 1000 + 86_400);

        // The same case against the rules as the local host calls them: same status, same evidence fields.
        const recorded: ApiCallRecord[] = [];
        const local = await invokeOrdersApi(
          {
            api: { owner: { attendeeId: 'a001' }, apiId: 'api', frontDoor: testCase.door },
            method: testCase.method,
            resourcePath: '/orders',
            body: Buffer.from(testCase.body ?? ''),
            requestId: 'r',
          },
          (route) =>
            testCase.door !== 'cognito-jwt' || route.scopes.some((scope) => testCase.scopes?.includes(scope))
              ? { allow: true, principal: 'p', ...(testCase.scopes ? { scopes: testCase.scopes } : {}) }
              : {
                  allow: false,
                  status: 401,
                  message: 'Unauthorized',
                  errorType: 'UnauthorizedException',
                  reason: `scope mismatch: needs ${route.scopes.join(' or ')}`,
                  scopes: testCase.scopes ?? [],
                },
          {
            orders: { create: (_slot, o) => ({ orderId: 'o', ...o, createdAt: '' }), list: () => [] as Order[] },
            evidence: { record: async (_slot, event) => void recorded.push(event) },
          },
          { cors: true },
        );
        assert.equal(local.status, response.statusCode);
        for (const [key, value] of Object.entries(testCase.evidence))
          assert.deepEqual((recorded[0] as unknown as Record<string, unknown>)[key], value, `local ${key}`);
      });
    }
  });

  it('records who called: the role ARN, the token client id and jti, the certificate subject', async () => {
    await handler(ordersEvent(callerFor({ door: 'sigv4' }), { slot: 'a001', method: 'GET' }));
    await handler(ordersEvent(callerFor({ door: 'cognito-jwt', scopes: ['orders/read'] }), { slot: 'a001', method: 'GET' }));
    await handler(ordersEvent(callerFor({ door: 'mtls' }), { slot: 'a001', method: 'GET' }));
    const principals = evidence('a001').map((item) => [item.authType, item.principal, item.tokenId]);
    assert.deepEqual(principals, [
      ['sigv4', ALICE_ROLE, undefined],
      ['cognito-jwt', 'client-a001', 'jti-1'],
      ['mtls', `CN=keyless-${EVENT}-a001,OU=keyless-workshop,O=Keyless`, undefined],
    ]);
  });

  it("keeps each attendee's orders apart", async () => {
    const post = JSON.stringify({ item: 'widget', quantity: 3 });
    assert.equal(
      (await handler(ordersEvent(callerFor({ door: 'sigv4' }, 'a001'), { slot: 'a001', method: 'POST', body: post }))).statusCode,
      201,
    );
    const bobs = await handler(ordersEvent(callerFor({ door: 'sigv4' }, 'a002'), { slot: 'a002', method: 'GET' }));
    assert.deepEqual(JSON.parse(bobs.body), { orders: [] });
    const alices = await handler(ordersEvent(callerFor({ door: 'sigv4' }, 'a001'), { slot: 'a001', method: 'GET' }));
    assert.equal((JSON.parse(alices.body) as { orders: Order[] }).orders[0]?.createdBy, ALICE_ROLE);
  });

  for (const door of ['sigv4', 'api-key', 'mtls', 'cognito-jwt'] as const) {
    it(`${door}: a caller AWS ties to a002 asking for a001's path is refused, recorded as a002's, and reads nothing`, async () => {
      await handler(
        ordersEvent(callerFor({ door: 'sigv4' }, 'a001'), {
          slot: 'a001',
          method: 'POST',
          body: JSON.stringify({ item: 'secret', quantity: 1 }),
        }),
      );
      const before = evidence('a001').length;
      const response = await handler(ordersEvent(callerFor({ door, scopes: ['orders/read'] }, 'a002'), { slot: 'a001', method: 'GET' }));
      assert.equal(response.statusCode, 403);
      assert.doesNotMatch(response.body, /secret/);
      assert.equal(evidence('a001').length, before);
      const [refusal] = evidence('a002');
      assert.equal(refusal?.status, 403);
      assert.match(String(refusal.error), /another attendee/);
    });
  }

  for (const caller of [
    { door: 'api-key', apiKeyId: 'key-unknown' },
    { door: 'sigv4', userArn: 'arn:aws:sts::123456789012:assumed-role/SomeAdmin/x' },
    { door: 'sigv4', userArn: `arn:aws:sts::123456789012:assumed-role/keyless-otherevent-a001-orders/x` },
    { door: 'mtls', mtls: undefined },
    { door: 'cognito-jwt', claims: { client_id: 'orders-worker-without-slot', scope: 'orders/read', token_use: 'access' } },
  ] as const satisfies readonly TestCaller[]) {
    it(`${caller.door}: a caller that is no attendee of this event reads nothing (${JSON.stringify(caller)})`, async () => {
      await handler(
        ordersEvent(callerFor({ door: 'sigv4' }, 'a001'), {
          slot: 'a001',
          method: 'POST',
          body: JSON.stringify({ item: 'secret', quantity: 1 }),
        }),
      );
      const response = await handler(ordersEvent(caller, { slot: 'a001', method: 'GET' }));
      assert.equal(response.statusCode, 403);
      assert.doesNotMatch(response.body, /secret/);
      assert.match(String(evidence('a001').at(-1)?.error), /no attendee of this event/);
    });
  }

  it('malformed input is a 4xx: a slot that is no slot, a base64 body that is not JSON', async () => {
    const bad = await handler(ordersEvent(callerFor({ door: 'sigv4' }), { slot: '../a002', method: 'GET' }));
    assert.equal(bad.statusCode, 404);
    const event = ordersEvent(callerFor({ door: 'sigv4' }), {
      slot: 'a001',
      method: 'POST',
      body: Buffer.from([0xff, 0xfe]).toString('base64'),
    });
    const response = await handler({ ...event, isBase64Encoded: true });
    assert.equal(response.statusCode, 400);
  });

  it('every route of the rules is reachable through the handler', () => {
    assert.deepEqual(ORDER_ROUTES.map((route) => `${route.method} ${route.path}`).sort(), ['GET /orders', 'POST /orders']);
  });
});
