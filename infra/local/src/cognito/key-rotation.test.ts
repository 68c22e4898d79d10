import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { KidNotFoundInJwksError } from 'aws-jwt-verify/error';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import type { SandboxOutputs } from '@keyless/labs/sandbox';
import { startLocalAws, type LocalAws } from '../local-aws.ts';
import { basic, createM2mClient, requestToken, startTestAws, testClock, testKeys, type TestAws } from '../test-support/test-aws.ts';

/** JWKS key rotation: two keys published, rotation on the sandbox clock, old tokens valid until they expire. */
describe('user pool signing-key rotation', () => {
  let t: TestAws;
  let outputs: SandboxOutputs;
  let client: { clientId: string; clientSecret: string };
  const token = async (): Promise<string> =>
    (
      await requestToken(
        outputs.cognitoTokenUrl,
        { grant_type: 'client_credentials', scope: 'orders/read' },
        { authorization: basic(client.clientId, client.clientSecret) },
      )
    ).body.access_token ?? '';
  const kids = async (): Promise<string[]> =>
    ((await (await fetch(outputs.cognitoJwksUri)).json()) as JSONWebKeySet).keys.map((key) => key.kid ?? '');
  const verifies = async (jwt: string): Promise<boolean> => {
    const jwks = createRemoteJWKSet(new URL(outputs.cognitoJwksUri));
    return jwtVerify(jwt, jwks, { issuer: outputs.cognitoIssuer, currentDate: new Date(t.clock.now()) }).then(
      () => true,
      () => false,
    );
  };
  const ordersStatus = async (jwt: string): Promise<number> =>
    (await fetch(`${outputs.ordersApiUrl}/orders`, { headers: { authorization: jwt } })).status;

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
    aws = await startLocalAws({
      dbPath: join(dir, 'sandbox.db'),
      now: clock.now,
      signingKeys: testKeys(),
      keyRotationIntervalMs: 7 * 24 * 60 * 60 * 1000,
    });
    const outputs = await aws.outputs('carol');
    const client = await createM2mClient(aws, 'carol');
    const kid = async (): Promise<string | undefined> => {
      const { body } = await requestToken(
        outputs.cognitoTokenUrl,
        { grant_type: 'client_credentials' },
        { authorization: basic(client.clientId, client.clientSecret) },
      );
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
    const jwks = (await (await fetch(outputs.cognitoJwksUri)).json()) as JSONWebKeySet;
    await first.close();
    const again = await startLocalAws({ dbPath, now: clock.now });
    try {
      const reopened = await again.outputs('dave');
      const after = (await (await fetch(reopened.cognitoJwksUri)).json()) as JSONWebKeySet;
      assert.deepEqual(
        after.keys.map((key) => key.kid),
        jwks.keys.map((key) => key.kid),
      );
      assert.equal(after.keys.length, 3);
      const client = await createM2mClient(again, 'dave');
      const { body } = await requestToken(
        reopened.cognitoTokenUrl,
        { grant_type: 'client_credentials' },
        { authorization: basic(client.clientId, client.clientSecret) },
      );
      assert.equal(decodeProtectedHeader(body.access_token ?? '').kid, jwks.keys[0]?.kid);
    } finally {
      await again.close();
    }
  });
});

