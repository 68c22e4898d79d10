import { createHash, verify, X509Certificate } from 'node:crypto';
import { formatAmzDate, parseAmzDate } from '../sigv4/amz-date.ts';
import { RolesAnywhereError } from './errors.ts';

/**
 * SigV4-X509, the signature IAM Roles Anywhere's CreateSession takes
 * (reference §4.2; aws/rolesanywhere-credential-helper `signer.go`): SigV4's
 * canonical request, signed with the certificate's private key instead of
 * an HMAC key. Hand-written because nothing verifies it: the SDKs do not
 * even model CreateSession, and `@smithy/signature-v4` only computes HMACs.
 */
export const ALGORITHMS = { 'AWS4-X509-RSA-SHA256': 'rsa', 'AWS4-X509-ECDSA-SHA256': 'ec' } as const;
export type X509Algorithm = keyof typeof ALGORITHMS;

export interface X509SignedRequest {
  readonly method: string;
  /** The request path as received (still percent-encoded), without the query. */
  readonly path: string;
  /** The raw query string, without `?`. */
  readonly query: string;
  /** Lower-case header name → every value received (`IncomingMessage.headersDistinct`). */
  readonly headers: Readonly<Record<string, readonly string[] | undefined>>;
  readonly body: Uint8Array;
}

export interface VerifiedX509Request {
  readonly algorithm: X509Algorithm;
  readonly certificate: X509Certificate;
  /** Intermediates from `X-Amz-X509-Chain`, in the order sent. */
  readonly chain: readonly X509Certificate[];
  readonly signedHeaders: readonly string[];
  readonly signingDate: Date;
}

/** AWS allows 15 minutes between the signer's clock and the service's. */
const MAX_SKEW_MS = 15 * 60 * 1000;
const AUTHORIZATION = /^(AWS4-X509-(?:RSA|ECDSA)-SHA256) Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)$/;
/** The helper hard-codes this path in its canonical request, whatever path its endpoint has. */
const CANONICAL_PATH = '/sessions';
/** Headers the helper always signs; a request that leaves one out is refused. */
const REQUIRED_SIGNED = ['host', 'x-amz-date', 'x-amz-x509'];

const denied = (message: string): RolesAnywhereError => new RolesAnywhereError('AccessDeniedException', message);

/**
 * Verifies a CreateSession request's signature and returns the certificate
 * that made it. Trust (chain, revocation, profile, role) is the caller's job.
 * Errors: malformed input → ValidationException; anything about the
 * signature → AccessDeniedException (`Invalid signature` for a bad one, as
 * observed from AWS).
 */
