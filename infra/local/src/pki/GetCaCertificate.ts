import type { ServerResponse } from 'node:http';
import type { SandboxState } from '../state.ts';
import { sendPem } from './http.ts';

/**
 * `GET /pki/ca.pem`: the workshop CA certificate, unauthenticated (it is
 * public by nature). Clients trust the mTLS front door's server certificate
 * with it (`curl --cacert`), and it is the truststore and trust anchor.
 */
export function GetCaCertificate(response: ServerResponse, state: SandboxState): void {
  sendPem(response, 200, state.pki.ca.certificatePem);
}
