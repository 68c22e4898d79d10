import { pem, signedWith, signer, wantsPem, type PkiAction, type PkiRequest } from './action.ts';
import { CsrError } from './csr.ts';
import { PkiError } from './errors.ts';
import { attendeeSubjectDn } from './names.ts';
import { serialColons, serialDecimal } from './serial.ts';

/**
 * `POST /pki/certificates` (SigV4): the body is the CSR, as PEM text or JSON
 * `{"csr": "<PEM>"}`. 201 with the certificate and its facts as JSON, or the
 * certificate followed by the CA as a PEM bundle when the client accepts
 * `application/x-pem-file`. A CSR the CA refuses is 400 `BadRequestException`.
 * Every attempt is `certificate` evidence of the caller.
 */
export const IssueCertificate: PkiAction = async (request, { pki, evidence }) => {
  const attendeeId = signer(request);
  let issued;
  try {
    issued = await pki.issueForAttendee(attendeeId, csrFrom(request));
  } catch (error) {
    if (!(error instanceof CsrError)) throw error;
    const subject = attendeeSubjectDn(attendeeId);
    // Nothing was issued: no serial, no expiry.
    await evidence.record(attendeeId, {
      kind: 'certificate',
      action: 'issued',
      subject,
      serial: '',
      notAfter: 0,
      outcome: 'failure',
      error: `BadRequestException: ${error.message}`,
      ...signedWith(request),
    });
    throw new PkiError('BadRequestException', error.message, 400);
  }
  await evidence.record(attendeeId, {
    kind: 'certificate',
    action: 'issued',
    subject: issued.subject,
    serial: issued.serial,
    notAfter: issued.notAfter,
    outcome: 'success',
    ...signedWith(request),
  });
  if (wantsPem(request)) return pem(201, issued.certificatePem + pki.ca.certificatePem);
  return {
    status: 201,
    json: {
      certificatePem: issued.certificatePem,
      caCertificatePem: pki.ca.certificatePem,
      serialNumber: issued.serial,
      serialNumberColons: serialColons(issued.serial),
      serialNumberDecimal: serialDecimal(issued.serial),
      subject: issued.subject,
      requestedSubject: issued.requestedSubject,
      keyType: issued.keyType,
      notBefore: new Date(issued.notBefore).toISOString(),
      notAfter: new Date(issued.notAfter).toISOString(),
      crlUrl: pki.crlUrl,
    },
  };
};

function csrFrom(request: PkiRequest): string {
  const text = request.body.toString('utf8');
  const contentType = request.headers['content-type'];
  if (!/^application\/json/i.test(Array.isArray(contentType) ? (contentType[0] ?? '') : (contentType ?? ''))) return text;
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