export function verifySigV4X509(
  request: X509SignedRequest,
  options: { region: string; now: () => number; parse?: (base64: string) => X509Certificate },
): VerifiedX509Request {
  const authorization = first(request.headers.authorization);
  if (!authorization) throw denied('Missing Authentication Token');
  const match = AUTHORIZATION.exec(authorization.trim());
  if (!match?.[1] || !match[2] || !match[3] || !match[4]) {
    throw denied(
      'Authorization header requires Credential, SignedHeaders and Signature in AWS4-X509-RSA-SHA256 or AWS4-X509-ECDSA-SHA256 form.',
    );
  }
  const algorithm = match[1] as X509Algorithm;
  const [serial = '', shortDate = '', region = '', service = '', terminator] = match[2].split('/');
  const signedHeaders = match[3].split(';');
  if (!/^\d+$/.test(serial) || !/^\d{8}$/.test(shortDate) || terminator !== 'aws4_request')
    throw denied('Credential must be <serial number in decimal>/<yyyymmdd>/<region>/rolesanywhere/aws4_request.');
  if (service !== 'rolesanywhere') throw denied(`Credential should be scoped to correct service: 'rolesanywhere'.`);
  if (region !== options.region) throw denied(`Credential should be scoped to a valid region, not '${region}'.`);
  for (const name of REQUIRED_SIGNED) if (!signedHeaders.includes(name)) throw denied(`SignedHeaders must include ${name}.`);
  if (first(request.headers['x-amz-x509-chain']) !== undefined && !signedHeaders.includes('x-amz-x509-chain'))
    throw denied('SignedHeaders must include x-amz-x509-chain when it is sent.');

  const amzDate = first(request.headers['x-amz-date']) ?? '';
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate) throw new RolesAnywhereError('ValidationException', `X-Amz-Date must be yyyyMMdd'T'HHmmss'Z', not '${amzDate}'.`);
  if (!amzDate.startsWith(shortDate))
    throw denied(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${shortDate}' != '${amzDate.slice(0, 8)}'.`,
    );
  const now = options.now();
  if (Math.abs(signingDate.getTime() - now) > MAX_SKEW_MS)
    throw denied(`Signature expired: ${amzDate} is not within 15 minutes of the service's time ${formatAmzDate(now)}.`);

  const parse = options.parse ?? ((base64: string) => new X509Certificate(Buffer.from(base64, 'base64')));
  const certificate = parseCertificate(first(request.headers['x-amz-x509']), 'X-Amz-X509', parse);
  const chainHeader = first(request.headers['x-amz-x509-chain']);
  const chain = chainHeader ? chainHeader.split(',').map((part) => parseCertificate(part.trim(), 'X-Amz-X509-Chain', parse)) : [];
  if (BigInt(`0x${certificate.serialNumber}`) !== BigInt(serial))
    throw denied('The serial number in the Credential does not match the signing certificate.');
  if (certificate.publicKey.asymmetricKeyType !== ALGORITHMS[algorithm]) throw denied('Invalid signature');

  const signature = Buffer.from(match[4], 'hex');
  const scope = `${shortDate}/${region}/${service}/aws4_request`;
  const paths = request.path === CANONICAL_PATH ? [CANONICAL_PATH] : [CANONICAL_PATH, request.path];
  const valid = paths.some((path) => {
    const toSign = stringToSign(algorithm, amzDate, scope, canonicalRequest(request, signedHeaders, path));
    return verify('sha256', Buffer.from(toSign), certificate.publicKey, signature);
  });
  if (!valid) throw denied('Invalid signature');
  return { algorithm, certificate, chain, signedHeaders, signingDate };
}

/**
 * The canonical request exactly as `signer.go` builds it: method, path,
 * query as Go's `url.Values.Encode()` (keys sorted, RFC 3986 escaping, `+`
 * written `%20`), `name:value` lines for the signed headers (values of a
 * repeated header joined by `,`, runs of spaces collapsed, ends trimmed),
 * the signed-header list and the hex SHA-256 of the body.
 */
export function canonicalRequest(request: X509SignedRequest, signedHeaders: readonly string[], path: string): string {
  const headers = signedHeaders.map((name) => collapseSpaces(`${name}:${(request.headers[name] ?? []).join(',')}`));
  const payloadHash = createHash('sha256').update(request.body).digest('hex');
  return [request.method, path, canonicalQuery(request.query), headers.join('\n'), '', signedHeaders.join(';'), payloadHash].join('\n');
}

export function stringToSign(algorithm: X509Algorithm, amzDate: string, scope: string, canonical: string): string {
  return [algorithm, amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
}

/** Go's `url.ParseQuery` then `Values.Encode()`, with `+` replaced by `%20` as the helper does. */
export function canonicalQuery(query: string): string {
  const pairs = query
    .split('&')
    .filter(Boolean)
    .map((part) => {
      const [key = '', ...rest] = part.split('=');
      return [decodeQuery(key), decodeQuery(rest.join('='))] as const;
    });
  // A stable sort by key keeps each key's values in the order sent, as Go's map of slices does.
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return pairs.map(([key, value]) => `${escape(key)}=${escape(value)}`).join('&');
}

const decodeQuery = (text: string): string => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new RolesAnywhereError('ValidationException', 'The query string is not valid percent-encoding.');
  }
};
/** RFC 3986 unreserved characters stay; everything else is %XX (Go's QueryEscape, with %20 for space). */
const escape = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const collapseSpaces = (line: string): string => line.replace(/^ +| +$/g, '').replace(/ {2,}/g, ' ');
const first = (values: readonly string[] | undefined): string | undefined => values?.[0];

function parseCertificate(base64: string | undefined, header: string, parse: (base64: string) => X509Certificate): X509Certificate {
  if (!base64) throw new RolesAnywhereError('ValidationException', `Missing ${header} header: the signing certificate, base64 DER.`);
  try {
    return parse(base64);
  } catch {
    throw new RolesAnywhereError('ValidationException', `${header} is not a base64-encoded DER X.509 certificate.`);
  }
}
