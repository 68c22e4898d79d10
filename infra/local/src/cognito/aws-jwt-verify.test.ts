import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { CognitoJwtInvalidClientIdError, JwtInvalidScopeError, JwtInvalidSignatureError } from 'aws-jwt-verify/error';
import type { Jwks } from 'aws-jwt-verify/jwk';
import type { SandboxOutputs } from '@keyless/labs/sandbox';
import { basic, createM2mClient, requestToken, startTestAws, type TestAws } from '../test-support/test-aws.ts';

/**
 * aws-jwt-verify's CognitoJwtVerifier, the verifier AWS recommends for Node
 * services, accepts local tokens unchanged: it derives the issuer from the
 * pool id, and is handed the local JWKS through its documented cache API
 * (`cacheJwks`), so it never goes to cognito-idp.amazonaws.com.
 */
describe('CognitoJwtVerifier against local tokens', () => {
  let t: TestAws;
  let alice: SandboxOutputs;
  let bob: SandboxOutputs;
  let client: { clientId: string; clientSecret: string };
  const token = async (
    outputs: SandboxOutputs,
    app: { clientId: string; clientSecret: string },
    scope = 'orders/read',
  ): Promise<string> => {
    const { status, body } = await requestToken(
      outputs.cognitoTokenUrl,
      { grant_type: 'client_credentials', scope },
      { authorization: basic(app.clientId, app.clientSecret) },
    );
    assert.equal(status, 200);
    return body.access_token ?? '';
  };
  const jwksOf = async (outputs: SandboxOutputs): Promise<Jwks> => (await (await fetch(outputs.cognitoJwksUri)).json()) as Jwks;
  const verifierFor = async (outputs: SandboxOutputs, clientId: string) => {
    const verifier = CognitoJwtVerifier.create({
      userPoolId: outputs.cognitoUserPoolId,
      tokenUse: 'access',
      clientId,
      scope: 'orders/read',
    });
    verifier.cacheJwks(await jwksOf(outputs));
    return verifier;
  };

  before(async () => {
    t = await startTestAws();
    alice = await t.aws.outputs('alice');
    bob = await t.aws.outputs('bob');
    client = await createM2mClient(t.aws, 'alice');
  });
  after(() => t.dispose());

  it('verifies a real local access token (signature, issuer, token_use, client_id, scope, expiry)', async () => {
    const verifier = await verifierFor(alice, client.clientId);
    const payload = await verifier.verify(await token(alice, client));
    assert.equal(payload.iss, `https://cognito-idp.us-east-1.amazonaws.com/${alice.cognitoUserPoolId}`);
    assert.equal(payload.iss, alice.cognitoIssuer);
    assert.equal(payload.client_id, client.clientId);
    assert.equal(payload.token_use, 'access');
    assert.equal(payload.scope, 'orders/read');
  });

  it("says the same issuer in the pool's discovery document, with the local JWKS URI", async () => {
    const discovery = (await (await fetch(alice.cognitoJwksUri.replace(/jwks\.json$/, 'openid-configuration'))).json()) as {
      issuer: string;
      jwks_uri: string;
    };
    assert.equal(discovery.issuer, alice.cognitoIssuer);
    assert.equal(discovery.jwks_uri, alice.cognitoJwksUri);
  });

  it("refuses what it must: a tampered signature, another client, a missing scope, another pool's token", async () => {
    const verifier = await verifierFor(alice, client.clientId);
    const jwt = await token(alice, client);
    const tampered = `${jwt.slice(0, -4)}${jwt.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    await assert.rejects(verifier.verify(tampered), JwtInvalidSignatureError);
    await assert.rejects((await verifierFor(alice, 'someotherclient')).verify(jwt), CognitoJwtInvalidClientIdError);
    await assert.rejects(verifier.verify(await token(alice, client, 'orders/write')), JwtInvalidScopeError);
    const bobsClient = await createM2mClient(t.aws, 'bob');
    const bobsToken = await token(bob, bobsClient);
    const acceptsBobsClient = CognitoJwtVerifier.create({
      userPoolId: alice.cognitoUserPoolId,
      tokenUse: 'access',
      clientId: bobsClient.clientId,
    });
    acceptsBobsClient.cacheJwks(await jwksOf(alice));
    // The verifier knows alice's pool only: bob's pool is an issuer it was never configured for.
    await assert.rejects(
      acceptsBobsClient.verify(bobsToken),
      /issuer not configured: https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\/us-east-1_/,
    );
  });
});
