/**
 * A certificate serial number as evidence carries it, in one canonical form:
 * lowercase hex without colons or leading zeros (`1a2b…`). Sources print it
 * differently (node:crypto upper-case with DER's leading zeros, API Gateway's
 * `clientCert.serialNumber` colon-separated), so whoever records evidence
 * normalises with `canonicalSerial` first, and whoever compares serials does
 * too: the emulator's PKI, mTLS door and Roles Anywhere, and the checker.
 */
export type CertificateSerial = string;

/** The canonical form of a hex serial from any source (`0A:1B`, `0a1b`, `0A 1B`), or undefined when it is not hex. */
export function canonicalSerial(serial: string): CertificateSerial | undefined {
  const hex = serial.replace(/[:\s]/g, '').toLowerCase();
  return /^[0-9a-f]+$/.test(hex) ? BigInt(`0x${hex}`).toString(16) : undefined;
}
