import type { JsonName } from './x509.ts';

/** Organisation and unit every workshop certificate carries. */
export const WORKSHOP_ORGANIZATION = 'Keyless';
export const WORKSHOP_UNIT = 'keyless-workshop';
/** X.520 upper bound for a common name (ub-common-name). */
export const MAX_COMMON_NAME = 64;

/**
 * The subject an attendee's certificate gets, whatever the CSR asked for:
 * the CA vouches for who authenticated, not for what they typed. In DER
 * order (O, OU, CN), so RFC 2253 reads `CN=<attendee>,OU=keyless-workshop,O=Keyless`.
 */
export function attendeeSubject(attendeeId: string): JsonName {
  return [{ O: [WORKSHOP_ORGANIZATION] }, { OU: [WORKSHOP_UNIT] }, { CN: [attendeeId] }];
}

/**
 * RFC 2253 string of a DN as `node:crypto` prints it (one attribute per
 * line, DER order, already escaped): reversed and comma-joined.
 */
export const rfc2253 = (nodeDn: string): string => nodeDn.split('\n').reverse().join(',');

/** The attendee's subject as RFC 2253 text (RFC 4514 escaping), without issuing anything. */
export function attendeeSubjectDn(attendeeId: string): string {
  const escaped = attendeeId
    .replace(/([,+"\\<>;=])/g, '\\$1')
    .replace(/^([ #])/, '\\$1')
    .replace(/ $/, '\\ ');
  return `CN=${escaped},OU=${WORKSHOP_UNIT},O=${WORKSHOP_ORGANIZATION}`;
}
