import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { after, before, describe, it } from 'node:test';
import type { SandboxOutputs } from '@keyless/labs/sandbox';
import { newKeyPair, requestCertificate, revokeCertificate, run, writeFiles, type IssuedForTest } from '../test-support/pki.ts';
import * as x509 from '../pki/x509.ts';
import { startTestAws, type TestAws } from '../test-support/test-aws.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('Orders API mutual-TLS front door (curl, openssl s_client)', () => {
  let t: TestAws;
  let alice: SandboxOutputs;
  let files: Record<string, string> & { dir: string };
  let valid: IssuedForTest;

  /** curl with the workshop CA as trust; `cert` names a key/cert pair in `files`. */
  const curl = async (
    url: string,
    options: { cert?: string; method?: string; body?: string } = {},
  ): Promise<{ code: number; status: number; body: string; stderr: string }> => {
    const args = ['-sS', '--max-time', '10', '--cacert', files['ca.pem'] ?? '', '-w', '\n%{http_code}', '-X', options.method ?? 'GET', url];
    if (options.cert) args.push('--cert', files[`${options.cert}.crt`] ?? '', '--key', files[`${options.cert}.key`] ?? '');
    if (options.body) args.push('-H', 'content-type: application/json', '--data', options.body);
    const result = await run('curl', args);
    const lines = result.stdout.split('\n');
    return { code: result.code, status: Number(lines.pop()), body: lines.join('\n'), stderr: result.stderr };
  };
  const lastHandshake = async (attendee = 'alice') => (await t.aws.evidence(attendee).query({ kind: 'tls-handshake', limit: 1 }))[0];
  const lastCall = async (attendee = 'alice') => (await t.aws.evidence(attendee).query({ kind: 'api-call', limit: 1 }))[0];

  before(async () => {
    t = await startTestAws();
    alice = await t.aws.outputs('alice');
    await t.aws.outputs('bob');
    const ec = newKeyPair('ec');
    valid = await requestCertificate(t.aws, 'alice', ec);
    const bob = await requestCertificate(t.aws, 'bob', newKeyPair('rsa'));
    const revoked = await requestCertificate(t.aws, 'alice', ec);
    assert.equal(await revokeCertificate(t.aws, 'alice', revoked.serialNumber), 200);
    // Issued two days ago on the sandbox clock: expired for OpenSSL's real clock too.
    const now = t.clock.now();
    t.clock.set(now - 2 * DAY);
    const expired = await requestCertificate(t.aws, 'alice', ec, new Date(t.clock.now()));
    t.clock.set(now);
    // A self-signed certificate claiming to be alice: not from the workshop CA.
    const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
    const keys = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
    const selfSigned = await x509.X509CertificateGenerator.createSelfSigned({
      name: 'O=Keyless, OU=keyless-workshop, CN=alice',
      keys,
      signingAlgorithm: algorithm,
    });
    const selfKey = x509.PemConverter.encode(await crypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY');
    // A certificate for alice from a CA that is not in the truststore.
    const otherCaKeys = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
    const otherLeafKeys = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
    const otherLeaf = await x509.X509CertificateGenerator.create({
      serialNumber: '0a1b2c',
      subject: 'O=Keyless, OU=keyless-workshop, CN=alice',
      issuer: 'CN=Some Other CA',
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + DAY),
      publicKey: otherLeafKeys.publicKey,
      signingKey: otherCaKeys.privateKey,
      signingAlgorithm: algorithm,
    });
    const otherLeafKey = x509.PemConverter.encode(await crypto.subtle.exportKey('pkcs8', otherLeafKeys.privateKey), 'PRIVATE KEY');
    files = writeFiles({
      'ca.pem': valid.caCertificatePem,
      'valid.crt': valid.certificatePem,
      'valid.key': valid.privateKeyPem,
      'bob.crt': bob.certificatePem,
      'bob.key': bob.privateKeyPem,
      'revoked.crt': revoked.certificatePem,
      'revoked.key': revoked.privateKeyPem,
      'expired.crt': expired.certificatePem,
      'expired.key': expired.privateKeyPem,
      'untrusted.crt': selfSigned.toString('pem'),
      'untrusted.key': selfKey,
      'other-ca.crt': otherLeaf.toString('pem'),
      'other-ca.key': otherLeafKey,
    });
  });
  after(async () => {
    await t.dispose();
    rmSync(files.dir, { recursive: true, force: true });
  });

  it("accepts the attendee's certificate: POST and GET /orders, principal = certificate subject", async () => {
    const created = await curl(`${alice.ordersMtlsUrl}/orders`, { cert: 'valid', method: 'POST', body: '{"item":"widget","quantity":3}' });
    assert.equal(created.status, 201, created.stderr);
    const order = JSON.parse(created.body) as { createdBy: string };
    assert.equal(order.createdBy, 'CN=alice,OU=keyless-workshop,O=Keyless');
    const listed = await curl(`${alice.ordersMtlsUrl}/orders`, { cert: 'valid' });
    assert.equal(listed.status, 200);
    assert.equal((JSON.parse(listed.body) as { orders: unknown[] }).orders.length, 1);
    const handshake = await lastHandshake();
    assert.equal(handshake?.outcome, 'success');
    assert.equal(handshake.subject, 'CN=alice,OU=keyless-workshop,O=Keyless');
    assert.equal(handshake.issuer, 'O=Keyless,CN=Keyless Workshop CA');
    assert.equal(handshake.serial, valid.serialNumber);
    assert.match(handshake.tlsVersion ?? '', /^TLSv1\.[23]$/);
    assert.ok((handshake.notBefore ?? Infinity) < (handshake.notAfter ?? 0));
    const call = await lastCall();
    assert.deepEqual(
      [call?.method, call?.path, call?.status, call?.authType, call?.principal],
      ['GET', '/orders', 200, 'mtls', 'CN=alice,OU=keyless-workshop,O=Keyless'],
    );
  });

  it('serves a certificate valid for both localhost and 127.0.0.1', async () => {
    const byIp = await curl(`${alice.ordersMtlsUrl.replace('localhost', '127.0.0.1')}/orders`, { cert: 'valid' });
    assert.equal(byIp.status, 200, byIp.stderr);
  });

  it('refuses no certificate: the connection closes without an HTTP answer; recorded as no-certificate', async () => {
    const result = await curl(`${alice.ordersMtlsUrl}/orders`);
    assert.notEqual(result.code, 0);
    assert.equal(result.status, 0, 'no HTTP status line');
    const handshake = await lastHandshake();
    assert.equal(handshake?.outcome, 'failure');
    assert.equal(handshake.reason, 'no-certificate');
    assert.match(handshake.error ?? '', /NO_PEER_CERTIFICATE/);
  });

  // API Gateway: "If the certificate isn't trusted, is expired, or doesn't use a supported algorithm,
  // the request is denied with a 403 status code" (Developer Guide, rest-api-mutual-tls).
  const refusals: [string, string, string, RegExp][] = [
    ['a self-signed certificate', 'untrusted', 'untrusted', /SELF_SIGNED/],
    ['an expired certificate', 'expired', 'expired', /CERT_HAS_EXPIRED/],
  ];
  for (const [name, cert, reason, code] of refusals) {
    it(`refuses ${name} with API Gateway's 403 (curl --cert), then closes; recorded as ${reason}`, async () => {
      const callsBefore = (await t.aws.evidence('alice').query({ kind: 'api-call', limit: 1000 })).length;
      const result = await curl(`${alice.ordersMtlsUrl}/orders`, { cert });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.status, 403);
      assert.deepEqual(JSON.parse(result.body), { message: 'Forbidden' });
      const handshake = await lastHandshake();
      assert.equal(handshake?.outcome, 'failure');
      assert.equal(handshake.reason, reason);
      assert.match(handshake.error ?? '', code);
      assert.equal(handshake.subject, 'CN=alice,OU=keyless-workshop,O=Keyless');
      assert.equal(
        (await t.aws.evidence('alice').query({ kind: 'api-call', limit: 1000 })).length,
        callsBefore,
        'refused before any API ran',
      );
    });
  }

  it("answers a certificate from another CA with 403 over node:https too, with API Gateway's headers, and closes the connection", async () => {
    const answer = await new Promise<{ status: number; headers: Record<string, unknown>; body: string; reused: boolean }>(
      (resolve, reject) => {
        const call = httpsRequest(
          `${alice.ordersMtlsUrl}/orders`,
          {
            ca: readFileSync(files['ca.pem'] ?? ''),
            cert: readFileSync(files['other-ca.crt'] ?? ''),
            key: readFileSync(files['other-ca.key'] ?? ''),
            agent: false,
          },
          (response) => {
            let body = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => (body += chunk));
            response.on('end', () =>
              resolve({ status: response.statusCode ?? 0, headers: response.headers, body, reused: call.reusedSocket }),
            );
          },
        );
        call.on('error', reject);
        call.end();
      },
    );
    assert.equal(answer.status, 403);
    assert.deepEqual(JSON.parse(answer.body), { message: 'Forbidden' });
    assert.equal(answer.headers['x-amzn-errortype'], 'ForbiddenException');
    assert.match(String(answer.headers['x-amzn-requestid']), /^[0-9a-f-]{36}$/);
    assert.equal(answer.headers.connection, 'close');
    const handshake = await lastHandshake();
    assert.deepEqual([handshake?.reason, handshake?.error], ['untrusted', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']);
  });

  it('lets a revoked certificate through the handshake, then the authorizer denies it: 403', async () => {
    const result = await curl(`${alice.ordersMtlsUrl}/orders`, { cert: 'revoked' });
    assert.equal(result.status, 403);
    assert.deepEqual(JSON.parse(result.body), { message: 'User is not authorized to access this resource with an explicit deny' });
    const handshake = await lastHandshake();
    assert.deepEqual([handshake?.outcome, handshake?.reason], ['failure', 'revoked']);
    const call = await lastCall();
    assert.equal(call?.status, 403);
    assert.match(call.error ?? '', /revoked/);
  });

  it("refuses another attendee's certificate on this API: 403, and bob's certificate still works on his", async () => {
    const result = await curl(`${alice.ordersMtlsUrl}/orders`, { cert: 'bob' });
    assert.equal(result.status, 403);
    assert.match((await lastCall())?.error ?? '', /another attendee/);
    assert.equal((await lastHandshake('bob'))?.outcome, 'success');
    const own = await curl(`${(await t.aws.outputs('bob')).ordersMtlsUrl}/orders`, { cert: 'bob' });
    assert.equal(own.status, 200);
  });

  it('judges validity on the sandbox clock too: a certificate past notAfter there is refused', async () => {
    const now = t.clock.now();
    t.clock.advance(2 * DAY);
    try {
      const result = await curl(`${alice.ordersMtlsUrl}/orders`, { cert: 'valid' });
      assert.equal(result.status, 403);
      assert.equal((await lastHandshake())?.reason, 'expired');
    } finally {
      t.clock.set(now);
    }
  });

  it('answers like API Gateway for unmapped paths and unknown resources', async () => {
    const unmapped = await curl(`${alice.ordersMtlsUrl.replace(/restapis\/\w+/, 'restapis/nosuchapi0')}/orders`, { cert: 'valid' });
    assert.deepEqual([unmapped.status, JSON.parse(unmapped.body)], [403, { message: 'Forbidden' }]);
    const unknown = await curl(`${alice.ordersMtlsUrl}/widgets`, { cert: 'valid' });
    assert.deepEqual([unknown.status, JSON.parse(unknown.body)], [403, { message: 'Missing Authentication Token' }]);
  });

  it('works with openssl s_client: server verified against the CA, HTTP over the mutual-TLS connection', async () => {
    const { port, pathname } = new URL(alice.ordersMtlsUrl);
    const request = `GET ${pathname}/orders HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`;
    const base = [
      's_client',
      '-connect',
      `127.0.0.1:${port}`,
      '-servername',
      'localhost',
      '-CAfile',
      files['ca.pem'] ?? '',
      '-verify_return_error',
      '-quiet',
    ];
    const ok = await run('openssl', [...base, '-cert', files['valid.crt'] ?? '', '-key', files['valid.key'] ?? ''], request);
    assert.match(ok.stdout, /^HTTP\/1\.1 200 OK/, ok.stderr);
    const refused = await run('openssl', [...base, '-cert', files['untrusted.crt'] ?? '', '-key', files['untrusted.key'] ?? ''], request);
    assert.match(refused.stdout, /^HTTP\/1\.1 403 Forbidden/);
    assert.equal((await lastHandshake())?.reason, 'untrusted');
  });
});
