/**
 * Lab: Mutual TLS.
 *
 * This program runs on your sandbox instance. Every endpoint comes from the
 * environment, so the same code runs against the local sandbox and AWS.
 * Each run starts from nothing: a new key, a new certificate.
 */
import { generateKeyPairSync } from 'node:crypto';
import { request } from 'node:https';
import type { ClientRequest } from 'node:http';
import { rootCertificates } from 'node:tls';
import { createCsr } from './csr.ts';
// #region not-done-yet
// Every step is done, so nothing calls notDoneYet (from not-done.ts) any more.
// #endregion
import { signedFetch } from './signed-fetch.ts';

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this from the lab page so the sandbox outputs are injected.`);
  return value;
}

const pkiUrl = requireEnv('KEYLESS_PKI_URL');
const mtlsUrl = requireEnv('ORDERS_MTLS_URL');

/** What this program holds after step 1: a private key and the CA's certificate for its public half. */
interface ClientCertificate {
  readonly privateKeyPem: string;
  readonly certificatePem: string;
  /** The workshop CA, to recognise certificates it issued. */
  readonly caCertificatePem: string;
  /** Hex serial number, how the CA names the certificate. */
  readonly serialNumber: string;
}

/** What the workshop CA answers to a CSR. */
interface CaAnswer {
  certificatePem?: string;
  caCertificatePem?: string;
  serialNumber?: string;
  subject?: string;
  notAfter?: string;
  message?: string;
}

/** How a call connects: the CAs it trusts for the server's certificate, and optionally its own key and certificate. */
interface TlsOptions {
  readonly ca: string;
  readonly key?: string;
  readonly cert?: string;
}

// #region get-certificate
/** Makes a key pair that never leaves this process and has the workshop CA certify its public half. */
async function getCertificate(): Promise<ClientCertificate> {
  const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const csr = createCsr(keys, 'orders-worker');
  const response = await signedFetch(`${pkiUrl}/certificates`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ csr }),
  });
  const body = (await response.json()) as CaAnswer;
  if (response.status !== 201 || !body.certificatePem || !body.caCertificatePem || !body.serialNumber) {
    throw new Error(`The CA refused the CSR: ${body.message ?? response.status}`);
  }
  console.log(`Certificate ${body.serialNumber} issued to ${body.subject ?? '?'}, valid until ${body.notAfter ?? '?'}`);
  return {
    privateKeyPem: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certificatePem: body.certificatePem,
    caCertificatePem: body.caCertificatePem,
    serialNumber: body.serialNumber,
  };
}
// #endregion

/**
 * Sends a node:https request, prints the answer and resolves to the HTTP
 * status, or to 0 when the server closed the connection without answering.
 */
function send(call: ClientRequest, method: string, order?: object): Promise<number> {
  return new Promise((resolve) => {
    call.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        console.log(`${method} /orders → ${response.statusCode ?? '?'}`, text);
        resolve(response.statusCode ?? 0);
      });
    });
    call.on('error', (error) => {
      console.log(`${method} /orders → no answer: ${error.message}`);
      resolve(0);
    });
    call.end(order ? JSON.stringify(order) : undefined);
  });
}

// #region call-mtls
/**
 * Calls the Orders API on its mutual-TLS domain. With `tls.key` and
 * `tls.cert`, the handshake sends the certificate and proves this program
 * holds its private key.
 */
function callOrders(method: 'GET' | 'POST', tls: TlsOptions, order?: object): Promise<number> {
  const call = request(`${mtlsUrl}/orders`, {
    method,
    headers: { 'content-type': 'application/json' },
    agent: false, // a new connection, so a new handshake, every call
    // Trust the usual public CAs (AWS's custom domain) and the workshop CA (the local sandbox, where one CA
    // signs client and server certificates). In production, trust only your servers' CA here.
    ca: [...rootCertificates, tls.ca],
    ...(tls.key && tls.cert ? { key: tls.key, cert: tls.cert } : {}),
  });
  return send(call, method, order);
}
// #endregion

// #region revoke
/** Asks the CA to revoke the certificate, as you would when its key may have leaked. */
async function revoke(client: ClientCertificate): Promise<void> {
  const response = await signedFetch(`${pkiUrl}/certificates/${client.serialNumber}/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reason: 'keyCompromise' }),
  });
  console.log(`Revoke ${client.serialNumber} → ${response.status}`, await response.text());
}
// #endregion

// #region main
const client = await getCertificate();
const withCertificate: TlsOptions = { ca: client.caCertificatePem, key: client.privateKeyPem, cert: client.certificatePem };
await callOrders('POST', withCertificate, { item: 'widget', quantity: 1 }); // expected: 201
await callOrders('GET', withCertificate); // expected: 200

await revoke(client);
await callOrders('GET', withCertificate); // expected: 403

await callOrders('GET', { ca: client.caCertificatePem }); // expected: no answer at all
// #endregion
