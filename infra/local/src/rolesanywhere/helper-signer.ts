/**
 * Test-only: a CreateSession client that builds requests the way the
 * official `aws_signing_helper` does (aws/rolesanywhere-credential-helper
 * `aws_signing_helper/signer.go`), written independently of the verifier
 * so a shared misunderstanding cannot make both agree:
 * - ARNs in the query string (Go `url.Values.Encode()`: sorted, `%3A`/`%2F`),
 *   body `{"durationSeconds":3600}`, `Content-Type: application/json`;
 * - every header present at signing time is signed except Authorization,
 *   User-Agent and X-Amzn-Trace-Id; the canonical path is always `/sessions`;
 * - RSA PKCS#1 v1.5 or ECDSA (DER) over SHA-256 of the string to sign, hex;
 * - `Credential=<serial in decimal>/<date>/<region>/rolesanywhere/aws4_request`;
 * - the body is sent chunked with a `CredHelper/…` user agent, as v1.1.1 did.
 */
import { createHash, sign, type KeyObject, type X509Certificate } from 'node:crypto';
import { request } from 'node:http';

export interface HelperRequestInput {
  /** The endpoint as given to `--endpoint`, e.g. `${baseUrl}/rolesanywhere`. */
  readonly endpoint: string;
  readonly region: string;
  readonly certificate: X509Certificate;
  readonly intermediates?: readonly X509Certificate[];
  readonly privateKey: KeyObject;
  readonly trustAnchorArn: string;
  readonly profileArn: string;
  readonly roleArn: string;
  /** `query` (the helper) or `body` (the documented form). */
  readonly paramsIn?: 'query' | 'body';
  readonly body?: Record<string, unknown>;
  readonly date?: Date;
  /** Signs the path actually sent instead of `/sessions` (what hand-written clients do). */
  readonly signActualPath?: boolean;
  /** Overrides the serial number put in the Credential. */
  readonly credentialSerial?: string;
}

export interface HelperRequest {
  readonly url: URL;
  readonly headers: Record<string, string>;
  body: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const goQueryEscape = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function helperRequest(input: HelperRequestInput): HelperRequest {
  const url = new URL(`${input.endpoint.replace(/\/+$/, '')}/sessions`);
  const arns = { profileArn: input.profileArn, roleArn: input.roleArn, trustAnchorArn: input.trustAnchorArn };
  const paramsInQuery = (input.paramsIn ?? 'query') === 'query';
  const query = paramsInQuery
    ? Object.entries(arns)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${goQueryEscape(k)}=${goQueryEscape(v)}`)
        .join('&')
    : '';
  url.search = query;
  const body = JSON.stringify({ durationSeconds: 3600, ...(paramsInQuery ? {} : arns), ...input.body });
  const amzDate = (input.date ?? new Date())
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const algorithm = input.privateKey.asymmetricKeyType === 'rsa' ? 'AWS4-X509-RSA-SHA256' : 'AWS4-X509-ECDSA-SHA256';
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Host: url.host,
    'X-Amz-Date': amzDate,
    'X-Amz-X509': input.certificate.raw.toString('base64'),
  };
  if (input.intermediates?.length) headers['X-Amz-X509-Chain'] = input.intermediates.map((c) => c.raw.toString('base64')).join(',');
  const names = Object.keys(headers)
    .map((name) => name.toLowerCase())
    .sort();
  const lookup = (name: string): string => Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1] ?? '';
  const canonical = [
    'POST',
    input.signActualPath ? url.pathname : '/sessions',
    query,
    `${names.map((name) => `${name}:${lookup(name).trim()}`).join('\n')}\n`,
    names.join(';'),
    sha256(body),
  ].join('\n');
  const scope = `${amzDate.slice(0, 8)}/${input.region}/rolesanywhere/aws4_request`;
  const toSign = [algorithm, amzDate, scope, sha256(canonical)].join('\n');
  const signature = sign('sha256', Buffer.from(toSign), input.privateKey).toString('hex');
  const serial = input.credentialSerial ?? BigInt(`0x${input.certificate.serialNumber}`).toString();
  headers.Authorization = `${algorithm} Credential=${serial}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  headers['User-Agent'] = 'CredHelper/1.8.0 (go1.24.1; linux; amd64)';
  return { url, headers, body };
}

export interface HelperResponse {
  readonly status: number;
  readonly errorType: string | undefined;
  readonly json: Record<string, unknown>;
}

/** Sends the request chunked (no Content-Length), as helper v1.1.1 did. */
export function sendHelperRequest(prepared: HelperRequest): Promise<HelperResponse> {
  return new Promise((resolve, reject) => {
    const req = request(prepared.url, { method: 'POST', headers: prepared.headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const errorType = res.headers['x-amzn-errortype'];
        resolve({
          status: res.statusCode ?? 0,
          errorType: Array.isArray(errorType) ? errorType[0] : errorType,
          json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        });
      });
    });
    req.on('error', reject);
    req.write(prepared.body);
    req.end();
  });
}
