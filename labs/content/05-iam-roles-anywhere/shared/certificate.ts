/**
 * Your workload's identity for this lab: a fresh key pair and a certificate
 * for it from the workshop CA, exactly as you built it in the mutual-TLS lab.
 * In production the certificate would come from your organisation's PKI (or
 * AWS Private CA), and the workload would hold no AWS credentials at all
 * until CreateSession gives it some.
 *
 * You do not need to change this file.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createCsr } from './csr.ts';
import { signedFetch } from './signed-fetch.ts';

export interface WorkloadIdentity {
  /** Stays in this process: it signs, it is never sent. */
  readonly privateKey: KeyObject;
  readonly certificatePem: string;
  /** Hex, as the CA names the certificate. */
  readonly serialNumber: string;
  readonly subject: string;
}

function pkiUrl(): string {
  const url = process.env.KEYLESS_PKI_URL;
  if (!url) throw new Error('KEYLESS_PKI_URL is not set: run this from the lab page so the sandbox outputs are injected.');
  return url;
}

export async function getCertificate(): Promise<WorkloadIdentity> {
  const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const response = await signedFetch(`${pkiUrl()}/certificates`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ csr: createCsr(keys, 'orders-worker') }),
  });
  const body = (await response.json()) as { certificatePem?: string; serialNumber?: string; subject?: string; message?: string };
  if (response.status !== 201 || !body.certificatePem || !body.serialNumber) {
    throw new Error(`The workshop CA refused the CSR: ${body.message ?? response.status}`);
  }
  console.log(`Certificate ${body.serialNumber} for ${body.subject ?? '?'}`);
  return { privateKey: keys.privateKey, certificatePem: body.certificatePem, serialNumber: body.serialNumber, subject: body.subject ?? '' };
}

export async function revokeCertificate(serialNumber: string): Promise<void> {
  const response = await signedFetch(`${pkiUrl()}/certificates/${serialNumber}/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reason: 'keyCompromise' }),
  });
  console.log(`Revoke ${serialNumber} → ${response.status}`);
}
