import type { ServerResponse } from 'node:http';
import { sendJson } from '../http/io.ts';
import type { SandboxState } from '../state.ts';

/** `GET /pki/certificates` (SigV4): the caller's own certificates, newest first, with their status. */
export function ListCertificates(response: ServerResponse, attendeeId: string, state: SandboxState): void {
  const now = state.now();
  const certificates = state.pki.store.listFor(attendeeId).map((c) => ({
    serialNumber: c.serial,
    subject: c.subject,
    keyType: c.keyType,
    notBefore: new Date(c.notBefore).toISOString(),
    notAfter: new Date(c.notAfter).toISOString(),
    status: c.revokedAt !== undefined ? 'REVOKED' : c.notAfter <= now ? 'EXPIRED' : 'ISSUED',
    ...(c.revokedAt !== undefined ? { revokedAt: new Date(c.revokedAt).toISOString(), revocationReason: c.revocationReason } : {}),
  }));
  sendJson(response, 200, { certificates });
}
