import { signer, type PkiAction } from './action.ts';

/** `GET /pki/certificates` (SigV4): the caller's own certificates, newest first, with their status. */
export const ListCertificates: PkiAction = (request, { pki, now }) => {
  const at = now();
  const certificates = pki.store.listFor(signer(request)).map((c) => ({
    serialNumber: c.serial,
    subject: c.subject,
    keyType: c.keyType,
    notBefore: new Date(c.notBefore).toISOString(),
    notAfter: new Date(c.notAfter).toISOString(),
    status: c.revokedAt !== undefined ? 'REVOKED' : c.notAfter <= at ? 'EXPIRED' : 'ISSUED',
    ...(c.revokedAt !== undefined ? { revokedAt: new Date(c.revokedAt).toISOString(), revocationReason: c.revocationReason } : {}),
  }));
  return { status: 200, json: { certificates } };
};
