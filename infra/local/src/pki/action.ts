import type { SigV4Evidence } from '@keyless/labs/sandbox';
import type { EvidenceStore } from '../evidence/evidence-store.ts';
import type { RestResult } from '../protocols/rest-json.ts';
import { sigV4Evidence } from '../sigv4/index.ts';
import type { WorkshopPki } from './workshop-pki.ts';

/** One PKI request, parsed. */
export interface PkiRequest {
  /** Lower-case header names (`content-type`, `accept`). */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
  /** What the route's path pattern captured (the serial of a revocation). */
  readonly pathParams: readonly string[];
  /** The attendee whose credentials signed the request; set for signed routes only. */
  readonly attendeeId: string | undefined;
}

/** The part of the sandbox the PKI's actions use. */
export interface PkiServices {
  readonly pki: WorkshopPki;
  readonly evidence: Pick<EvidenceStore, 'record'>;
  readonly now: () => number;
  /** Where the PKI is served, for its index of URLs. */
  readonly baseUrl: string;
}

/** A PKI action: a REST result (JSON, or PEM/DER bytes), or a thrown PkiError. */
export type PkiAction = (request: PkiRequest, services: PkiServices) => RestResult | Promise<RestResult>;

/** The signer of a signed route (the protocol handler authenticated it before dispatching). */
export function signer(request: PkiRequest): string {
  if (request.attendeeId === undefined) throw new Error('Signed PKI action dispatched without a verified caller.');
  return request.attendeeId;
}

/** The request's SigV4 details for `certificate` evidence (never its signature or secret). */
export function signedWith(request: PkiRequest): { sigv4?: SigV4Evidence } {
  const sigv4 = sigV4Evidence(request.headers);
  return sigv4 ? { sigv4 } : {};
}

/** A PEM body (`application/x-pem-file`). */
export const pem = (status: number, text: string): RestResult => ({ status, bytes: text, contentType: 'application/x-pem-file' });

/** Whether the client asked for PEM rather than JSON (`Accept: application/x-pem-file`, e.g. curl users). */
export function wantsPem(request: PkiRequest): boolean {
  const accept = request.headers.accept;
  return /application\/x-pem-file/i.test(Array.isArray(accept) ? accept.join(',') : (accept ?? ''));
}
