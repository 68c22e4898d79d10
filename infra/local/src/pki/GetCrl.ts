import type { ServerResponse } from 'node:http';
import type { SandboxState } from '../state.ts';
import { sendPem } from './http.ts';

/**
 * `GET /pki/crl` (DER, `application/pkix-crl`, the form RFC 5280 §4.2.1.13
 * says a CRL distribution point serves) and `GET /pki/crl.pem`. Public,
 * like every CRL: the URL is in each certificate the CA issues.
 */
export async function GetCrl(response: ServerResponse, state: SandboxState, format: 'der' | 'pem'): Promise<void> {
  const crl = await state.pki.crl.current();
  if (format === 'pem') { sendPem(response, 200, crl.pem); return; }
  response
    .writeHead(200, {
      'content-type': 'application/pkix-crl',
      'content-length': crl.der.length,
      'last-modified': new Date(crl.thisUpdate).toUTCString(),
      expires: new Date(crl.nextUpdate).toUTCString(),
    })
    .end(crl.der);
}
