import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TemporaryCredentials } from '../iam/index.ts';
import { verifySigV4 } from './verify-sigv4.ts';

/**
 * AWS SigV4 test-suite vectors, as ported in smithy-lang/smithy-typescript
 * packages/signature-v4/src/suite.fixture.ts (originally aws-sig-v4-test-suite;
 * superset in awslabs/aws-c-auth tests/aws-signing-test-suite/v4).
 */
const credentials: TemporaryCredentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: '',
  expiresAt: Date.parse('2015-08-30T13:36:00Z'),
};
const DATE = '20150830T123600Z';
const SCOPE = 'AKIDEXAMPLE/20150830/us-east-1/service/aws4_request';
const STS_TOKEN =
  'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==';

interface Vector {
  name: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  signedHeaders: string;
  signature: string;
  sessionToken?: string;
  /** Default `service` at example.amazonaws.com. */
  service?: string;
  host?: string;
}

const vectors: Vector[] = [
  {
    name: 'get-vanilla',
    method: 'GET',
    url: '/',
    headers: {},
    signedHeaders: 'host;x-amz-date',
    signature: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
  },
  {
    name: 'get-vanilla-query-order-key-case',
    method: 'GET',
    url: '/?Param2=value2&Param1=value1',
    headers: {},
    signedHeaders: 'host;x-amz-date',
    signature: 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
  },
  {
    name: 'get-utf8',
    method: 'GET',
    url: `/${encodeURIComponent('ሴ')}`,
    headers: {},
    signedHeaders: 'host;x-amz-date',
    signature: '8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85',
  },
  {
    name: 'get-header-value-trim',
    method: 'GET',
    url: '/',
    headers: { 'my-header1': 'value1', 'my-header2': '"a   b   c"' },
    signedHeaders: 'host;my-header1;my-header2;x-amz-date',
    signature: 'acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736',
  },
  {
    name: 'post-vanilla',
    method: 'POST',
    url: '/',
    headers: {},
    signedHeaders: 'host;x-amz-date',
    signature: '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b',
  },
  {
    name: 'post-x-www-form-urlencoded',
    method: 'POST',
    url: '/',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'Param1=value1',
    signedHeaders: 'content-type;host;x-amz-date',
    signature: 'ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a',
  },
  {
    name: 'post-vanilla-query',
    method: 'POST',
    url: '/?Param1=value1',
    headers: {},
    signedHeaders: 'host;x-amz-date',
    signature: '28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11',
  },
  // The query protocol's form body (STS, IAM), with a charset parameter on the content type.
  {
    name: 'post-x-www-form-urlencoded-parameters',
    method: 'POST',
    url: '/',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf8' },
    body: 'Param1=value1',
    signedHeaders: 'content-type;host;x-amz-date',
    signature: '1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe',
  },
  // The AWS General Reference's worked example (IAM ListUsers), also a vector in aws-sdk-go-v2's v4 signer tests.
  {
    name: 'iam-list-users (documentation example)',
    method: 'GET',
    url: '/?Action=ListUsers&Version=2010-05-08',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    signedHeaders: 'content-type;host;x-amz-date',
    signature: '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    service: 'iam',
    host: 'iam.amazonaws.com',
  },
  {
    name: 'post-sts-header-before',
    method: 'POST',
    url: '/',
    headers: { 'x-amz-security-token': STS_TOKEN },
    signedHeaders: 'host;x-amz-date;x-amz-security-token',
    signature: '85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead',
    sessionToken: STS_TOKEN,
  },
];

function requestFor(vector: Vector, signature = vector.signature) {
  return {
    method: vector.method,
    url: vector.url,
    headers: {
      host: vector.host ?? 'example.amazonaws.com',
      'x-amz-date': DATE,
      ...vector.headers,
      authorization: `AWS4-HMAC-SHA256 Credential=${SCOPE.replace('/service/', `/${vector.service ?? 'service'}/`)}, SignedHeaders=${vector.signedHeaders}, Signature=${signature}`,
    },
    body: Buffer.from(vector.body ?? ''),
  };
}

const options = (vector: Vector, now = Date.parse('2015-08-30T12:36:00Z')) => ({
  service: vector.service ?? 'service',
  region: 'us-east-1',
  now: () => now,
  lookup: (id: string) => (id === credentials.accessKeyId ? { ...credentials, sessionToken: vector.sessionToken ?? '' } : undefined),
});

describe('verifySigV4 against the AWS SigV4 test suite', () => {
  for (const vector of vectors) {
    it(`accepts ${vector.name}`, async () => {
      const verified = await verifySigV4(requestFor(vector), options(vector));
      assert.equal(verified.accessKeyId, 'AKIDEXAMPLE');
    });
  }

  const vanilla = vectors[0] as Vector;
  it('rejects a signature off by one digit', async () => {
    const wrong = vanilla.signature.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    await assert.rejects(verifySigV4(requestFor(vanilla, wrong), options(vanilla)), { name: 'InvalidSignatureException' });
  });
  it('rejects a changed signed header', async () => {
    const request = requestFor(vanilla);
    await assert.rejects(verifySigV4({ ...request, headers: { ...request.headers, host: 'evil.example.com' } }, options(vanilla)), {
      name: 'InvalidSignatureException',
    });
  });
  it('rejects a request more than 15 minutes old', async () => {
    await assert.rejects(
      verifySigV4(requestFor(vanilla), options(vanilla, Date.parse('2015-08-30T12:52:00Z'))),
      (error: Error) => error.name === 'InvalidSignatureException' && /Signature expired/.test(error.message),
    );
  });
  it("keeps a service's narrower window: 5 minutes rejects what 15 accepts", async () => {
    const sixMinutesLate = Date.parse('2015-08-30T12:42:00Z');
    assert.equal((await verifySigV4(requestFor(vanilla), options(vanilla, sixMinutesLate))).accessKeyId, 'AKIDEXAMPLE');
    await assert.rejects(
      verifySigV4(requestFor(vanilla), { ...options(vanilla, sixMinutesLate), maxSkewMs: 5 * 60_000 }),
      (error: Error) => error.name === 'InvalidSignatureException' && / - 5 min\.\)$/.test(error.message),
    );
  });
  it('rejects an unknown access key, a missing or malformed Authorization header', async () => {
    await assert.rejects(verifySigV4(requestFor(vanilla), { ...options(vanilla), lookup: () => undefined }), {
      name: 'UnrecognizedClientException',
    });
    const { authorization: _dropped, ...headers } = requestFor(vanilla).headers;
    await assert.rejects(verifySigV4({ ...requestFor(vanilla), headers }, options(vanilla)), {
      name: 'MissingAuthenticationTokenException',
    });
    await assert.rejects(
      verifySigV4({ ...requestFor(vanilla), headers: { ...headers, authorization: 'AWS4-HMAC-SHA256 nonsense' } }, options(vanilla)),
      { name: 'IncompleteSignatureException' },
    );
  });
  it('rejects a credential scoped to another service', async () => {
    await assert.rejects(verifySigV4(requestFor(vanilla), { ...options(vanilla), service: 'cognito-idp' }), {
      name: 'InvalidSignatureException',
    });
  });
});