describe("one attendee's pool rotated on its own", () => {
  let t: TestAws;
  const outputs = new Map<string, SandboxOutputs>();
  const clients = new Map<string, { clientId: string; clientSecret: string }>();
  const out = (attendee: string): SandboxOutputs => outputs.get(attendee) ?? assert.fail(`no outputs for ${attendee}`);
  const token = async (attendee: string): Promise<string> => {
    const client = clients.get(attendee) ?? assert.fail(`no client for ${attendee}`);
    return (
      (
        await requestToken(
          out(attendee).cognitoTokenUrl,
          { grant_type: 'client_credentials', scope: 'orders/read' },
          { authorization: basic(client.clientId, client.clientSecret) },
        )
      ).body.access_token ?? ''
    );
  };
  const jwks = async (attendee: string): Promise<JSONWebKeySet> =>
    (await (await fetch(out(attendee).cognitoJwksUri)).json()) as JSONWebKeySet;
  const kids = async (attendee: string): Promise<string[]> => (await jwks(attendee)).keys.map((key) => key.kid ?? '');
  const ordersStatus = async (attendee: string, jwt: string): Promise<number> =>
    (await fetch(`${out(attendee).ordersApiUrl}/orders`, { headers: { authorization: jwt } })).status;

  before(async () => {
    t = await startTestAws();
    for (const attendee of ['alice', 'bob']) {
      outputs.set(attendee, await t.aws.outputs(attendee));
      clients.set(attendee, await createM2mClient(t.aws, attendee));
    }
  });
  after(() => t.dispose());

  it('publishes new + old key in that pool only; its new tokens carry the new kid; the other pool is untouched', async () => {
    const [aliceActive, aliceStandby] = await kids('alice');
    const bobBefore = await jwks('bob');
    const aliceOld = await token('alice');
    const bobOld = await token('bob');

    const { rotated, unknown } = t.aws.rotateUserPoolKeys(['alice']);
    assert.deepEqual(unknown, []);
    assert.equal(rotated.length, 1);
    assert.deepEqual([rotated[0]?.attendeeId, rotated[0]?.userPoolId], ['alice', out('alice').cognitoUserPoolId]);
    assert.equal(rotated[0]?.signingKid, aliceStandby, 'the pre-published standby key signs now');
    assert.deepEqual(rotated[0]?.publishedKids, await kids('alice'));

    const aliceAfter = await kids('alice');
    assert.equal(aliceAfter.length, 3, 'new active, old active (for the overlap), new standby');
    assert.equal(aliceAfter[0], aliceStandby);
    assert.ok(aliceAfter.includes(aliceActive ?? ''));
    const aliceNew = await token('alice');
    assert.equal(decodeProtectedHeader(aliceNew).kid, aliceStandby);
    assert.equal(await ordersStatus('alice', aliceOld), 200, 'a token of the old key works until it expires');
    assert.equal(await ordersStatus('alice', aliceNew), 200);

    assert.deepEqual(await jwks('bob'), bobBefore, "bob's JWKS is unchanged");
    assert.equal(decodeProtectedHeader(await token('bob')).kid, decodeProtectedHeader(bobOld).kid, "bob's tokens still carry his old kid");
    assert.equal(await ordersStatus('bob', bobOld), 200);
  });

  it('a CognitoJwtVerifier that cached the JWKS knows the next key already (the standby); two rotations later it must fetch the JWKS again', async () => {
    const alice = out('alice');
    const client = clients.get('alice') ?? assert.fail('no client');
    const verifier = CognitoJwtVerifier.create({ userPoolId: alice.cognitoUserPoolId, tokenUse: 'access', clientId: client.clientId });
    verifier.cacheJwks((await (await fetch(alice.cognitoJwksUri)).json()) as Jwks);
    const before = await token('alice');
    assert.equal(verifier.verifySync(before).client_id, client.clientId);
    t.aws.rotateUserPoolKeys(['alice']);
    const next = await token('alice');
    assert.notEqual(decodeProtectedHeader(next).kid, decodeProtectedHeader(before).kid);
    assert.equal(verifier.verifySync(next).client_id, client.clientId, 'the new signing key was published (as standby) before it signed');
    t.aws.rotateUserPoolKeys(['alice']);
    const later = await token('alice');
    assert.throws(() => verifier.verifySync(later), KidNotFoundInJwksError);
    verifier.cacheJwks((await (await fetch(alice.cognitoJwksUri)).json()) as Jwks);
    assert.equal(verifier.verifySync(later).client_id, client.clientId);
    assert.equal(verifier.verifySync(before).client_id, client.clientId, 'older keys stay published while their tokens live');
  });

  it("retires the old key from that pool's JWKS once its tokens have expired", async () => {
    const stale = decodeProtectedHeader(await token('alice')).kid ?? '';
    t.aws.rotateUserPoolKeys(['alice']);
    assert.ok((await kids('alice')).includes(stale));
    const now = t.clock.now();
    t.clock.advance(24 * 60 * 60 * 1000 + 1000);
    try {
      assert.equal((await kids('alice')).includes(stale), false);
      assert.equal((await kids('alice')).length, 2);
    } finally {
      t.clock.set(now);
    }
  });

  it('refuses malformed input: unknown attendees are listed, not provisioned; duplicates rotate once; an empty list rotates nothing', async () => {
    const aliceKids = await kids('alice');
    const bobKids = await kids('bob');
    const { rotated, unknown } = t.aws.rotateUserPoolKeys(['nobody', '', '../alice', 'bob', 'bob']);
    assert.deepEqual(unknown, ['nobody', '', '../alice']);
    assert.deepEqual(
      rotated.map((entry) => entry.attendeeId),
      ['bob', 'bob'],
    );
    assert.equal(rotated[0]?.signingKid, rotated[1]?.signingKid);
    assert.equal((await kids('bob')).length, 3, "bob's pool rotated once, not twice");
    assert.notDeepEqual(await kids('bob'), bobKids);
    assert.deepEqual(await kids('alice'), aliceKids, 'a path-like id reaches nobody else');
    const db = new DatabaseSync(t.dbPath, { readOnly: true });
    try {
      const row = db.prepare("SELECT count(*) AS n FROM attendees WHERE attendee_id IN ('nobody', '', '../alice')").get() as { n: number };
      assert.equal(row.n, 0, 'nothing was provisioned for unknown ids');
    } finally {
      db.close();
    }
    assert.deepEqual(t.aws.rotateUserPoolKeys([]), { rotated: [], unknown: [] });
  });
});

