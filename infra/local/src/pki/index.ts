import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServiceError } from '../errors/index.ts';
import { readBody, sendJson } from '../http/io.ts';
import type { SandboxState } from '../state.ts';
import { GetCaCertificate } from './GetCaCertificate.ts';
import { GetCrl } from './GetCrl.ts';
import { PkiError } from './errors.ts';
import { authenticate, sendError } from './http.ts';
import { IssueCertificate } from './IssueCertificate.ts';
import { ListCertificates } from './ListCertificates.ts';
import { RevokeCertificate } from './RevokeCertificate.ts';

export { CertificateStore, type IssuedCertificate, type RevocationReason } from './certificate-store.ts';
export { generateWorkshopCa, loadWorkshopCa, type WorkshopCa, type WorkshopCaInput } from './workshop-ca.ts';
export { WorkshopPki } from './workshop-pki.ts';
export { certificateOwner } from './owner.ts';
export { rfc2253 } from './names.ts';
export { normalizeSerialHex, serialColons, serialDecimal, serialOf } from './serial.ts';

/** CSRs are a few KB; refuse anything much larger before parsing. */
const MAX_PKI_BODY = 64 * 1024;
const REVOKE_PATH = /^\/certificates\/([^/]+)\/revoke$/;

const ROUTES = 'GET /pki/ca.pem, GET /pki/crl, GET /pki/crl.pem, GET|POST /pki/certificates, POST /pki/certificates/<serial>/revoke';

/** `${baseUrl}/pki/...`: `subpath` is what follows `/pki`. */
export async function handlePkiRequest(request: IncomingMessage, response: ServerResponse, subpath: string, state: SandboxState): Promise<void> {
  const method = request.method ?? 'GET';
  try {
    if (method === 'GET' && (subpath === '' || subpath === '/')) { sendJson(response, 200, index(state)); return; }
    if (method === 'GET' && subpath === '/ca.pem') { GetCaCertificate(response, state); return; }
    if (method === 'GET' && subpath === '/crl') { await GetCrl(response, state, 'der'); return; }
    if (method === 'GET' && subpath === '/crl.pem') { await GetCrl(response, state, 'pem'); return; }
    const revoke = REVOKE_PATH.exec(subpath);
    if (subpath === '/certificates' && (method === 'POST' || method === 'GET') || (revoke?.[1] && method === 'POST')) {
      const body = await readBody(request, MAX_PKI_BODY);
      const caller = await authenticate(request, body, state);
      if (revoke?.[1]) { await RevokeCertificate(response, revoke[1], body, caller.attendeeId, state); return; }
      if (method === 'GET') { ListCertificates(response, caller.attendeeId, state); return; }
      await IssueCertificate(request, response, body, caller.attendeeId, state); return;
    }
    throw new PkiError('UnsupportedOperationException', `The workshop PKI does not serve ${method} /pki${subpath}. It serves: ${ROUTES}.`, 404);
  } catch (error) {
    if (error instanceof ServiceError) { sendError(response, error); return; }
    throw error;
  }
}

/** `GET /pki/`: where everything is and how to authenticate, for people exploring with curl. */
function index(state: SandboxState): Record<string, string> {
  const base = `${state.baseUrl}/pki`;
  return {
    caCertificateUrl: `${base}/ca.pem`,
    crlUrl: state.pki.crlUrl,
    certificatesUrl: `${base}/certificates`,
    authentication: 'POST/GET certificates and revoke are SigV4-signed (service execute-api) with your AWS credentials.',
  };
}
