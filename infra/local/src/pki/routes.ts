import type { PkiAction } from './action.ts';
import { GetCaCertificate } from './GetCaCertificate.ts';
import { GetCrl } from './GetCrl.ts';
import { GetPkiIndex } from './GetPkiIndex.ts';
import { IssueCertificate } from './IssueCertificate.ts';
import { ListCertificates } from './ListCertificates.ts';
import { RevokeCertificate } from './RevokeCertificate.ts';

/** One route of the workshop PKI: what follows `/pki`, and whether it acts for a signed-in attendee. */
export interface PkiRoute {
  readonly method: string;
  /** Matched against the whole path after `/pki`; groups become `pathParams`. */
  readonly path: RegExp;
  /** SigV4 (`execute-api`) required: the route acts for the attendee who signed. */
  readonly signed: boolean;
  /** As the unsupported-route error lists it. */
  readonly summary: string;
  readonly action: PkiAction;
}

/** The workshop PKI's routes; anything else is answered with a named "unsupported" error. */
export const PKI_ROUTES: readonly PkiRoute[] = [
  { method: 'GET', path: /^\/?$/, signed: false, summary: 'GET /pki/', action: GetPkiIndex },
  { method: 'GET', path: /^\/ca\.pem$/, signed: false, summary: 'GET /pki/ca.pem', action: GetCaCertificate },
  { method: 'GET', path: /^\/crl$/, signed: false, summary: 'GET /pki/crl', action: GetCrl('der') },
  { method: 'GET', path: /^\/crl\.pem$/, signed: false, summary: 'GET /pki/crl.pem', action: GetCrl('pem') },
  { method: 'GET', path: /^\/certificates$/, signed: true, summary: 'GET|POST /pki/certificates', action: ListCertificates },
  { method: 'POST', path: /^\/certificates$/, signed: true, summary: 'GET|POST /pki/certificates', action: IssueCertificate },
  {
    method: 'POST',
    path: /^\/certificates\/([^/]+)\/revoke$/,
    signed: true,
    summary: 'POST /pki/certificates/<serial>/revoke',
    action: RevokeCertificate,
  },
];
