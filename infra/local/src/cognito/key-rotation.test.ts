import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import type { SandboxOutputs } from '@keyless/labs/sandbox';
import { startLocalAws, type LocalAws } from '../local-aws.ts';
import { basic, createM2mClient, requestToken, startTestAws, testClock, testKeys, type TestAws } from '../test-support.ts';

/** JWKS key rotation: two keys published, rotation on the sandbox clock, old tokens valid until they expire. */
describe('user pool signing-key rotation', () => {
  let t: TestAws;
  let outputs: SandboxOutputs;
  let client: { clientId: string; clientSecret: string };
  const token = async (): Promise<string> =>
    (await requestToken(outputs.cognitoTokenUrl, { grant_type: 'client_credentials', scope: 'orders/read' }, { authorization: basic(client.clientId, client.clientSecret) })).body.access_token ?? '';
  const kids = async (): Promise<string[]> => ((await (await fetch(outputs.cognitoJwksUri)).json()) as JSONWebKeySet).keys.map((key) => key.kid ?? '');
  const verifies = async (jwt: string): Promise<boolean> => {
    const jwks = createRemoteJWKSet(new URL(outputs.cognitoJwksUri));
    return jwtVerify(jwt, jwks, { issuer: outputs.cognitoIssuer, currentDate: new Date(t.clock.now()) }).then(() => true, () => false);
  };
  const ordersStatus = async (jwt: string): Promise<number> => (await fetch(`${outputs.ordersApiUrl}/orders`, { headers: { authorization: jwt } })).status;

  before(async () => {
    t = await startTestAws();
    outputs = await t.aws.outputs('alice');
    client = await createM2mClient(t.aws, 'alice');
  });
  after(() => t.dispose());

  it('publishes two keys, signs with the first', async () => {
    const published = await kids();
    assert.equal(published.length, 2);
    assert.equal(decodeProtectedHeader(await token()).kid, published[0]);
  });

  it('after a rotation the standby key signs, and tokens of the retired key verify (jose remote JWKS, Orders API) until they expire', async () => {
    const [first, standby] = await kids();
    const old = await token();
    t.aws.rotateSigningKeys();
    const published = await kids();
    assert.equal(published[0], standby, 'the pre-published standby key is now active');
    assert.ok(published.includes(first ?? ''), 'the retired key stays published');
    assert.equal(published.length, 3, 'active, new standby, retired');
    const fresh = await token();
    assert.equal(decodeProtectedHeader(fresh).kid, standby);
    assert.ok(await verifies(old));
    assert.ok(await verifies(fresh));
    assert.equal(await ordersStatus(old), 200);

    t.clock.advance(24 * 60 * 60 * 1000 + 1000);
    assert.deepEqual((await kids()).includes(first ?? ''), false, 'retired key unpublished once every token it signed has expired');
    assert.equal((await kids()).length, 2);
    assert.equal(await ordersStatus(old), 401, 'the old token has long expired anyway');
  });
});

describe('automatic rotation on the injected clock', () => {
  let aws: LocalAws | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'keyless-rotation-'));
  after(async () => {
    await aws?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rotates once the interval has passed since the active key was activated', async () => {
    const clock = testClock();
    aws = await startLocalAws({ dbPath: join(dir, 'sandbox.db'), now: clock.now, signingKeys: testKeys(), keyRotationIntervalMs: 7 * 24 * 60 * 60 * 1000 });
    const outputs = await aws.outputs('carol');
    const client = await createM2mClient(aws, 'carol');
    const kid = async (): Promise<string | undefined> => {
      const { body } = await requestToken(outputs.cognitoTokenUrl, { grant_type: 'client_credentials' }, { authorization: basic(client.clientId, client.clientSecret) });
      return decodeProtectedHeader(body.access_token ?? '').kid;
    };
    const before = await kid();
    clock.advance(6 * 24 * 60 * 60 * 1000);
    assert.equal(await kid(), before);
    clock.advance(24 * 60 * 60 * 1000);
    assert.notEqual(await kid(), before);
  });
});

describe('rotation persists', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyless-rotation-persist-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a restart on the same file publishes the same keys and signs with the rotated-in key', async () => {
    const clock = testClock();
    const dbPath = join(dir, 'sandbox.db');
    // No injected keys: they come from (and rotations go to) the database.
    const first = await startLocalAws({ dbPath, now: clock.now });
    first.rotateSigningKeys();
    const outputs = await first.outputs('dave');
    const jwks = await (await fetch(outputs.cognitoJwksUri)).json() as JSONWebKeySet;
    await first.close();
    const again = await startLocalAws({ dbPath, now: clock.now });
    try {
      const reopened = await again.outputs('dave');
      const after = await (await fetch(reopened.cognitoJwksUri)).json() as JSONWebKeySet;
      assert.deepEqual(after.keys.map((key) => key.kid), jwks.keys.map((key) => key.kid));
      assert.equal(after.keys.length, 3);
      const client = await createM2mClient(again, 'dave');
      const { body } = await requestToken(reopened.cognitoTokenUrl, { grant_type: 'client_credentials' }, { authorization: basic(client.clientId, client.clientSecret) });
      assert.equal(decodeProtectedHeader(body.access_token ?? '').kid, jwks.keys[0]?.kid);
    } finally {
      await again.close();
    }
  });
});
