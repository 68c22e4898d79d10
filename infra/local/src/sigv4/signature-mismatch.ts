import { Hash } from '@smithy/hash-node';
import type { HttpRequest } from '@smithy/protocol-http';
import { createScope, getCanonicalHeaders, getPayloadHash, prepareRequest, SignatureV4 } from '@smithy/signature-v4';
import { AwsServiceError } from '../errors/index.ts';

/** What a mismatch shows instead of the session token's value (the token is a secret; the sandbox never keeps it). */
export const SESSION_TOKEN_SHOWN_AS = '<session token, not shown>';

/**
 * `InvalidSignatureException` for a signature that did not match, carrying
 * what the sandbox computed: the canonical request and the string to sign,
 * as AWS's own `SignatureDoesNotMatch` message gives them ("The Canonical
 * String for this request should have been …"; see
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html).
 * Evidence records them so the attendee can see why their signature failed;
 * the wire answer keeps the short message. Neither holds a secret: the
 * session token's value is replaced, and the signature is only an HMAC's
 * input, never its output.
 */
export class SignatureMismatchError extends AwsServiceError {
  readonly accessKeyId: string;
  readonly canonicalRequest: string;
  readonly stringToSign: string;

  constructor(accessKeyId: string, explained: { canonicalRequest: string; stringToSign: string }) {
    super(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
    this.accessKeyId = accessKeyId;
    this.canonicalRequest = explained.canonicalRequest;
    this.stringToSign = explained.stringToSign;
  }
}

/**
 * The SDK's signer with its two protected steps opened up: the same
 * preparation as `signRequest` (date and token headers, payload hash,
 * canonical headers), so the explanation is exactly what the verifier signed.
 */
class ExplainingSigner extends SignatureV4 {
  async explain(
    request: HttpRequest,
    scope: { region: string; service: string; signingDate: Date; signedHeaders: readonly string[]; sessionToken: string },
  ): Promise<{ canonicalRequest: string; stringToSign: string }> {
    const prepared = prepareRequest(request);
    const { longDate, shortDate } = this.formatDate(scope.signingDate);
    prepared.headers['x-amz-date'] = longDate;
    if (scope.sessionToken) prepared.headers['x-amz-security-token'] = scope.sessionToken;
    const payloadHash = await getPayloadHash(prepared, this.sha256);
    const canonicalHeaders = getCanonicalHeaders(prepared, undefined, new Set(scope.signedHeaders));
    const canonicalRequest = this.createCanonicalRequest(prepared, canonicalHeaders, payloadHash);
    const credentialScope = createScope(shortDate, scope.region, scope.service);
    const stringToSign = await this.createStringToSign(longDate, credentialScope, canonicalRequest, 'AWS4-HMAC-SHA256');
    return { canonicalRequest: hideSessionToken(canonicalRequest, scope.sessionToken), stringToSign };
  }
}

/** The mismatch error for a request whose signature differed from the one the sandbox computed. */
export async function signatureMismatch(
  request: HttpRequest,
  scope: {
    accessKeyId: string;
    region: string;
    service: string;
    signingDate: Date;
    signedHeaders: readonly string[];
    sessionToken: string;
  },
): Promise<SignatureMismatchError> {
  const signer = new ExplainingSigner({
    // Only hashing is used here; no key is derived, so no secret is needed.
    credentials: { accessKeyId: scope.accessKeyId, secretAccessKey: '' },
    region: scope.region,
    service: scope.service,
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum: false,
  });
  return new SignatureMismatchError(scope.accessKeyId, await signer.explain(request, scope));
}

function hideSessionToken(text: string, sessionToken: string): string {
  if (!sessionToken) return text;
  return text.split(sessionToken).join(SESSION_TOKEN_SHOWN_AS).split(encodeURIComponent(sessionToken)).join(SESSION_TOKEN_SHOWN_AS);
}
