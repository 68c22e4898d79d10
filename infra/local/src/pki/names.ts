import { randomBytes } from 'node:crypto';
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
 * A fresh serial: 16 random bytes (RFC 5280 allows up to 20; CAs use at
 * least 64 bits of entropy), first byte in 0x10–0x7f so the number is
 * positive and its hex form never has a leading zero to normalise away.
 */
export function newSerialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = 0x10 + ((bytes[0] ?? 0) % 0x70);
  return bytes.toString('hex');
}

/** One canonical hex form (lowercase, no leading zeros) for serials from any source. */
export function normalizeSerialHex(hex: string): string {
  const clean = hex.replace(/[:\s]/g, '').toLowerCase();
  if (!/^[0-9a-f]+$/.test(clean)) throw new Error(`Not a hexadecimal serial number: ${hex}`);
  return BigInt(`0x${clean}`).toString(16);
}

/** Decimal, as `aws_signing_helper` puts it in the credential scope (Go `big.Int.String()`). */
export const serialDecimal = (hex: string): string => BigInt(`0x${hex}`).toString(10);

/** API Gateway's `clientCert.serialNumber`: colon-separated lowercase byte pairs. */
export function serialColons(hex: string): string {
  const even = hex.length % 2 === 0 ? hex : `0${hex}`;
  return (even.match(/../g) ?? []).join(':');
}

/**
 * RFC 2253 string of a DN as `node:crypto` prints it (one attribute per
 * line, DER order, already escaped): reversed and comma-joined.
 */
export const rfc2253 = (nodeDn: string): string => nodeDn.split('\n').reverse().join(',');

/** The attendee's subject as RFC 2253 text (RFC 4514 escaping), without issuing anything. */
export function attendeeSubjectDn(attendeeId: string): string {
  const escaped = attendeeId.replace(/([,+"\\<>;=])/g, '\\$1').replace(/^([ #])/, '\\$1').replace(/ $/, '\\ ');
  return `CN=${escaped},OU=${WORKSHOP_UNIT},O=${WORKSHOP_ORGANIZATION}`;
}
