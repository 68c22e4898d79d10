import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { UpdateUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import type { SandboxOutputs } from '@keyless/labs/sandbox';
import { basic, createM2mClient, requestToken, sdkFor, startTestAws, type TestAws } from '../test-support/test-aws.ts';

describe('token endpoint (client_credentials)', () => {
  let t: TestAws;
  let outputs: SandboxOutputs;
  let client: { clientId: string; clientSecret: string };

  before(async () => {
    t = await startTestAws();
    outputs = await t.aws.outputs('alice');
    client = await createM2mClient(t.aws, 'alice');
  });
  after(() => t.dispose());

  it('issues a Cognito-shaped RS256 access token, verifiable against the JWKS (Basic auth)', async () => {
    const { status, body } = await requestToken(
      outputs.cognitoTokenUrl,
      { grant_type: 'client_credentials', scope: 'orders/read' },
      { authorization: basic(client.clientId, client.clientSecret) },
    );
    assert.equal(status, 200);
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 3600);
    assert.deepEqual(Object.keys(body).sort(), ['access_token', 'expires_in', 'token_type']);
    const token = body.access_token ?? '';
    const header = decodeProtectedHeader(token);
    assert.equal(header.alg, 'RS256');
    assert.ok(header.kid);
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(outputs.cognitoJwksUri)), {
      issuer: outputs.cognitoIssuer,
      currentDate: new Date(t.clock.now()),
    });
    assert.deepEqual(Object.keys(payload), ['sub', 'token_use', 'scope', 'auth_time', 'iss', 'exp', 'iat', 'version', 'jti', 'client_id']);
    assert.equal(payload.sub, client.clientId);
    assert.equal(payload.client_id, client.clientId);
    assert.equal(payload.token_use, 'access');
    assert.equal(payload.scope, 'orders/read');
    assert.equal(payload.version, 2);
    assert.equal(payload.iat, Math.floor(t.clock.now() / 1000), 'times come from the injected clock');
    assert.equal((payload.exp ?? 0) - (payload.iat ?? 0), 3600);
    assert.equal(payload.aud, undefined);
  });

  it('accepts client_secret_post and grants every allowed custom scope when scope is omitted', async () => {
    const { status, body } = await requestToken(outputs.cognitoTokenUrl, {
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    assert.equal(status, 200);
    const { payload } = await jwtVerify(body.access_token ?? '', createRemoteJWKSet(new URL(outputs.cognitoJwksUri)), {
      currentDate: new Date(t.clock.now()),
    });
    assert.equal(payload.scope, 'orders/read orders/write');
    const [event] = await t.aws.evidence('alice').query({ kind: 'token-issued', limit: 1 });
    assert.equal(event?.authMethod, 'client_secret_post');
    assert.deepEqual(event.requestedScopes, []);
    assert.deepEqual(event.grantedScopes, ['orders/read', 'orders/write']);
    // The issued token's header and claims, as the Wire view shows them; never the token or the client secret.
    assert.equal(event.token?.header.alg, 'RS256');
    assert.equal(event.token.claims.scope, 'orders/read orders/write');
    assert.equal(event.token.claims.client_id, client.clientId);
    assert.equal(event.token.claims.exp, payload.exp);
    for (const secret of [body.access_token ?? '', body.access_token?.split('.')[2] ?? '', client.clientSecret])
      assert.ok(secret && !JSON.stringify(event).includes(secret));
  });

  it('serves the JWKS and OIDC discovery of the pool', async () => {
    const jwks = (await (await fetch(outputs.cognitoJwksUri)).json()) as { keys: Record<string, string>[] };
    assert.equal(jwks.keys.length, 2);
    for (const key of jwks.keys) {
      assert.equal(key.use, 'sig');
      assert.equal(key.alg, 'RS256');
      assert.equal(key.kty, 'RSA');
      assert.ok(key.kid);
      assert.equal(key.d, undefined, 'never the private part');
    }
    // Served beside the JWKS; the issuer it names is Cognito's, which no local URL serves.
    const discovery = (await (await fetch(outputs.cognitoJwksUri.replace(/jwks\.json$/, 'openid-configuration'))).json()) as Record<
      string,
      unknown
    >;
    assert.equal(discovery.issuer, outputs.cognitoIssuer);
    assert.equal(discovery.jwks_uri, outputs.cognitoJwksUri);
    assert.equal(discovery.token_endpoint, outputs.cognitoTokenUrl);
  });

  describe('OAuth errors (400, {"error": code}) are recorded as failed token-issued evidence', () => {
    const auth = (): Record<string, string> => ({ authorization: basic(client.clientId, client.clientSecret) });
    const cases: [string, () => Promise<{ status: number; body: { error?: string } }>, string][] = [
      [
        'wrong content type',
        async () => {
          const response = await fetch(outputs.cognitoTokenUrl, {
            method: 'POST',
            headers: { ...auth(), 'content-type': 'application/json' },
            body: '{"grant_type":"client_credentials"}',
          });
          return { status: response.status, body: (await response.json()) as { error?: string } };
        },
        'invalid_request',
      ],
      ['missing grant_type', () => requestToken(outputs.cognitoTokenUrl, { scope: 'orders/read' }, auth()), 'invalid_request'],
      ['another grant type', () => requestToken(outputs.cognitoTokenUrl, { grant_type: 'password' }, auth()), 'unsupported_grant_type'],
      [
        'a wrong secret',
        () =>
          requestToken(outputs.cognitoTokenUrl, { grant_type: 'client_credentials' }, { authorization: basic(client.clientId, 'nope') }),
        'invalid_client',
      ],
      ['no client authentication', () => requestToken(outputs.cognitoTokenUrl, { grant_type: 'client_credentials' }), 'invalid_client'],
      [
        'an unknown client',
        () => requestToken(outputs.cognitoTokenUrl, { grant_type: 'client_credentials', client_id: 'unknown', client_secret: 'x' }),
        'invalid_client',
      ],
      [
        'a scope the client is not allowed',
        () => requestToken(outputs.cognitoTokenUrl, { grant_type: 'client_credentials', scope: 'orders/read orders/delete' }, auth()),
        'invalid_scope',
      ],
    ];
    for (const [name, send, code] of cases) {
      it(name, async () => {
        const { status, body } = await send();
        assert.equal(status, 400);
        assert.deepEqual(body, { error: code });
        const [event] = await t.aws.evidence('alice').query({ kind: 'token-issued', limit: 1 });
        assert.equal(event?.outcome, 'failure');
        assert.equal(event.error, code);
        assert.deepEqual(event.grantedScopes, []);
      });
    }

    it('a client without the client_credentials flow', async () => {
      const sdkClient = await createM2mClient(t.aws, 'alice');
      // Strip the flow with UpdateUserPoolClient (a client_credentials client cannot be created without it).
      await (
        await sdkFor(t.aws, 'alice')
      ).send(
        new UpdateUserPoolClientCommand({
          UserPoolId: outputs.cognitoUserPoolId,
          ClientId: sdkClient.clientId,
          AllowedOAuthScopes: ['orders/read'],
        }),
      );
      const { body } = await requestToken(
        outputs.cognitoTokenUrl,
        { grant_type: 'client_credentials' },
        { authorization: basic(sdkClient.clientId, sdkClient.clientSecret) },
      );
      assert.deepEqual(body, { error: 'unauthorized_client' });
    });

    it("a client of another attendee's pool", async () => {
      const bob = await createM2mClient(t.aws, 'bob');
      const { body } = await requestToken(
        outputs.cognitoTokenUrl,
        { grant_type: 'client_credentials' },
        { authorization: basic(bob.clientId, bob.clientSecret) },
      );
      assert.deepEqual(body, { error: 'invalid_client' });
    });
  });

  it('records requested and granted scopes and the jti of successful requests', async () => {
    const { body } = await requestToken(
      outputs.cognitoTokenUrl,
      { grant_type: 'client_credentials', scope: 'orders/write' },
      { authorization: basic(client.clientId, client.clientSecret) },
    );
    const [event] = await t.aws.evidence('alice').query({ kind: 'token-issued', limit: 1 });
    assert.equal(event?.outcome, 'success');
    assert.equal(event.clientId, client.clientId);
    assert.equal(event.authMethod, 'client_secret_basic');
    assert.deepEqual(event.requestedScopes, ['orders/write']);
    assert.deepEqual(event.grantedScopes, ['orders/write']);
    const { payload } = await jwtVerify(body.access_token ?? '', createRemoteJWKSet(new URL(outputs.cognitoJwksUri)), {
      currentDate: new Date(t.clock.now()),
    });
    assert.equal(event.tokenId, payload.jti);
  });
});
