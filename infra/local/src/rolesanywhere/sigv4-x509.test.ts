import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, verify, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { toWebCryptoKeyPair } from '../pki/webcrypto-key.ts';
import * as x509 from '../pki/x509.ts';
import { RolesAnywhereError } from './errors.ts';
import { helperRequest } from './helper-signer.ts';
import { canonicalQuery, canonicalRequest, stringToSign, verifySigV4X509, type X509SignedRequest } from './sigv4-x509.ts';

/** A vector as stored in ./vectors (each file cites its public source). */
interface Vector {
  name: string;
  source: { repository: string; commit: string; path: string };
  region: string;
  clock: string;
  request: { method: string; path: string; query: string; headers: Record<string, string>; body: string };
  expected?: { payloadHash: string; canonicalRequest: string; canonicalRequestHash: string; stringToSign: string; signature: string };
}

const load = (name: string): Vector => JSON.parse(readFileSync(new URL(`./vectors/${name}`, import.meta.url), 'utf8')) as Vector;
const VECTORS = ['salrashid123-helper-rsa.json', 'salrashid123-helper-ecdsa-p384.json', 'micmoo01-saiph-rsa.json'].map(load);

function asRequest(vector: Vector, override: Partial<Record<string, string>> = {}): X509SignedRequest {
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries({ ...vector.request.headers, ...override })) if (value !== undefined) headers[name] = [value];
  return {
    method: vector.request.method,
    path: vector.request.path,
    query: vector.request.query,
    headers,
    body: Buffer.from(vector.request.body),
  };
}
const clockOf = (vector: Vector) => () => Date.parse(vector.clock);
const rejects = (fn: () => unknown, code: string, message: RegExp): void =>
  assert.throws(fn, (error: unknown) => error instanceof RolesAnywhereError && error.code === code && message.test(error.message));

describe('SigV4-X509 verification against published vectors', () => {
  for (const vector of VECTORS) {
    it(`verifies ${vector.name} (${vector.source.repository}/${vector.source.path})`, () => {
      const verified = verifySigV4X509(asRequest(vector), { region: vector.region, now: clockOf(vector) });
      assert.equal(verified.algorithm, vector.request.headers.authorization?.split(' ')[0]);
      assert.deepEqual(verified.signedHeaders, ['content-type', 'host', 'x-amz-date', 'x-amz-x509']);
    });
    it(`rejects ${vector.name} with one bit of the body changed`, () => {
      const request = { ...asRequest(vector), body: Buffer.from(vector.request.body.replace('3600', '3601')) };
      rejects(
        () => verifySigV4X509(request, { region: vector.region, now: clockOf(vector) }),
        'AccessDeniedException',
        /^Invalid signature$/,
      );
    });
  }

  it('rebuilds every intermediate step of the SaiphIamRolesAnywhere vector', () => {
    const vector = load('micmoo01-saiph-rsa.json');
    const expected = vector.expected;
    assert.ok(expected);
    assert.equal(createHash('sha256').update(vector.request.body).digest('hex'), expected.payloadHash);
    const canonical = canonicalRequest(asRequest(vector), ['content-type', 'host', 'x-amz-date', 'x-amz-x509'], '/sessions');
    assert.equal(canonical, expected.canonicalRequest);
    assert.equal(createHash('sha256').update(canonical).digest('hex'), expected.canonicalRequestHash);
    assert.equal(
      stringToSign('AWS4-X509-RSA-SHA256', '20231119T150000Z', '20231119/us-east-1/rolesanywhere/aws4_request', canonical),
      expected.stringToSign,
    );
  });

  it('uses SHA-256 for P-384 keys too (the P-384 vector does not verify with SHA-384)', () => {
    const vector = load('salrashid123-helper-ecdsa-p384.json');
    const certificate = new X509Certificate(Buffer.from(vector.request.headers['x-amz-x509'] ?? '', 'base64'));
    assert.equal(certificate.publicKey.asymmetricKeyDetails?.namedCurve, 'secp384r1');
    const canonical = canonicalRequest(asRequest(vector), ['content-type', 'host', 'x-amz-date', 'x-amz-x509'], '/sessions');
    const toSign = stringToSign('AWS4-X509-ECDSA-SHA256', '20240706T143004Z', '20240706/us-east-2/rolesanywhere/aws4_request', canonical);
    const signature = Buffer.from(/Signature=([0-9a-f]+)/.exec(vector.request.headers.authorization ?? '')?.[1] ?? '', 'hex');
    assert.equal(verify('sha384', Buffer.from(toSign), certificate.publicKey, signature), false);
    assert.equal(verify('sha256', Buffer.from(toSign), certificate.publicKey, signature), true);
  });

  it('refuses a vector outside its 15-minute window, in another region, or with another serial', () => {
    const vector = load('salrashid123-helper-rsa.json');
    const later = () => Date.parse(vector.clock) + 16 * 60 * 1000;
    rejects(() => verifySigV4X509(asRequest(vector), { region: vector.region, now: later }), 'AccessDeniedException', /^Signature expired/);
    rejects(() => verifySigV4X509(asRequest(vector), { region: 'us-east-1', now: clockOf(vector) }), 'AccessDeniedException', /region/);
    const authorization = vector.request.headers.authorization?.replace('Credential=21/', 'Credential=22/');
    rejects(
      () => verifySigV4X509(asRequest(vector, { authorization }), { region: vector.region, now: clockOf(vector) }),
      'AccessDeniedException',
      /serial number/,
    );
  });

  it('canonicalises the query as Go does: sorted keys, RFC 3986 escaping, %20 for spaces', () => {
    assert.equal(canonicalQuery('b=2&a=x%3Ay&a=1&c=hello+world&d=%7E%21'), 'a=x%3Ay&a=1&b=2&c=hello%20world&d=~%21');
    assert.equal(canonicalQuery(''), '');
  });
});

