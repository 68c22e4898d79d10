import { SignCommand, type KMSClient } from '@aws-sdk/client-kms';
import * as x509 from './x509.ts';

/** What @peculiar/x509's generators take to sign: a crypto provider, a key handle and the algorithm. */
export interface X509Signer {
  readonly crypto: Crypto;
  readonly signingKey: CryptoKey;
  readonly signingAlgorithm: EcdsaParams;
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/**
 * The workshop CA's signing key is a KMS asymmetric key (ECC_NIST_P256,
 * SIGN_VERIFY): the private key never leaves KMS. @peculiar/x509 builds the
 * to-be-signed DER and hands it to `crypto.subtle.sign`, so a crypto
 * provider whose `sign` is KMS Sign (MessageType RAW, ECDSA_SHA_256: KMS
 * hashes) is all the glue needed, no hand-written ASN.1. KMS returns the
 * DER `ECDSA-Sig-Value`; WebCrypto's `sign` answers IEEE P1363 `r‖s`, which
 * the library turns back into DER, so the signature is converted with the
 * library's own formatter. Everything else (digests for key identifiers,
 * random serials) is the platform's WebCrypto.
 */
export function kmsX509Signer(kms: KMSClient, keyId: string): X509Signer {
  const formatter = new x509.AsnEcSignatureFormatter();
  const platform = globalThis.crypto;
  const sign = async (_algorithm: unknown, _key: unknown, data: BufferSource): Promise<ArrayBuffer> => {
    const bytes = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
    const { Signature } = await kms.send(
      new SignCommand({ KeyId: keyId, Message: bytes, MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }),
    );
    if (!Signature) throw new Error('KMS Sign returned no signature');
    const der = Signature.buffer.slice(Signature.byteOffset, Signature.byteOffset + Signature.byteLength) as ArrayBuffer;
    const web = formatter.toWebSignature(ALGORITHM, der);
    if (!web) throw new Error('KMS returned a signature that is not an ECDSA-Sig-Value');
    return web;
  };
  // The platform's SubtleCrypto methods check their receiver, so each is bound; only sign is KMS's.
  const subtle = new Proxy(platform.subtle, {
    get: (target, property) => {
      if (property === 'sign') return sign;
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  const provider = new Proxy(platform, {
    get: (target, property) => {
      if (property === 'subtle') return subtle;
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  // A handle, not a key: @peculiar/x509 reads only `algorithm` from it; the key itself is KMS's.
  const signingKey = { algorithm: ALGORITHM, type: 'private', extractable: false, usages: ['sign'] } as unknown as CryptoKey;
  return { crypto: provider, signingKey, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } };
}
