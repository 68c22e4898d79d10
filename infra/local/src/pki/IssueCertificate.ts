import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http/io.ts';
import type { SandboxState } from '../state.ts';
import { CsrError } from './csr.ts';
import { PkiError } from './errors.ts';
import { sendPem, wantsPem } from './http.ts';
import { attendeeSubjectDn } from './names.ts';
import { serialColons, serialDecimal } from './serial.ts';

/**
 * `POST /pki/certificates` (SigV4): the body is the CSR, as PEM text or JSON
 * `{"csr": "<PEM>"}`. 201 with the certificate and its facts as JSON, or the
 * certificate followed by the CA as a PEM bundle when the client accepts
 * `application/x-pem-file`. A CSR the CA refuses is 400 `BadRequestException`.
 * Every attempt is `certificate` evidence of the caller.
 */
export async function IssueCertificate(request: IncomingMessage, response: ServerResponse, body: Buffer, attendeeId: string, state: SandboxState): Promise<void> {
  let issued;
  try {
    issued = await state.pki.issueForAttendee(attendeeId, csrFrom(request, body));
  } catch (error) {
    if (!(error instanceof CsrError)) throw error;
    const subject = attendeeSubjectDn(attendeeId);
    // Nothing was issued: no serial, no expiry.
    await state.evidence.record(attendeeId, { kind: 'certificate', action: 'issued', subject, serial: '', notAfter: 0, outcome: 'failure', error: `BadRequestException: ${error.message}` });
    throw new PkiError('BadRequestException', error.message, 400);
  }
  await state.evidence.record(attendeeId, { kind: 'certificate', action: 'issued', subject: issued.subject, serial: issued.serial, notAfter: issued.notAfter, outcome: 'success' });
  if (wantsPem(request)) { sendPem(response, 201, issued.certificatePem + state.pki.ca.certificatePem); return; }
  sendJson(response, 201, {
    certificatePem: issued.certificatePem,
    caCertificatePem: state.pki.ca.certificatePem,
    serialNumber: issued.serial,
    serialNumberColons: serialColons(issued.serial),
    serialNumberDecimal: serialDecimal(issued.serial),
    subject: issued.subject,
    requestedSubject: issued.requestedSubject,
    keyType: issued.keyType,
    notBefore: new Date(issued.notBefore).toISOString(),
    notAfter: new Date(issued.notAfter).toISOString(),
    crlUrl: state.pki.crlUrl,
  });
}

function csrFrom(request: IncomingMessage, body: Buffer): string {
  const text = body.toString('utf8');
  if (!/^application\/json/i.test(request.headers['content-type'] ?? '')) return text;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CsrError('The body is not valid JSON; send {"csr": "<PEM>"} or the PEM itself.');
  }
  const csr = (json as { csr?: unknown } | null)?.csr;
  if (typeof csr !== 'string') throw new CsrError('Missing "csr": send {"csr": "<PEM>"} or the PEM itself.');
  return csr;
}
