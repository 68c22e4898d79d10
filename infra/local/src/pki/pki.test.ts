import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { SandboxOutputs } from '@keyless/labs/sandbox';
import { startLocalAws } from '../local-aws.ts';
import { startTestAws, testKeys, type TestAws } from '../test-support/test-aws.ts';
import {
  csrFor,
  newKeyPair,
  requestCertificate,
  revokeCertificate,
  run,
  signedFetch,
  writeFiles,
  type KeyPair,
} from '../test-support/pki.ts';
import { generateWorkshopCa } from './workshop-ca.ts';

describe('workshop PKI', () => {
  let t: TestAws;
  let outputs: SandboxOutputs;
  let ec: KeyPair;
  let rsa: KeyPair;
  let files: Record<string, string> & { dir: string };
  const post = (
    body: string,
    headers: Record<string, string> = { 'content-type': 'application/json' },
    attendee = 'alice',
  ): Promise<Response> => signedFetch(t.aws, attendee, `${outputs.pkiUrl}/certificates`, { method: 'POST', headers, body });

  before(async () => {
    t = await startTestAws();
    outputs = await t.aws.outputs('alice');
    ec = newKeyPair('ec');
    rsa = newKeyPair('rsa');
    files = writeFiles({ 'ca.pem': await (await fetch(`${outputs.pkiUrl}/ca.pem`)).text() });
  });
  after(async () => {
    await t.dispose();
    rmSync(files.dir, { recursive: true, force: true });
  });

  it('serves the CA certificate: a self-signed EC CA, unauthenticated', async () => {
    const response = await fetch(`${outputs.pkiUrl}/ca.pem`);
    assert.equal(response.headers.get('content-type'), 'application/x-pem-file');
    const ca = new X509Certificate(await response.text());
    assert.equal(ca.ca, true);
    assert.equal(ca.subject, 'CN=Keyless Workshop CA\nO=Keyless');
    assert.ok(ca.verify(ca.publicKey));
  });

  it('issues a certificate bound to the caller: subject overridden, CSR key kept, clientAuth, 24 h, CRL URL', async () => {
    const response = await post(JSON.stringify({ csr: await csrFor(ec, 'CN=admin, O=Somebody Else') }));
    assert.equal(response.status, 201);
    const body = (await response.json()) as Record<string, string>;
    const cert = new X509Certificate(body.certificatePem ?? '');
    const ca = new X509Certificate(body.caCertificatePem ?? '');
    assert.equal(cert.subject, 'O=Keyless\nOU=keyless-workshop\nCN=alice');
    assert.equal(body.subject, 'CN=alice,OU=keyless-workshop,O=Keyless');
    assert.equal(body.requestedSubject, 'CN=admin, O=Somebody Else');
    assert.ok(cert.checkIssued(ca) && cert.verify(ca.publicKey));
    assert.ok(cert.publicKey.equals(ec.publicKey));
    assert.deepEqual(cert.keyUsage, ['1.3.6.1.5.5.7.3.2']);
    assert.equal(cert.ca, false);
    assert.equal(cert.validToDate.getTime() - t.clock.now(), 24 * 60 * 60 * 1000 - (t.clock.now() % 1000));
    assert.equal(body.serialNumber, BigInt(`0x${cert.serialNumber}`).toString(16));
    assert.equal(body.serialNumberDecimal, BigInt(`0x${cert.serialNumber}`).toString(10));
    assert.equal(body.crlUrl, `${outputs.pkiUrl}/crl`);
    assert.equal(body.keyType, 'EC-P-256');
    const paths = writeFiles({ 'cert.pem': body.certificatePem ?? '' });
    const verified = await run('openssl', ['verify', '-CAfile', files['ca.pem'] ?? '', '-purpose', 'sslclient', paths['cert.pem'] ?? '']);
    assert.match(verified.stdout, /: OK/, verified.stderr);
    const text = await run('openssl', ['x509', '-in', paths['cert.pem'] ?? '', '-noout', '-text']);
    assert.match(text.stdout, /X509v3 CRL Distribution Points:[\s\S]*URI:http:\/\/127\.0\.0\.1:\d+\/pki\/crl/);
    assert.match(text.stdout, /TLS Web Client Authentication/);
    rmSync(paths.dir, { recursive: true, force: true });
    const [event] = await t.aws.evidence('alice').query({ kind: 'certificate', limit: 1 });
    assert.equal(event?.outcome, 'success');
    assert.equal(event.action, 'issued');
    assert.equal(event.serial, body.serialNumber);
    assert.equal(event.subject, 'CN=alice,OU=keyless-workshop,O=Keyless');
  });

  it('issues for RSA-2048 and answers a PEM bundle (certificate, then CA) to Accept: application/x-pem-file', async () => {
    const response = await post(await csrFor(rsa), { 'content-type': 'application/pkcs10', accept: 'application/x-pem-file' });
    assert.equal(response.status, 201);
    const pem = await response.text();
    const [leaf, ca] = pem.split(/(?<=-----END CERTIFICATE-----\n)/);
    const cert = new X509Certificate(leaf ?? '');
    assert.equal(cert.publicKey.asymmetricKeyType, 'rsa');
    assert.ok(cert.checkIssued(new X509Certificate(ca ?? '')));
  });

  it('refuses requests not signed by an attendee: 403 as API Gateway IAM authorization answers', async () => {
    const unsigned = await fetch(`${outputs.pkiUrl}/certificates`, { method: 'POST', body: await csrFor(ec) });
    assert.equal(unsigned.status, 403);
    assert.equal(unsigned.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
    assert.deepEqual(await unsigned.json(), { message: 'Missing Authentication Token' });
    const credentials = await t.aws.credentials('alice');
    const forged = await signedFetch(t.aws, 'alice', `${outputs.pkiUrl}/certificates`, {
      method: 'POST',
      body: await csrFor(ec),
      credentials: { ...credentials, secretAccessKey: 'wrong' },
    });
    assert.equal(forged.status, 403);
    assert.equal(forged.headers.get('x-amzn-errortype'), 'InvalidSignatureException');
  });

  it('refuses CSRs it cannot accept: 400 BadRequestException, recorded', async () => {
    const tampered = Buffer.from((await csrFor(ec)).replace(/-----[^-]+-----|\s/g, ''), 'base64');
    tampered[tampered.length - 5] = (tampered[tampered.length - 5] ?? 0) ^ 0xff;
    const tamperedPem = `-----BEGIN CERTIFICATE REQUEST-----\n${tampered.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    const keys = writeFiles({});
    const csrFromOpenssl = async (genArgs: string[]): Promise<string> => {
      await run('openssl', ['genpkey', ...genArgs, '-out', `${keys.dir}/k.pem`]);
      return (await run('openssl', ['req', '-new', '-key', `${keys.dir}/k.pem`, '-subj', '/CN=x'])).stdout;
    };
    const cases: [string, string, RegExp][] = [
      ['not a CSR', 'hello', /PEM certificate signing request/],
      ['tampered signature', tamperedPem, /signature does not verify/],
      ['RSA-1024', await csrFromOpenssl(['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024']), /2048–8192 bits; this one has 1024/],
      ['Ed25519', await csrFromOpenssl(['-algorithm', 'ed25519']), /Only RSA and EC keys/],
      ['JSON without csr', '{"pem": "x"}', /Missing "csr"/],
    ];
    rmSync(keys.dir, { recursive: true, force: true });
    for (const [name, body, message] of cases) {
      const response = await post(body, { 'content-type': body.startsWith('{') ? 'application/json' : 'text/plain' });
      assert.equal(response.status, 400, name);
      assert.equal(response.headers.get('x-amzn-errortype'), 'BadRequestException', name);
      assert.match(((await response.json()) as { message: string }).message, message, name);
    }
    const [event] = await t.aws.evidence('alice').query({ kind: 'certificate', limit: 1 });
    assert.equal(event?.outcome, 'failure');
    assert.match(event.error ?? '', /^BadRequestException: /);
  });

  it("revokes only the caller's own certificates; the CRL lists them and parses with openssl", async () => {
    const mine = await requestCertificate(t.aws, 'alice', ec);
    const bobs = await requestCertificate(t.aws, 'bob', ec);
    assert.equal(await revokeCertificate(t.aws, 'alice', bobs.serialNumber), 404);
    assert.equal(await revokeCertificate(t.aws, 'alice', mine.serialNumber.match(/../g)?.join(':') ?? ''), 200);
    assert.equal(await revokeCertificate(t.aws, 'alice', mine.serialNumber), 409);
    assert.equal(await revokeCertificate(t.aws, 'alice', 'zz'), 400);
    const [event] = await t.aws.evidence('alice').query({ kind: 'certificate', limit: 1 });
    assert.equal(event?.action, 'revoked');
    assert.equal(event.serial, mine.serialNumber);

    const listed = (await (await signedFetch(t.aws, 'alice', `${outputs.pkiUrl}/certificates`)).json()) as {
      certificates: { serialNumber: string; status: string; revocationReason?: string }[];
    };
    assert.ok(listed.certificates.every((c) => c.serialNumber !== bobs.serialNumber));
    assert.deepEqual(
      listed.certificates.find((c) => c.serialNumber === mine.serialNumber),
      { ...listed.certificates.find((c) => c.serialNumber === mine.serialNumber), status: 'REVOKED', revocationReason: 'keyCompromise' },
    );

    const crl = await fetch(`${outputs.pkiUrl}/crl`);
    assert.equal(crl.headers.get('content-type'), 'application/pkix-crl');
    const paths = writeFiles({ 'crl.der': '' });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(paths['crl.der'] ?? '', Buffer.from(await crl.arrayBuffer()));
    const parsed = await run('openssl', [
      'crl',
      '-inform',
      'DER',
      '-in',
      paths['crl.der'] ?? '',
      '-text',
      '-noout',
      '-CAfile',
      files['ca.pem'] ?? '',
    ]);
    rmSync(paths.dir, { recursive: true, force: true });
    assert.equal(parsed.code, 0, parsed.stderr);
    assert.match(parsed.stderr + parsed.stdout, /verify OK/);
    assert.match(parsed.stdout, /Issuer: CN = Keyless Workshop CA, O = Keyless/);
    assert.match(parsed.stdout, /X509v3 CRL Number:\s+\d+/);
    assert.match(parsed.stdout, new RegExp(`Serial Number: ${mine.serialNumber.toUpperCase()}[\\s\\S]*?Key Compromise`));
    assert.doesNotMatch(parsed.stdout, new RegExp(bobs.serialNumber.toUpperCase()));
    const pem = await (await fetch(`${outputs.pkiUrl}/crl.pem`)).text();
    assert.match(pem, /^-----BEGIN X509 CRL-----/);
  });

  it('keeps its CA across restarts, and takes an injected one', async () => {
    const before = await (await fetch(`${outputs.pkiUrl}/ca.pem`)).text();
    const again = await startLocalAws({ dbPath: `${t.dir}/other.db`, signingKeys: testKeys() });
    const first = await (await fetch(`${(await again.outputs('alice')).pkiUrl}/ca.pem`)).text();
    await again.close();
    const reopened = await startLocalAws({ dbPath: `${t.dir}/other.db`, signingKeys: testKeys() });
    assert.equal(await (await fetch(`${(await reopened.outputs('alice')).pkiUrl}/ca.pem`)).text(), first);
    await reopened.close();
    assert.notEqual(first, before);
    const injected = await generateWorkshopCa();
    const withCa = await startLocalAws({ dbPath: `${t.dir}/injected.db`, signingKeys: testKeys(), workshopCa: injected });
    assert.equal(
      new X509Certificate(await (await fetch(`${(await withCa.outputs('alice')).pkiUrl}/ca.pem`)).text()).fingerprint256,
      new X509Certificate(injected.certificatePem).fingerprint256,
    );
    await withCa.close();
  });

  it("a sandbox reset revokes the attendee's certificates", async () => {
    const cert = await requestCertificate(t.aws, 'carol', ec);
    await t.aws.reset('carol');
    const listed = (await (await signedFetch(t.aws, 'carol', `${outputs.pkiUrl}/certificates`)).json()) as {
      certificates: { serialNumber: string; status: string }[];
    };
    assert.equal(listed.certificates.find((c) => c.serialNumber === cert.serialNumber)?.status, 'REVOKED');
  });

  it('names what it does not serve', async () => {
    const response = await fetch(`${outputs.pkiUrl}/certificates/abc`, { method: 'DELETE' });
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('x-amzn-errortype'), 'UnsupportedOperationException');
  });
});