describe("a pool's own keys persist", () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyless-pool-keys-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("a restart keeps the rotated pool's JWKS and signing key, the other pools on theirs; rotating all rotates both", async () => {
    const clock = testClock();
    const dbPath = join(dir, 'sandbox.db');
    const first = await startLocalAws({ dbPath, now: clock.now });
    const published = async (aws: LocalAws, attendee: string): Promise<string[]> =>
      ((await (await fetch((await aws.outputs(attendee)).cognitoJwksUri)).json()) as JSONWebKeySet).keys.map((key) => key.kid ?? '');
    await first.outputs('erin');
    await first.outputs('frank');
    const frankBefore = await published(first, 'frank');
    first.rotateUserPoolKeys(['erin']);
    const erinRotated = await published(first, 'erin');
    await first.close();

    const again = await startLocalAws({ dbPath, now: clock.now });
    try {
      assert.deepEqual(await published(again, 'erin'), erinRotated);
      assert.deepEqual(await published(again, 'frank'), frankBefore);
      const client = await createM2mClient(again, 'erin');
      const { body } = await requestToken(
        (await again.outputs('erin')).cognitoTokenUrl,
        { grant_type: 'client_credentials' },
        { authorization: basic(client.clientId, client.clientSecret) },
      );
      assert.equal(decodeProtectedHeader(body.access_token ?? '').kid, erinRotated[0]);

      again.rotateSigningKeys();
      const erinAll = await published(again, 'erin');
      const frankAll = await published(again, 'frank');
      assert.equal(erinAll[0], erinRotated.at(-1), "erin's standby signs now");
      assert.equal(frankAll[0], frankBefore[1], "frank's (shared) standby signs now");
      assert.equal(erinAll.at(-1), frankAll.at(-1), 'one new standby key for every ring');
    } finally {
      await again.close();
    }
  });
});
