/**
 * IAM Roles Anywhere's CreateSession, signed by hand with node:crypto.
 *
 * The signature is AWS Signature Version 4 with one difference: instead of
 * an HMAC keyed with a secret access key, the string to sign is signed with
 * the certificate's private key. The certificate travels with the request,
 * so AWS can check the signature with its public key and trace it to your
 * trust anchor.
 */
import { createHash, sign, X509Certificate, type KeyObject } from 'node:crypto';
// #region not-done-yet
// Every step is done, so nothing calls notDoneYet (from not-done.ts) any more.
// #endregion

export interface CreateSessionInput {
  /** `ROLES_ANYWHERE_ENDPOINT`, e.g. `https://rolesanywhere.us-east-1.amazonaws.com`. */
  readonly endpoint: string;
  readonly region: string;
  readonly trustAnchorArn: string;
  readonly profileArn: string;
  readonly roleArn: string;
  readonly certificatePem: string;
  readonly privateKey: KeyObject;
  /** 900 (15 minutes) to 43200; the profile may cap it. */
  readonly durationSeconds?: number;
}

/** Temporary credentials for the role, as CreateSession returns them. */
export interface RoleSession {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** ISO 8601. */
  readonly expiration: string;
  /** `arn:aws:sts::<account>:assumed-role/<role>/<session>`. */
  readonly assumedRoleArn: string;
  /** Set by Roles Anywhere from the certificate's subject common name. */
  readonly sourceIdentity: string | undefined;
}

export interface UnsignedRequest {
  /** `<endpoint>/sessions?profileArn=…&roleArn=…&trustAnchorArn=…` */
  readonly url: URL;
  readonly body: string;
  /** `yyyyMMddTHHmmssZ`, UTC. */
  readonly timestamp: string;
  readonly region: string;
  readonly certificate: X509Certificate;
  readonly privateKey: KeyObject;
}

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Returns the headers that make `request` a signed CreateSession request, Authorization included. */
export function signCreateSession(request: UnsignedRequest): Record<string, string> {
  const { url, body, timestamp, region, certificate, privateKey } = request;
  const algorithm = privateKey.asymmetricKeyType === 'ec' ? 'AWS4-X509-ECDSA-SHA256' : 'AWS4-X509-RSA-SHA256';
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    host: url.host,
    'x-amz-date': timestamp,
    // The certificate itself, DER in base64: its public key is what checks the signature.
    'x-amz-x509': certificate.raw.toString('base64'),
  };

  // #region canonical-request
  // 1. The canonical request: the parts of the request that matter, in a fixed form.
  const names = Object.keys(headers).sort();
  const signedHeaders = names.join(';');
  const canonicalHeaders = names.map((name) => `${name}:${(headers[name] ?? '').trim()}\n`).join('');
  const canonicalRequest = [
    'POST',
    url.pathname,
    url.searchParams.toString().replace(/\+/g, '%20'), // already sorted by name; ':' and '/' become %3A, %2F
    canonicalHeaders,
    signedHeaders,
    sha256Hex(body),
  ].join('\n');
  // #endregion

  // #region string-to-sign
  // 2. The string to sign: algorithm, time, scope, and the canonical request's hash.
  const scope = `${timestamp.slice(0, 8)}/${region}/rolesanywhere/aws4_request`;
  const stringToSign = [algorithm, timestamp, scope, sha256Hex(canonicalRequest)].join('\n');
  // #endregion

  // #region signature
  // 3. The private key signs the string to sign (ECDSA or RSA, over SHA-256); the signature goes in hex.
  const signature = sign('sha256', Buffer.from(stringToSign, 'utf8'), privateKey).toString('hex');
  // 4. Where SigV4 names an access key id, this names the certificate: its serial number, in decimal.
  const serial = BigInt(`0x${certificate.serialNumber}`).toString(10);
  const authorization = `${algorithm} Credential=${serial}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  // #endregion

  return { ...headers, authorization };
}

/** Exchanges the certificate (and proof of its private key) for temporary credentials for the role. */
export async function createSession(input: CreateSessionInput): Promise<RoleSession> {
  const url = new URL(`${input.endpoint.replace(/\/+$/, '')}/sessions`);
  // Sorted by name, as the canonical query string needs.
  url.searchParams.set('profileArn', input.profileArn);
  url.searchParams.set('roleArn', input.roleArn);
  url.searchParams.set('trustAnchorArn', input.trustAnchorArn);
  const body = JSON.stringify({ durationSeconds: input.durationSeconds ?? 900 });
  const timestamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const certificate = new X509Certificate(input.certificatePem);
  const { host: _host, ...headers } = signCreateSession({
    url,
    body,
    timestamp,
    region: input.region,
    certificate,
    privateKey: input.privateKey,
  });

  // fetch sets Host from the URL, to the value that was signed.
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  if (response.status !== 201) {
    throw new Error(`CreateSession → ${response.status} ${response.headers.get('x-amzn-errortype') ?? ''} ${text}`);
  }
  const answer = JSON.parse(text) as {
    credentialSet?: {
      credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: string };
      assumedRoleUser?: { arn: string };
      sourceIdentity?: string;
    }[];
  };
  const first = answer.credentialSet?.[0];
  if (!first?.credentials) throw new Error(`CreateSession returned no credentials: ${text}`);
  return { ...first.credentials, assumedRoleArn: first.assumedRoleUser?.arn ?? '?', sourceIdentity: first.sourceIdentity };
}
