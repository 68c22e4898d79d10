import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { TemporaryCredentials } from '../iam/session-store.ts';
import { constantTimeEqual } from '../crypto/constant-time.ts';
import { AwsServiceError } from '../errors/index.ts';
import { formatAmzDate, parseAmzDate } from './amz-date.ts';

export interface SignedRequest {
  readonly method: string;
  /** Request target as received (path and query, still percent-encoded). */
  readonly url: string;
  /** Lower-case names, as node:http parses them (`IncomingMessage.headers`). */
  readonly headers: Headers;
  readonly body: Uint8Array;
}

type Headers = Readonly<Record<string, string | string[] | undefined>>;

export interface VerifyOptions<C extends TemporaryCredentials> {
  /** The service the credential scope must name, e.g. `cognito-idp`. */
  readonly service: string;
  readonly region: string;
  readonly now: () => number;
  readonly lookup: (accessKeyId: string) => C | undefined;
}

/** AWS allows 15 minutes of clock difference between signer and service. */
const MAX_SKEW_MS = 15 * 60 * 1000;
const AUTH = /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;

/**
 * Verifies a SigV4-signed request and returns the credentials that signed it.
 *
 * The signature is recomputed with the SDK's own signer (`@smithy/signature-v4`)
 * over exactly the headers the request lists in SignedHeaders, with the
 * secret we stored for its access key, and compared in constant time. Using
 * the signer the SDK uses means canonicalisation matches by construction; no
 * library offers the server side of SigV4, hence this file. See README.md.
 */
export async function verifySigV4<C extends TemporaryCredentials>(request: SignedRequest, options: VerifyOptions<C>): Promise<C> {
  const authorization = header(request.headers, 'authorization');
  if (!authorization) throw new AwsServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const match = AUTH.exec(authorization.trim());
  if (!match) {
    throw new AwsServiceError(
      'IncompleteSignatureException',
      `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters in AWS4-HMAC-SHA256 form. Authorization=${authorization.split(' ')[0] ?? ''}`,
    );
  }
  const [, credential = '', signedHeaderList = '', signature = ''] = match;
  const [accessKeyId = '', shortDate = '', region = '', service = '', terminator] = credential.split('/');
  if (terminator !== 'aws4_request')
    throw new AwsServiceError(
      'IncompleteSignatureException',
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator ?? ''}'.`,
    );
  if (service !== options.service)
    throw new AwsServiceError('InvalidSignatureException', `Credential should be scoped to correct service: '${options.service}'.`);
  if (region !== options.region)
    throw new AwsServiceError('InvalidSignatureException', `Credential should be scoped to a valid region, not '${region}'.`);

  const amzDate = header(request.headers, 'x-amz-date');
  const signingDate = amzDate ? parseAmzDate(amzDate) : undefined;
  if (!amzDate || !signingDate)
    throw new AwsServiceError(
      'IncompleteSignatureException',
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  if (!amzDate.startsWith(shortDate))
    throw new AwsServiceError(
      'InvalidSignatureException',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${shortDate}' != '${amzDate.slice(0, 8)}'.`,
    );
  const now = options.now();
  if (signingDate.getTime() < now - MAX_SKEW_MS) {
    throw new AwsServiceError(
      'InvalidSignatureException',
      `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(now - MAX_SKEW_MS)} (${formatAmzDate(now)} - 15 min.)`,
    );
  }
  if (signingDate.getTime() > now + MAX_SKEW_MS) {
    throw new AwsServiceError(
      'InvalidSignatureException',
      `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(now + MAX_SKEW_MS)} (${formatAmzDate(now)} + 15 min.)`,
    );
  }

  const stored = options.lookup(accessKeyId);
  const token = header(request.headers, 'x-amz-security-token');
  if (!stored || (token ?? '') !== stored.sessionToken)
    throw new AwsServiceError('UnrecognizedClientException', 'The security token included in the request is invalid.');

  const expected = await recompute(request, stored, { region, service, signingDate, signedHeaders: signedHeaderList.split(';') });
  if (!constantTimeEqual(expected, signature)) {
    throw new AwsServiceError(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  if (stored.expiresAt <= now) throw new AwsServiceError('ExpiredTokenException', 'The security token included in the request is expired');
  return stored;
}

async function recompute(
  request: SignedRequest,
  credentials: TemporaryCredentials,
  scope: { region: string; service: string; signingDate: Date; signedHeaders: string[] },
): Promise<string> {
  const url = new URL(request.url, 'http://placeholder');
  const headers: Record<string, string> = {};
  for (const name of scope.signedHeaders) {
    const value = request.headers[name];
    // A listed header that is absent stays absent, so the signatures differ, as they should.
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const previous = query[key];
    query[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
    },
    region: scope.region,
    service: scope.service,
    sha256: Hash.bind(null, 'sha256'),
    // The client decides whether x-amz-content-sha256 is signed; never add it.
    applyChecksum: false,
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: request.method,
      protocol: 'http:',
      hostname: 'placeholder',
      path: url.pathname.split('/').map(decodeURIComponent).join('/'),
      query,
      headers,
      body: request.body,
    }),
    { signingDate: scope.signingDate, signableHeaders: new Set(scope.signedHeaders) },
  );
  const computed = /Signature=([0-9a-f]{64})/.exec(signed.headers.authorization ?? '');
  return computed?.[1] ?? '';
}

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
