import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { SESSION_TOKEN_SHOWN_AS, SignatureMismatchError } from './signature-mismatch.ts';
import { sigV4Evidence } from './sigv4-evidence.ts';
import { verifySigV4 } from './verify-sigv4.ts';

/** The AWS SigV4 test suite's get-vanilla (aws-sig-v4-test-suite, as in verify-sigv4.test.ts), with its published canonical request and string to sign. */
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const CANONICAL =
  'GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const STRING_TO_SIGN =
  'AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63';
const TOKEN = 'FQoGZXIvYXdzEXAMPLEsessiontoken+with/chars==';

function request(signature: string, signed = 'host;x-amz-date', extra: Record<string, string> = {}) {
  return {
    method: 'GET',
    url: '/',
    headers: {
      host: 'example.amazonaws.com',
      'x-amz-date': '20150830T123600Z',
      ...extra,
      authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=${signed}, Signature=${signature}`,
    },
    body: Buffer.alloc(0),
  };
}

const options = (sessionToken = '') => ({
  service: 'service',
  region: 'us-east-1',
  now: () => Date.parse('2015-08-30T12:36:00Z'),
  lookup: (id: string) =>
    id === 'AKIDEXAMPLE'
      ? { accessKeyId: id, secretAccessKey: SECRET, sessionToken, expiresAt: Date.parse('2015-08-30T13:36:00Z') }
      : undefined,
});

async function mismatch(promise: Promise<unknown>): Promise<SignatureMismatchError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  assert.ok(error instanceof SignatureMismatchError, `expected a SignatureMismatchError, got ${String(error)}`);
  return error;
}

/** What a correct client signs: HMAC-SHA256 down the key-derivation chain, then over the string to sign. */
function signatureOf(stringToSign: string, secret: string): string {
  const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, '20150830'), 'us-east-1'), 'service'), 'aws4_request');
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

describe('a signature that does not match', () => {
  it('explains itself with the canonical request and string to sign the sandbox computed, as the AWS test suite publishes them', async () => {
    const error = await mismatch(verifySigV4(request('0'.repeat(64)), options()));
    assert.equal(error.code, 'InvalidSignatureException');
    assert.equal(error.canonicalRequest, CANONICAL);
    assert.equal(error.stringToSign, STRING_TO_SIGN);
    // A correct client's signature over that string is the suite's published one.
    assert.equal(signatureOf(error.stringToSign, SECRET), '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
  });

  it('shows a signed session token as a placeholder, never its value, while the string to sign still hashes the real request', async () => {
    const error = await mismatch(
      verifySigV4(request('1'.repeat(64), 'host;x-amz-date;x-amz-security-token', { 'x-amz-security-token': TOKEN }), options(TOKEN)),
    );
    assert.ok(!error.canonicalRequest.includes(TOKEN));
    assert.ok(!error.stringToSign.includes(TOKEN));
    assert.match(error.canonicalRequest, new RegExp(`^x-amz-security-token:${SESSION_TOKEN_SHOWN_AS}$`, 'm'));
    const real = error.canonicalRequest.replace(SESSION_TOKEN_SHOWN_AS, TOKEN);
    assert.equal(error.stringToSign.split('\n')[3], createHash('sha256').update(real).digest('hex'));
  });

  it('becomes evidence with the credential, scope and signed headers but not the signature', async () => {
    const signature = '2'.repeat(64);
    const wrong = request(signature);
    const error = await mismatch(verifySigV4(wrong, options()));
    const evidence = sigV4Evidence(wrong.headers, error);
    assert.deepEqual(evidence, {
      algorithm: 'AWS4-HMAC-SHA256',
      credentialId: 'AKIDEXAMPLE',
      credentialScope: '20150830/us-east-1/service/aws4_request',
      signedHeaders: ['host', 'x-amz-date'],
      canonicalRequest: CANONICAL,
      stringToSign: STRING_TO_SIGN,
    });
    assert.ok(!JSON.stringify(evidence).includes(signature));
    assert.ok(!JSON.stringify(evidence).includes(SECRET));
  });

  it('is no evidence at all for a request that is not SigV4-signed', () => {
    assert.equal(sigV4Evidence({ authorization: 'Bearer abc.def.ghi' }), undefined);
    assert.equal(sigV4Evidence({}), undefined);
  });
});
