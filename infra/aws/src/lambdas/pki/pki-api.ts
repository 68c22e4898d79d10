import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { acceptCsr, CsrError } from '@keyless/local-sandbox/pki-csr';
import { attendeeSubjectDn } from '@keyless/local-sandbox/pki-names';
import { normalizeSerialHex, serialColons, serialDecimal } from '@keyless/local-sandbox/pki-serial';
import { attendeeCommonName, slotFromAssumedRoleArn } from '../../contract/attendee-names.ts';
import type { EvidenceWriter } from '../shared/evidence-writer.ts';
import { REVOCATION_REASONS, type CertificateTable, type RevocationReason } from './certificate-table.ts';
import { issueClientCertificate, signCrl, type WorkshopCa } from './workshop-ca.ts';
import * as x509 from './x509.ts';

export interface PkiApiDependencies {
  readonly eventId: string;
  readonly ca: () => Promise<WorkshopCa>;
  readonly certificates: CertificateTable;
  readonly evidence: EvidenceWriter;
  readonly now: () => number;
  /** Where the CRL is published (goes into every certificate); by default this API's own `/pki/crl`, from the request. */
  readonly crlUrl?: string;
  /** Called after a revocation with the new CRL (Roles Anywhere's copy of it), when configured. */
  readonly onRevocation?: (crl: x509.X509Crl) => Promise<void>;
}

type Result = APIGatewayProxyResult;

const json = (statusCode: number, body: unknown): Result => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const error = (statusCode: number, code: string, message: string): Result => ({
  ...json(statusCode, { message }),
  headers: { 'content-type': 'application/json', 'x-amzn-errortype': code },
});

/**
 * The workshop PKI behind API Gateway (the local PKI's routes under `/pki/<slot>`):
 * the CA certificate and CRL are public; issuing, listing and revoking are
 * behind IAM (SigV4), and act for the slot of the assumed role that signed.
 * The CA's key is in KMS; every issue and revocation is `certificate`
 * evidence of that slot.
 */
export function createPkiApiHandler(deps: PkiApiDependencies): (event: APIGatewayProxyEvent) => Promise<Result> {
  return async (event) => {
    const route = `${event.httpMethod} ${event.resource}`;
    switch (route) {
      case 'GET /pki/{slot}/ca.pem':
        return {
          statusCode: 200,
          headers: { 'content-type': 'application/x-pem-file' },
          body: `${(await deps.ca()).certificate.toString('pem')}\n`,
        };
      case 'GET /pki/{slot}/crl':
      case 'GET /pki/{slot}/crl.pem': {
        const crl = await signCrl(await deps.ca(), await deps.certificates.all(), deps.now());
        return route.endsWith('.pem')
          ? {
              statusCode: 200,
              headers: { 'content-type': 'application/x-pem-file' },
              body: `${x509.PemConverter.encode(crl.rawData, 'X509 CRL')}\n`,
            }
          : {
              statusCode: 200,
              headers: { 'content-type': 'application/pkix-crl' },
              body: Buffer.from(crl.rawData).toString('base64'),
              isBase64Encoded: true,
            };
      }
    }
    const slot = slotFromAssumedRoleArn(deps.eventId, event.requestContext.identity.userArn ?? '');
    if (!slot) return error(403, 'AccessDeniedException', 'Sign the request with one of your sandbox roles.');
    // The attendee's PKI URL carries their slot (one API for the room); another slot's path is not theirs to use.
    if (event.pathParameters?.slot !== slot) return error(403, 'AccessDeniedException', "This path is another attendee's PKI.");
    switch (route) {
      case 'GET /pki/{slot}/certificates':
        return list(deps, slot);
      case 'POST /pki/{slot}/certificates':
        return issue(deps, slot, event, crlUrlOf(deps, event));
      case 'POST /pki/{slot}/certificates/{serial}/revoke':
        return revoke(deps, slot, event, crlUrlOf(deps, event));
      default:
        return error(404, 'NotFoundException', `No route ${route}.`);
    }
  };
}

async function list(deps: PkiApiDependencies, slot: string): Promise<Result> {
  const at = deps.now();
  const certificates = (await deps.certificates.all())
    .filter((record) => record.slot === slot)
    .sort((a, b) => b.notBefore - a.notBefore)
    .map((c) => ({
      serialNumber: c.serial,
      subject: c.subject,
      keyType: c.keyType,
      notBefore: new Date(c.notBefore).toISOString(),
      notAfter: new Date(c.notAfter).toISOString(),
      status: c.revokedAt !== undefined ? 'REVOKED' : c.notAfter <= at ? 'EXPIRED' : 'ISSUED',
      ...(c.revokedAt !== undefined ? { revokedAt: new Date(c.revokedAt).toISOString(), revocationReason: c.revocationReason } : {}),
    }));
  return json(200, { certificates });
}

