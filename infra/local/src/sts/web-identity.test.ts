import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AssumeRoleWithWebIdentityCommand,
  ExpiredTokenException,
  GetCallerIdentityCommand,
  InvalidIdentityTokenException,
  STSClient,
  STSServiceException,
} from '@aws-sdk/client-sts';
import { fromWebToken } from '@aws-sdk/credential-providers';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import type { SandboxOutputs } from '@keyless/labs/sandbox';
import { startTestAws, type TestAws } from '../test-support/test-aws.ts';

/** The simulated CI's OIDC issuer and AssumeRoleWithWebIdentity, with the unchanged SDK. */
describe('CI OIDC issuer + AssumeRoleWithWebIdentity', () => {
  let t: TestAws;
  let alice: SandboxOutputs;
  let bob: SandboxOutputs;
  /** GitHub Actions' request: GET $ACTIONS_ID_TOKEN_REQUEST_URL&audience=… with the request token as bearer. */
  const idToken = async (
    outputs: SandboxOutputs,
    query: Record<string, string> = {},
    bearer = outputs.ciIdTokenRequestToken,
  ): Promise<{ status: number; value?: string }> => {
    const url = `${outputs.ciIdTokenRequestUrl}&${new URLSearchParams({ audience: 'sts.amazonaws.com', ...query })}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${bearer}` } });
    const body = (await response.json()) as { value?: string };
    return { status: response.status, ...(body.value ? { value: body.value } : {}) };
  };
  const sts = (): STSClient =>
    new STSClient({ region: 'us-east-1', endpoint: alice.endpointOverrides.AWS_ENDPOINT_URL_STS, maxAttempts: 1 });
  const exchange = (token: string, roleArn = alice.ciRoleArn) =>
    sts().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: 'deploy-42', WebIdentityToken: token }));
  const fails = async (promise: Promise<unknown>, name: string, message?: RegExp): Promise<unknown> => {
    const error = await promise.then(
      () => assert.fail(`expected ${name}`),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof STSServiceException);
    assert.equal(error.name, name, error.message);
    if (message) assert.match(error.message, message);
    return error;
  };

  before(async () => {
    t = await startTestAws();
    alice = await t.aws.outputs('alice');
    bob = await t.aws.outputs('bob');
  });
  after(() => t.dispose());

  it('publishes discovery and JWKS; its tokens verify with jose against the discovered jwks_uri', async () => {
    const discovery = (await (await fetch(`${alice.ciOidcIssuer}/.well-known/openid-configuration`)).json()) as {
      issuer: string;
      jwks_uri: string;
    };
    assert.equal(discovery.issuer, alice.ciOidcIssuer);
    const { value } = await idToken(alice);
    assert.ok(value);
    const { payload, protectedHeader } = await jwtVerify(value, createRemoteJWKSet(new URL(discovery.jwks_uri)), {
      issuer: alice.ciOidcIssuer,
      audience: 'sts.amazonaws.com',
      currentDate: new Date(t.clock.now()),
    });
    assert.equal(protectedHeader.typ, 'JWT');
    assert.equal(payload.sub, 'repo:keyless/orders:ref:refs/heads/main');
    assert.equal(payload.repository, 'keyless/orders');
    assert.equal((payload.exp ?? 0) - (payload.iat ?? 0), 300);
  });

  it("mints only with the attendee's request token; the default audience is the repository owner", async () => {
    assert.equal((await idToken(alice, {}, 'nope')).status, 401);
    assert.equal((await idToken(bob, {}, alice.ciIdTokenRequestToken)).status, 401, "Alice's request token does not work on Bob's issuer");
    const response = await fetch(alice.ciIdTokenRequestUrl, { headers: { authorization: `Bearer ${alice.ciIdTokenRequestToken}` } });
    assert.equal(decodeJwt(((await response.json()) as { value: string }).value).aud, 'https://github.com/keyless');
  });

  it('a main-branch job assumes the CI role (unsigned call, no credentials configured)', async () => {
    const { value } = await idToken(alice);
    const result = await exchange(value ?? '');
    assert.equal(result.SubjectFromWebIdentityToken, 'repo:keyless/orders:ref:refs/heads/main');
    assert.equal(result.Provider, alice.ciOidcIssuer);
    assert.equal(result.Audience, 'sts.amazonaws.com');
    assert.match(result.AssumedRoleUser?.Arn ?? '', /^arn:aws:sts::\d{12}:assumed-role\/keyless-ci-role\/deploy-42$/);
    const [event] = await t.aws.evidence('alice').query({ kind: 'sts-call', limit: 1 });
    assert.deepEqual(
      [event?.action, event?.outcome, event?.principal, event?.roleArn],
      ['AssumeRoleWithWebIdentity', 'success', 'repo:keyless/orders:ref:refs/heads/main', alice.ciRoleArn],
    );
  });

  it('fromWebToken (credential-providers) yields credentials that identify as the CI role', async () => {
    const { value } = await idToken(alice);
    const credentials = await fromWebToken({
      roleArn: alice.ciRoleArn,
      webIdentityToken: value ?? '',
      roleSessionName: 'deploy-43',
      clientConfig: { region: 'us-east-1', endpoint: alice.endpointOverrides.AWS_ENDPOINT_URL_STS },
    })();
    const signed = new STSClient({
      region: 'us-east-1',
      endpoint: alice.endpointOverrides.AWS_ENDPOINT_URL_STS,
      credentials,
      maxAttempts: 1,
      systemClockOffset: t.clock.now() - Date.now(),
    });
    assert.match((await signed.send(new GetCallerIdentityCommand({}))).Arn ?? '', /assumed-role\/keyless-ci-role\/deploy-43$/);
  });

  it("a feature-branch job is refused by the trust policy's sub condition: AccessDenied", async () => {
    const { value } = await idToken(alice, { ref: 'refs/heads/feature' });
    await fails(exchange(value ?? ''), 'AccessDenied', /Not authorized to perform sts:AssumeRoleWithWebIdentity/);
    const [event] = await t.aws.evidence('alice').query({ kind: 'sts-call', limit: 1 });
    assert.deepEqual(
      [event?.outcome, event?.error, event?.principal],
      ['failure', 'AccessDenied', 'repo:keyless/orders:ref:refs/heads/feature'],
    );
  });

  it('token problems are InvalidIdentityToken on the wire (audience, signature, foreign issuer) or ExpiredTokenException', async () => {
    const wrongAudience = await idToken(alice, { audience: 'https://github.com/keyless' });
    assert.ok(
      (await fails(exchange(wrongAudience.value ?? ''), 'InvalidIdentityTokenException', /Incorrect token audience/)) instanceof
        InvalidIdentityTokenException,
    );
    const { value = '' } = await idToken(alice);
    const [header, , signature] = value.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...decodeJwt(value), sub: 'repo:keyless/orders:ref:refs/heads/main', repository: 'evil/orders' }),
    ).toString('base64url');
    await fails(exchange(`${header}.${forged}.${signature}`), 'InvalidIdentityTokenException');
    await fails(exchange('not.a.jwt'), 'InvalidIdentityTokenException');
    const bobs = await idToken(bob);
    await fails(exchange(bobs.value ?? ''), 'InvalidIdentityTokenException', /No OpenIDConnect provider found in your account/);
    const start = t.clock.now();
    t.clock.advance(301_000);
    try {
      assert.ok((await fails(exchange(value), 'ExpiredTokenException', /Token expired/)) instanceof ExpiredTokenException);
    } finally {
      t.clock.set(start);
    }
  });
});
