import type { KeyObject } from 'node:crypto';

/** WebCrypto's names for a key: how to import it, and what to pass as `signingAlgorithm` to @peculiar/x509. */
export interface WebCryptoAlgorithms {
  readonly importAlgorithm: EcKeyImportParams | RsaHashedImportParams;
  readonly signingAlgorithm: Algorithm | EcdsaParams;
}

const CURVES: Readonly<Record<string, 'P-256' | 'P-384'>> = { prime256v1: 'P-256', secp384r1: 'P-384' };

/**
 * The WebCrypto parameters of a node:crypto key: ECDSA on its curve (P-256
 * or P-384) or RSASSA-PKCS1-v1_5, hashing with SHA-256, or SHA-384 for
 * P-384 keys unless `hash` says otherwise. The keys node:crypto makes and
 * parses are KeyObjects; @peculiar/x509 signs with CryptoKeys, so every
 * key that signs a certificate, CRL or CSR passes through here.
 */
export function webCryptoAlgorithms(key: KeyObject, options: { hash?: 'SHA-256' | 'SHA-384' } = {}): WebCryptoAlgorithms {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'ec') {
    const namedCurve = CURVES[details.namedCurve ?? ''];
    if (!namedCurve) throw new Error(`Unsupported curve ${details.namedCurve ?? '?'}; use P-256 or P-384.`);
    const hash = options.hash ?? (namedCurve === 'P-384' ? 'SHA-384' : 'SHA-256');
    return { importAlgorithm: { name: 'ECDSA', namedCurve }, signingAlgorithm: { name: 'ECDSA', hash } };
  }
  if (key.asymmetricKeyType === 'rsa') {
    return {
      importAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: options.hash ?? 'SHA-256' },
      signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5' },
    };
  }
  throw new Error(`Unsupported key type ${key.asymmetricKeyType ?? '?'}; use EC or RSA.`);
}

/** A node:crypto private key as a non-extractable WebCrypto signing key, with its signing algorithm. */
export async function toWebCryptoSigningKey(
  key: KeyObject,
  options: { hash?: 'SHA-256' | 'SHA-384' } = {},
): Promise<{ readonly key: CryptoKey } & WebCryptoAlgorithms> {
  const algorithms = webCryptoAlgorithms(key, options);
  return {
    key: await crypto.subtle.importKey('pkcs8', key.export({ format: 'der', type: 'pkcs8' }), algorithms.importAlgorithm, false, ['sign']),
    ...algorithms,
  };
}

/** A node:crypto key pair as a WebCrypto one (the public half extractable, as @peculiar/x509 embeds it), with its signing algorithm. */
export async function toWebCryptoKeyPair(
  pair: { readonly privateKey: KeyObject; readonly publicKey: KeyObject },
  options: { hash?: 'SHA-256' | 'SHA-384' } = {},
): Promise<CryptoKeyPair & { readonly signingAlgorithm: WebCryptoAlgorithms['signingAlgorithm'] }> {
  const { key: privateKey, importAlgorithm, signingAlgorithm } = await toWebCryptoSigningKey(pair.privateKey, options);
  const publicKey = await crypto.subtle.importKey('spki', pair.publicKey.export({ format: 'der', type: 'spki' }), importAlgorithm, true, [
    'verify',
  ]);
  return { privateKey, publicKey, signingAlgorithm };
}