async function issue(deps: PkiApiDependencies, slot: string, event: APIGatewayProxyEvent, crlUrl: string): Promise<Result> {
  const commonName = attendeeCommonName(deps.eventId, slot);
  let accepted;
  try {
    accepted = await acceptCsr(csrFrom(event));
  } catch (caught) {
    if (!(caught instanceof CsrError)) throw caught;
    await deps.evidence.record(slot, {
      kind: 'certificate',
      action: 'issued',
      subject: attendeeSubjectDn(commonName),
      serial: '',
      notAfter: 0,
      outcome: 'failure',
      error: `BadRequestException: ${caught.message}`,
    });
    return error(400, 'BadRequestException', caught.message);
  }
  const ca = await deps.ca();
  const issued = await issueClientCertificate(ca, { commonName, publicKey: accepted.publicKey, now: deps.now(), crlUrl });
  const subject = attendeeSubjectDn(commonName);
  await deps.certificates.put({
    serial: issued.serial,
    slot,
    subject,
    keyType: accepted.keyType,
    notBefore: issued.notBefore,
    notAfter: issued.notAfter,
  });
  await deps.evidence.record(slot, {
    kind: 'certificate',
    action: 'issued',
    subject,
    serial: issued.serial,
    notAfter: issued.notAfter,
    outcome: 'success',
  });
  return json(201, {
    certificatePem: `${issued.certificate.toString('pem')}\n`,
    caCertificatePem: `${ca.certificate.toString('pem')}\n`,
    serialNumber: issued.serial,
    serialNumberColons: serialColons(issued.serial),
    serialNumberDecimal: serialDecimal(issued.serial),
    subject,
    requestedSubject: accepted.requestedSubject,
    keyType: accepted.keyType,
    notBefore: new Date(issued.notBefore).toISOString(),
    notAfter: new Date(issued.notAfter).toISOString(),
    crlUrl,
  });
}

async function revoke(deps: PkiApiDependencies, slot: string, event: APIGatewayProxyEvent, crlUrl: string): Promise<Result> {
  const raw = event.pathParameters?.serial ?? '';
  let serial: string;
  try {
    serial = normalizeSerialHex(decodeURIComponent(raw));
  } catch {
    return error(400, 'BadRequestException', `Not a hexadecimal serial number: ${raw.slice(0, 80)}`);
  }
  const reason = reasonFrom(bodyText(event));
  if (typeof reason !== 'string') return error(400, 'BadRequestException', reason.message);
  const record = await deps.certificates.get(serial);
  // Another attendee's serial is answered exactly like one that does not exist.
  if (record?.slot !== slot) return error(404, 'ResourceNotFoundException', `You have no certificate with serial number ${serial}.`);
  if (record.revokedAt !== undefined) return error(409, 'RequestAlreadyProcessedException', `Certificate ${serial} is already revoked.`);
  const now = deps.now();
  await deps.certificates.put({ ...record, revokedAt: now, revocationReason: reason });
  await deps.evidence.record(slot, {
    kind: 'certificate',
    action: 'revoked',
    subject: record.subject,
    serial,
    notAfter: record.notAfter,
    outcome: 'success',
  });
  if (deps.onRevocation) await deps.onRevocation(await signCrl(await deps.ca(), await deps.certificates.all(), now));
  return json(200, { serialNumber: serial, status: 'REVOKED', revocationReason: reason, crlUrl });
}

function crlUrlOf(deps: PkiApiDependencies, event: APIGatewayProxyEvent): string {
  return (
    deps.crlUrl ??
    `https://${event.requestContext.domainName ?? 'localhost'}/${event.requestContext.stage}/pki/${event.pathParameters?.slot ?? ''}/crl`
  );
}

function bodyText(event: APIGatewayProxyEvent): string {
  if (event.body === null) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

function csrFrom(event: APIGatewayProxyEvent): string {
  const text = bodyText(event);
  const contentType = Object.entries(event.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  if (!/^application\/json/i.test(contentType)) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CsrError('The body is not valid JSON; send {"csr": "<PEM>"} or the PEM itself.');
  }
  const csr = (parsed as { csr?: unknown } | null)?.csr;
  if (typeof csr !== 'string') throw new CsrError('Missing "csr": send {"csr": "<PEM>"} or the PEM itself.');
  return csr;
}

function reasonFrom(body: string): RevocationReason | { message: string } {
  if (body.trim() === '') return 'unspecified';
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { message: 'The body must be JSON: {"reason": "keyCompromise"} or empty.' };
  }
  const reason = (parsed as { reason?: unknown } | null)?.reason ?? 'unspecified';
  return typeof reason === 'string' && (REVOCATION_REASONS as readonly string[]).includes(reason)
    ? (reason as RevocationReason)
    : { message: `reason must be one of ${REVOCATION_REASONS.join(', ')}.` };
}
