import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { SandboxOutputs } from '@keyless/labs/sandbox';
import { newKeyPair, requestCertificate, revokeCertificate, signedFetch, type IssuedForTest, type KeyPair } from '../test-support/pki.ts';
import * as x509 from '../pki/x509.ts';
import { startTestAws, type TestAws } from '../test-support/test-aws.ts';
import { helperRequest, sendHelperRequest, type HelperRequestInput, type HelperResponse } from './helper-signer.ts';

interface CredentialSet {
  assumedRoleUser: { arn: string; assumedRoleId: string };
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: string };
  packedPolicySize: number;
  roleArn: string;
  sourceIdentity: string;
}

describe('IAM Roles Anywhere CreateSession', () => {
  let t: TestAws;
  let alice: SandboxOutputs;
  let bob: SandboxOutputs;
  let ec: KeyPair;
  const certs: Record<string, IssuedForTest> = {};

  /** A helper-style request for alice's trust anchor, profile and role with `cert`, overridable. */
  const input = (cert: IssuedForTest, overrides: Partial<HelperRequestInput> = {}): HelperRequestInput => ({
    endpoint: alice.rolesAnywhereEndpoint,
    region: alice.region,
    certificate: new X509Certificate(cert.certificatePem),
    privateKey: cert.keys.privateKey,
    trustAnchorArn: alice.rolesAnywhereTrustAnchorArn,
    profileArn: alice.rolesAnywhereProfileArn,
    roleArn: alice.rolesAnywhereRoleArn,
    date: new Date(t.clock.now()),
    ...overrides,
  });
  const createSession = (cert: IssuedForTest, overrides: Partial<HelperRequestInput> = {}): Promise<HelperResponse> =>
    sendHelperRequest(helperRequest(input(cert, overrides)));
  const denied = async (response: Promise<HelperResponse>, code: string, message: RegExp, attendee = 'alice'): Promise<void> => {
    const { status, errorType, json } = await response;
    assert.equal(errorType, code, JSON.stringify(json));
    assert.equal(
      status,
      { AccessDeniedException: 403, ValidationException: 400, ResourceNotFoundException: 404, UnsupportedOperationException: 400 }[code],
    );
    assert.match(String(json.message), message);
    const [event] = await t.aws.evidence(attendee).query({ kind: 'rolesanywhere-session', limit: 1 });
    assert.equal(event?.outcome, 'failure');
    assert.equal(event.error, `${code}: ${String(json.message)}`);
  };

  before(async () => {
    t = await startTestAws();
    alice = await t.aws.outputs('alice');
    bob = await t.aws.outputs('bob');
    ec = newKeyPair('ec');
    certs.ec = await requestCertificate(t.aws, 'alice', ec);
    certs.rsa = await requestCertificate(t.aws, 'alice', newKeyPair('rsa'));
    certs.p384 = await requestCertificate(t.aws, 'alice', newKeyPair('ec384'));
    certs.bob = await requestCertificate(t.aws, 'bob', newKeyPair('ec'));
    certs.revoked = await requestCertificate(t.aws, 'alice', ec);
    assert.equal(await revokeCertificate(t.aws, 'alice', certs.revoked.serialNumber), 200);
    const now = t.clock.now();
    t.clock.set(now - 2 * 24 * 60 * 60 * 1000);
    certs.expired = await requestCertificate(t.aws, 'alice', ec, new Date(t.clock.now()));
    t.clock.set(now);
  });
  after(() => t.dispose());

  it('RSA, signed and sent as aws_signing_helper does (ARNs in the query, chunked): 201 with the credentialSet', async () => {
    const { status, json } = await createSession(certs.rsa as IssuedForTest);
    assert.equal(status, 201, JSON.stringify(json));
    const [set] = json.credentialSet as CredentialSet[];
    const serial = certs.rsa?.serialNumber ?? '';
    const account = alice.rolesAnywhereRoleArn.split(':')[4];
    assert.equal(set?.roleArn, alice.rolesAnywhereRoleArn);
    assert.equal(set.assumedRoleUser.arn, `arn:aws:sts::${account}:assumed-role/keyless-rolesanywhere-role/${serial}`);
    assert.match(set.assumedRoleUser.assumedRoleId, new RegExp(`^AROA[A-Z0-9]+:${serial}$`));
    assert.match(set.credentials.accessKeyId, /^ASIA[A-Z2-7]{16}$/);
    assert.equal(
      set.credentials.expiration,
      new Date(Math.floor(t.clock.now() / 1000) * 1000 + 3600_000).toISOString().replace('.000Z', 'Z'),
    );
    assert.equal(set.sourceIdentity, 'CN=alice');
    assert.equal(typeof set.packedPolicySize, 'number');
    assert.match(String(json.subjectArn), new RegExp(`^arn:aws:rolesanywhere:us-east-1:${account}:subject/[0-9a-f-]{36}$`));
    const [event] = await t.aws.evidence('alice').query({ kind: 'rolesanywhere-session', limit: 1 });
    assert.deepEqual(
      [event?.outcome, event?.algorithm, event?.principal, event?.certificateSerial, event?.certificateSubject, event?.trustAnchorArn],
      [
        'success',
        'AWS4-X509-RSA-SHA256',
        set.assumedRoleUser.arn,
        serial,
        'CN=alice,OU=keyless-workshop,O=Keyless',
        alice.rolesAnywhereTrustAnchorArn,
      ],
    );
  });

  it('ECDSA P-256 and P-384, ARNs in the JSON body, path signed as sent (/rolesanywhere/sessions) or as /sessions', async () => {
    for (const [cert, signActualPath] of [
      [certs.ec, true],
      [certs.p384, false],
    ] as const) {
      const { status, json } = await createSession(cert as IssuedForTest, { paramsIn: 'body', signActualPath });
      assert.equal(status, 201, JSON.stringify(json));
    }
    const [event] = await t.aws.evidence('alice').query({ kind: 'rolesanywhere-session', limit: 1 });
    assert.equal(event?.algorithm, 'AWS4-X509-ECDSA-SHA256');
  });

  it('also serves a bare-base-URL endpoint (POST /sessions)', async () => {
    const { status } = await createSession(certs.ec as IssuedForTest, { endpoint: t.aws.baseUrl });
    assert.equal(status, 201);
  });

  it('issues credentials that work against STS (real @aws-sdk/client-sts) and the Orders API IAM front door', async () => {
    const { json } = await createSession(certs.ec as IssuedForTest);
    const [set] = json.credentialSet as CredentialSet[];
    const credentials = {
      accessKeyId: set?.credentials.accessKeyId ?? '',
      secretAccessKey: set?.credentials.secretAccessKey ?? '',
      sessionToken: set?.credentials.sessionToken ?? '',
    };
    const sts = new STSClient({
      region: alice.region,
      endpoint: alice.endpointOverrides.AWS_ENDPOINT_URL_STS ?? '',
      credentials,
      maxAttempts: 1,
    });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Arn, set?.assumedRoleUser.arn);
    const orders = await signedFetch(t.aws, 'alice', `${alice.ordersIamUrl}/orders`, { credentials });
    assert.equal(orders.status, 200, await orders.clone().text());
    const call = (await t.aws.evidence('alice').query({ kind: 'api-call', limit: 1 }))[0];
    assert.equal(call?.principal, set?.assumedRoleUser.arn);
    const bobs = await signedFetch(t.aws, 'bob', `${bob.ordersIamUrl}/orders`, { credentials });
    assert.equal(bobs.status, 403, "alice's session cannot call bob's API");
  });

  it("caps the duration at the profile's 3600 s and honours a shorter request", async () => {
    for (const [requested, granted] of [
      [900, 900],
      [43_200, 3600],
    ] as const) {
      const { json } = await createSession(certs.ec as IssuedForTest, { body: { durationSeconds: requested } });
      const [set] = json.credentialSet as CredentialSet[];
      assert.equal(Date.parse(set?.credentials.expiration ?? '') - Math.floor(t.clock.now() / 1000) * 1000, granted * 1000);
    }
  });

  describe('AccessDeniedException', () => {
    it('for a wrong signature', async () => {
      const prepared = helperRequest(input(certs.ec as IssuedForTest));
      prepared.headers.Authorization = (prepared.headers.Authorization ?? '').replace(
        /Signature=(..)/,
        (_m, pair: string) => `Signature=${pair === '30' ? '31' : '30'}`,
      );
      await denied(sendHelperRequest(prepared), 'AccessDeniedException', /^Invalid signature$/);
    });
    it('for a body changed after signing', async () => {
      const prepared = helperRequest(input(certs.ec as IssuedForTest));
      prepared.body = prepared.body.replace('3600', '900');
      await denied(sendHelperRequest(prepared), 'AccessDeniedException', /^Invalid signature$/);
    });
    it("for a signature made with another key than the certificate's", async () => {
      await denied(
        createSession(certs.ec as IssuedForTest, { privateKey: newKeyPair('ec').privateKey }),
        'AccessDeniedException',
        /^Invalid signature$/,
      );
    });
    it('for another serial number in the credential scope', async () => {
      await denied(
        createSession(certs.ec as IssuedForTest, { credentialSerial: BigInt(`0x${certs.bob?.serialNumber ?? '1'}`).toString() }),
        'AccessDeniedException',
        /serial number/,
      );
    });
    it('for a certificate that does not chain to the trust anchor (self-signed, CN=alice)', async () => {
      const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
      const keys = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
      const fake = await x509.X509CertificateGenerator.createSelfSigned({
        name: 'O=Keyless, OU=keyless-workshop, CN=alice',
        keys,
        signingAlgorithm: algorithm,
      });
      const { createPrivateKey } = await import('node:crypto');
      const privateKey = createPrivateKey({
        key: Buffer.from(await crypto.subtle.exportKey('pkcs8', keys.privateKey)),
        format: 'der',
        type: 'pkcs8',
      });
      await denied(
        createSession(certs.ec as IssuedForTest, { certificate: new X509Certificate(Buffer.from(fake.rawData)), privateKey }),
        'AccessDeniedException',
        /^Untrusted Signing Certificate$/,
      );
    });
    it('for a revoked certificate', async () => {
      await denied(createSession(certs.revoked as IssuedForTest), 'AccessDeniedException', /revoked/);
    });
    it('for an expired certificate', async () => {
      await denied(createSession(certs.expired as IssuedForTest), 'AccessDeniedException', /expired/);
    });
    it("for another attendee's certificate: the role trusts only CN=alice", async () => {
      await denied(createSession(certs.bob as IssuedForTest), 'AccessDeniedException', /trust policy/);
    });
    it('for a role the profile does not list', async () => {
      await denied(
        createSession(certs.ec as IssuedForTest, { roleArn: alice.ordersRoleArn }),
        'AccessDeniedException',
        /does not allow role/,
      );
    });
    it('for a roleSessionName, which the profile does not accept', async () => {
      await denied(
        createSession(certs.ec as IssuedForTest, { body: { roleSessionName: 'my-session' } }),
        'AccessDeniedException',
        /^Not authorized to set roleSessionName\.$/,
      );
    });
    it('for a request signed 20 minutes ago', async () => {
      await denied(
        createSession(certs.ec as IssuedForTest, { date: new Date(t.clock.now() - 20 * 60 * 1000) }),
        'AccessDeniedException',
        /^Signature expired/,
      );
    });
  });

  describe('ValidationException and ResourceNotFoundException', () => {
    it('for durationSeconds out of 900–43200', async () => {
      await denied(
        createSession(certs.ec as IssuedForTest, { body: { durationSeconds: 100 } }),
        'ValidationException',
        /at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900/,
      );
    });
    it('for a malformed ARN', async () => {
      await denied(createSession(certs.ec as IssuedForTest, { trustAnchorArn: 'not-an-arn' }), 'ValidationException', /trustAnchorArn/);
    });
    it('for a missing X-Amz-X509 header', async () => {
      const prepared = helperRequest(input(certs.ec as IssuedForTest));
      delete prepared.headers['X-Amz-X509'];
      const { status, errorType } = await sendHelperRequest(prepared);
      assert.deepEqual([status, errorType], [400, 'ValidationException']);
    });
    it('for an unknown trust anchor, and a profile of another account', async () => {
      await denied(
        createSession(certs.ec as IssuedForTest, {
          trustAnchorArn: alice.rolesAnywhereTrustAnchorArn.replace(/[0-9a-f]{12}$/, '000000000000'),
        }),
        'ResourceNotFoundException',
        /Trust anchor/,
      );
      await denied(
        createSession(certs.ec as IssuedForTest, { profileArn: bob.rolesAnywhereProfileArn }),
        'ResourceNotFoundException',
        /Profile/,
      );
    });
  });

  it('answers UnsupportedOperationException for the control plane', async () => {
    const response = await fetch(`${alice.rolesAnywhereEndpoint}/trustanchors`);
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('x-amzn-errortype'), 'UnsupportedOperationException');
  });
});
