import { randomBytes } from 'node:crypto';
import { canonicalSerial } from '@keyless/labs/sandbox';

/**
 * Certificate serial numbers in their one canonical form: lowercase hex
 * without colons or leading zeros, made by the evidence contract's
 * `canonicalSerial` (@keyless/labs/sandbox), which the checker compares with
 * too. node:crypto prints a certificate's serial upper-case with DER's
 * leading zeros, API Gateway colon-separated, the credential helper in decimal; everything the sandbox stores, looks up or
 * records as evidence is the canonical form, and the other forms are made
 * from it.
 */

/** The canonical form of a hex serial from any source (`0A:1B`, `0a1b`, `0A1B`); throws when it is not hex. */
export function normalizeSerialHex(hex: string): string {
  const canonical = canonicalSerial(hex);
  if (canonical === undefined) throw new Error(`Not a hexadecimal serial number: ${hex}`);
  return canonical;
}

/** A parsed certificate's serial (node:crypto's `X509Certificate`, or anything with its `serialNumber`), canonical. */
export const serialOf = (certificate: { readonly serialNumber: string }): string => normalizeSerialHex(certificate.serialNumber);

/** Decimal, as `aws_signing_helper` puts it in the credential scope (Go `big.Int.String()`). */
export const serialDecimal = (hex: string): string => BigInt(`0x${hex}`).toString(10);

/** API Gateway's `clientCert.serialNumber`: colon-separated lowercase byte pairs. */
export function serialColons(hex: string): string {
  return (evenLength(hex).match(/../g) ?? []).join(':');
}

/** Whole bytes (a leading `0` when needed), as DER and the CRL encoder want them. */
export const evenLength = (hex: string): string => (hex.length % 2 === 0 ? hex : `0${hex}`);

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
