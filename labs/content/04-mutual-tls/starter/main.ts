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
import { notDoneYet } from './not-done.ts';
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
  // TODO (step 1): make the key pair here (the step says which curve), turn its
  // public half into a CSR for 'orders-worker' with createCsr, and send the CSR
  // to the CA with signedFetch. What must you keep, and what must never be sent?
  return notDoneYet(1, 'getCertificate does not ask the CA for a certificate yet.');
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
  // TODO (step 2): a node:https request to the mutual-TLS domain that trusts
  // tls.ca for the server and, when given, presents tls.key and tls.cert. Hand
  // it to send(). (Why agent: false? The step says.)
  return notDoneYet(2, 'callOrders does not make the mutual-TLS call yet.');
}
// #endregion

// #region revoke
/** Asks the CA to revoke the certificate, as you would when its key may have leaked. */
async function revoke(client: ClientCertificate): Promise<void> {
  // TODO (step 3): the CA names certificates by serial number. Tell it, with
  // signedFetch, that this one's key may have leaked.
  return notDoneYet(3, 'revoke does not revoke the certificate yet.');
}
// #endregion

// #region main
const client = await getCertificate();
const withCertificate: TlsOptions = { ca: client.caCertificatePem, key: client.privateKeyPem, cert: client.certificatePem };
await callOrders('POST', withCertificate, { item: 'widget', quantity: 1 }); // expected: 201
await callOrders('GET', withCertificate); // expected: 200

await revoke(client);
await callOrders('GET', withCertificate); // expected: 403

// TODO (stretch): what happens to a caller that trusts the server but brings no certificate?
notDoneYet(4, 'a stretch step: call with no certificate.');
// #endregion
