/**
 * A certificate signing request (PKCS#10, RFC 2986), built with node:crypto
 * alone. Nothing in it is secret: it holds your public key and the name you
 * ask for, and it is signed with your private key to prove you hold it.
 * The private key itself never leaves this process.
 *
 * You do not need to change this file; read it if you want to see every byte.
 */
import { sign, type KeyObject } from 'node:crypto';

/** DER: one tag byte, the length, then the content. */
function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const n = body.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...length]), body]);
}

const SEQUENCE = 0x30;
const SET = 0x31;
const INTEGER = 0x02;
const BIT_STRING = 0x03;
const UTF8_STRING = 0x0c;
const OID = (hex: string): Buffer => der(0x06, Buffer.from(hex, 'hex'));
const COMMON_NAME = OID('550403'); // 2.5.4.3
const ECDSA_WITH_SHA256 = der(SEQUENCE, OID('2a8648ce3d040302')); // 1.2.840.10045.4.3.2
const SHA256_WITH_RSA = der(SEQUENCE, OID('2a864886f70d01010b'), Buffer.from([0x05, 0x00])); // 1.2.840.113549.1.1.11, NULL

/** Returns a PEM CSR for `commonName`, signed with `privateKey` (EC or RSA). */
export function createCsr(keys: { privateKey: KeyObject; publicKey: KeyObject }, commonName: string): string {
  const subject = der(SEQUENCE, der(SET, der(SEQUENCE, COMMON_NAME, der(UTF8_STRING, Buffer.from(commonName, 'utf8')))));
  const info = der(
    SEQUENCE,
    der(INTEGER, Buffer.from([0])), // version 1
    subject,
    keys.publicKey.export({ type: 'spki', format: 'der' }),
    der(0xa0), // no attributes
  );
  const signature = sign('sha256', info, keys.privateKey); // ECDSA: DER (r, s); RSA: PKCS#1 v1.5
  const algorithm = keys.privateKey.asymmetricKeyType === 'rsa' ? SHA256_WITH_RSA : ECDSA_WITH_SHA256;
  const csr = der(SEQUENCE, info, algorithm, der(BIT_STRING, Buffer.from([0]), signature));
  const base64 = csr
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd();
  return `-----BEGIN CERTIFICATE REQUEST-----\n${base64}\n-----END CERTIFICATE REQUEST-----\n`;
}