describe('SigV4-X509 round trip with the independent helper-style signer', () => {
  const cases = [
    ['RSA-2048', generateKeyPairSync('rsa', { modulusLength: 2048 })],
    ['EC P-256', generateKeyPairSync('ec', { namedCurve: 'P-256' })],
    ['EC P-384', generateKeyPairSync('ec', { namedCurve: 'P-384' })],
  ] as const;
  for (const [name, keys] of cases) {
    it(`${name}: verifies, with the canonical path /sessions or the path sent`, async () => {
      const certificate = await selfSigned(keys);
      const now = Date.now();
      for (const signActualPath of [false, true]) {
        const prepared = helperRequest({
          endpoint: 'http://127.0.0.1:9/rolesanywhere',
          region: 'eu-west-1',
          certificate,
          privateKey: keys.privateKey,
          trustAnchorArn: 'arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/x',
          profileArn: 'p',
          roleArn: 'r',
          date: new Date(now),
          signActualPath,
        });
        const headers = Object.fromEntries(Object.entries(prepared.headers).map(([k, v]) => [k.toLowerCase(), [v]]));
        const request = {
          method: 'POST',
          path: prepared.url.pathname,
          query: prepared.url.search.slice(1),
          headers,
          body: Buffer.from(prepared.body),
        };
        const verified = verifySigV4X509(request, { region: 'eu-west-1', now: () => now });
        assert.equal(verified.algorithm, keys.privateKey.asymmetricKeyType === 'rsa' ? 'AWS4-X509-RSA-SHA256' : 'AWS4-X509-ECDSA-SHA256');
        // Any header change after signing breaks it.
        const tampered = { ...request, headers: { ...headers, 'content-type': ['text/plain'] } };
        rejects(() => verifySigV4X509(tampered, { region: 'eu-west-1', now: () => now }), 'AccessDeniedException', /^Invalid signature$/);
      }
    });
  }
});

async function selfSigned(keys: { privateKey: KeyObject; publicKey: KeyObject }): Promise<X509Certificate> {
  const { signingAlgorithm, ...cryptoKeys } = await toWebCryptoKeyPair(keys, { hash: 'SHA-256' });
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '0a1b2c',
    name: 'CN=round-trip',
    keys: cryptoKeys,
    signingAlgorithm,
  });
  return new X509Certificate(Buffer.from(certificate.rawData));
}
