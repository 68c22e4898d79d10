import { signedWith, signer, type PkiAction } from './action.ts';
import { REVOCATION_REASONS, type RevocationReason } from './certificate-store.ts';
import { PkiError } from './errors.ts';
import { normalizeSerialHex } from './serial.ts';

/**
 * `POST /pki/certificates/<serial>/revoke` (SigV4), optional JSON body
 * `{"reason": "keyCompromise"}` (RFC 5280 reason names). The serial may be
 * hex with or without colons. Only the caller's own certificates: any other
 * serial is 404 (no hint that it exists). Revoking twice is 409
 * `RequestAlreadyProcessedException`, as ACM PCA's RevokeCertificate answers.
 * The next CRL lists it at once; the mTLS front door and CreateSession
 * refuse it from the next request.
 */
export const RevokeCertificate: PkiAction = async (request, { pki, evidence }) => {
  const attendeeId = signer(request);
  const serialParam = request.pathParams[0] ?? '';
  let serial: string;
  try {
    serial = normalizeSerialHex(decodeURIComponent(serialParam));
  } catch {
    throw new PkiError('BadRequestException', `Not a hexadecimal serial number: ${serialParam}`, 400);
  }
  const reason = reasonFrom(request.body);
  const certificate = pki.lookup(serial);
  if (!certificate || certificate.attendeeId !== attendeeId) {
    throw new PkiError('ResourceNotFoundException', `You have no certificate with serial number ${serial}.`, 404);
  }
  if (certificate.revokedAt !== undefined || !pki.revoke(attendeeId, serial, reason)) {
    throw new PkiError('RequestAlreadyProcessedException', `Certificate ${serial} is already revoked.`, 409);
  }
  await evidence.record(attendeeId, {
    kind: 'certificate',
    action: 'revoked',
    subject: certificate.subject,
    serial,
    notAfter: certificate.notAfter,
    outcome: 'success',
    ...signedWith(request),
  });
  return { status: 200, json: { serialNumber: serial, status: 'REVOKED', revocationReason: reason, crlUrl: pki.crlUrl } };
};

function reasonFrom(body: Buffer): RevocationReason {
  if (body.length === 0) return 'unspecified';
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new PkiError('BadRequestException', 'The body must be JSON: {"reason": "keyCompromise"} or empty.', 400);
  }
  const reason = (json as { reason?: unknown } | null)?.reason ?? 'unspecified';
  if (typeof reason !== 'string' || !(REVOCATION_REASONS as readonly string[]).includes(reason)) {
    throw new PkiError('BadRequestException', `reason must be one of ${REVOCATION_REASONS.join(', ')}.`, 400);
  }
  return reason as RevocationReason;
}
