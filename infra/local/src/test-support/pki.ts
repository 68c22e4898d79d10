/**
 * Test helpers for the PKI, the mTLS front door and Roles Anywhere: signed
 * requests as attendee code makes them (the SDK's own SigV4 signer), CSRs,
 * certificates, temp files and spawned command-line clients.
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { LocalAws } from '../local-aws.ts';
import { toWebCryptoKeyPair } from '../pki/webcrypto-key.ts';
import * as x509 from '../pki/x509.ts';

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** `fetch` signed for `execute-api` with the attendee's instance-role credentials (or the given ones), as the labs' signedFetch does. */
export async function signedFetch(
  aws: LocalAws,
  attendeeId: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; credentials?: Credentials; signingDate?: Date } = {},
): Promise<Response> {
  const target = new URL(url);
  const method = init.method ?? 'GET';
  const credentials = init.credentials ?? (await aws.credentials(attendeeId));
  const signer = new SignatureV4({ service: 'execute-api', region: aws.region, credentials, sha256: Hash.bind(null, 'sha256') });
  const signed = await signer.sign(
    new HttpRequest({
      method,
      protocol: target.protocol,
      hostname: target.hostname,
      port: Number(target.port),
      path: target.pathname,
      query: Object.fromEntries(target.searchParams),
      headers: { ...init.headers, host: target.host },
      ...(init.body === undefined ? {} : { body: init.body }),
    }),
    init.signingDate ? { signingDate: init.signingDate } : {},
  );
  const { host: _host, ...headers } = signed.headers;
  return fetch(url, { method, headers, ...(init.body === undefined ? {} : { body: init.body }) });
}

export type KeyPair = { readonly privateKey: KeyObject; readonly publicKey: KeyObject };

export const newKeyPair = (type: 'ec' | 'rsa' | 'ec384'): KeyPair =>
  type === 'rsa'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : generateKeyPairSync('ec', { namedCurve: type === 'ec' ? 'P-256' : 'P-384' });

/** A PEM CSR for the key pair, built with @peculiar/x509 (an independent encoder from the CA's parser). */
export async function csrFor(keys: KeyPair, subject = 'CN=whatever-I-like, O=Not Keyless'): Promise<string> {
  const { signingAlgorithm, ...cryptoKeys } = await toWebCryptoKeyPair(keys, { hash: 'SHA-256' });
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: subject, keys: cryptoKeys, signingAlgorithm });
  return csr.toString('pem');
}

export interface IssuedForTest {
  readonly keys: KeyPair;
  readonly privateKeyPem: string;
  readonly certificatePem: string;
  readonly caCertificatePem: string;
  readonly serialNumber: string;
  readonly subject: string;
}

/** Submits a CSR for `keys` to the PKI as the attendee, like the lab does; fails the test unless 201. */
export async function requestCertificate(aws: LocalAws, attendeeId: string, keys: KeyPair, signingDate?: Date): Promise<IssuedForTest> {
  const { pkiUrl } = await aws.outputs(attendeeId);
  const response = await signedFetch(aws, attendeeId, `${pkiUrl}/certificates`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ csr: await csrFor(keys) }),
    ...(signingDate ? { signingDate } : {}),
  });
  const body = (await response.json()) as {
    certificatePem: string;
    caCertificatePem: string;
    serialNumber: string;
    subject: string;
    message?: string;
  };
  if (response.status !== 201) throw new Error(`PKI answered ${response.status}: ${body.message ?? ''}`);
  return { ...body, keys, privateKeyPem: keys.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
}

/** Revokes as the attendee; returns the status. */
export async function revokeCertificate(
  aws: LocalAws,
  attendeeId: string,
  serialNumber: string,
  reason = 'keyCompromise',
): Promise<number> {
  const { pkiUrl } = await aws.outputs(attendeeId);
  const response = await signedFetch(aws, attendeeId, `${pkiUrl}/certificates/${serialNumber}/revoke`, {
    method: 'POST',
    body: JSON.stringify({ reason }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Writes files into a fresh temp directory; returns path by name. */
export function writeFiles(files: Record<string, string>): Record<string, string> & { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'keyless-pki-'));
  const paths: Record<string, string> = { dir };
  for (const [name, content] of Object.entries(files)) {
    paths[name] = join(dir, name);
    writeFileSync(join(dir, name), content);
  }
  return paths as Record<string, string> & { dir: string };
}

/** Runs a command-line client (curl, openssl) to completion. */
export function run(
  command: string,
  args: readonly string[],
  input?: string | Buffer,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}
