import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { TemporaryCredentials } from '../iam/session-store.ts';
import { constantTimeEqual } from '../crypto/constant-time.ts';
import { AwsServiceError } from '../errors/index.ts';
import { formatAmzDate, parseAmzDate } from './amz-date.ts';
import { signableRequest, type SignedRequest } from './signable-request.ts';
import { signatureMismatch } from './signature-mismatch.ts';

export type { SignedRequest } from './signable-request.ts';

type Headers = SignedRequest['headers'];

export interface VerifyOptions<C extends TemporaryCredentials> {
  /** The service the credential scope must name, e.g. `cognito-idp`. */
  readonly service: string;
  readonly region: string;
  readonly now: () => number;
  readonly lookup: (accessKeyId: string) => C | undefined;
  /**
   * How far `X-Amz-Date` may be from the service's clock, either way. Most
   * AWS JSON/query services allow 15 minutes (`… - 15 min.`); API Gateway
   * (`execute-api`) allows 5 (`… - 5 min.`), the window the IAM User Guide
   * gives for replay protection ("a request must reach AWS within five
   * minutes of the time stamp"). Default: 15 minutes.
   */
  readonly maxSkewMs?: number;
}

/** The window most AWS services allow between the signer's and the service's clock. */
const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;
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
  const maxSkewMs = options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  const minutes = Math.round(maxSkewMs / 60_000);
  if (signingDate.getTime() < now - maxSkewMs) {
    throw new AwsServiceError(
      'InvalidSignatureException',
      `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(now - maxSkewMs)} (${formatAmzDate(now)} - ${minutes} min.)`,
    );
  }
  if (signingDate.getTime() > now + maxSkewMs) {
    throw new AwsServiceError(
      'InvalidSignatureException',
      `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(now + maxSkewMs)} (${formatAmzDate(now)} + ${minutes} min.)`,
    );
  }

  const stored = options.lookup(accessKeyId);
  const token = header(request.headers, 'x-amz-security-token');
  if (!stored || (token ?? '') !== stored.sessionToken)
    throw new AwsServiceError('UnrecognizedClientException', 'The security token included in the request is invalid.');

  const signedHeaders = signedHeaderList.split(';');
  const expected = await recompute(request, stored, { region, service, signingDate, signedHeaders });
  if (!constantTimeEqual(expected, signature)) {
    // What the sandbox signed goes into the error (and from there into evidence), as AWS's message gives it.
    throw await signatureMismatch(signableRequest(request, signedHeaders), {
      accessKeyId,
      region,
      service,
      signingDate,
      signedHeaders,
      sessionToken: stored.sessionToken,
    });
  }
  if (stored.expiresAt <= now) throw new AwsServiceError('ExpiredTokenException', 'The security token included in the request is expired');
  return stored;
}

async function recompute(
  request: SignedRequest,
  credentials: TemporaryCredentials,
  scope: { region: string; service: string; signingDate: Date; signedHeaders: readonly string[] },
): Promise<string> {
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
  const signed = await signer.sign(signableRequest(request, scope.signedHeaders), {
    signingDate: scope.signingDate,
    signableHeaders: new Set(scope.signedHeaders),
  });
  const computed = /Signature=([0-9a-f]{64})/.exec(signed.headers.authorization ?? '');
  return computed?.[1] ?? '';
}

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
