import { createHash, generateKeyPairSync } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { transaction } from '../store/database.ts';
import { createLocalJWKSet, importJWK, type CryptoKey, type JSONWebKeySet, type JWK, type JWTVerifyGetKey } from 'jose';

/** A private RSA key as a JWK, optionally with the `kid` to publish it under. */
export interface SigningKeyInput {
  readonly privateJwk: JWK;
  readonly kid?: string;
}

/**
 * The keys user pools sign with. Like Cognito, the JWKS publishes two keys;
 * access tokens are signed with the first. Everything here is imported once
 * at startup so the token endpoint never parses or generates keys per request.
 */
export interface SigningKeys {
  readonly accessTokenKey: { readonly kid: string; readonly key: CryptoKey };
  /** Public JWKS (`use: sig`, `alg: RS256`), the same for every pool. */
  readonly jwks: JSONWebKeySet;
  /** jose key resolver over the public JWKS, for verifying our own tokens. */
  readonly resolve: JWTVerifyGetKey;
}

/** Generates a fresh RSA-2048 private JWK; exported so tests can inject keys made once per run. */
export function generateSigningKey(): JWK {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey.export({ format: 'jwk' }) as JWK;
}

/**
 * Returns the sandbox's signing keys: the injected ones, else those persisted
 * in the database, else two new ones which are persisted first (INSERT OR
 * IGNORE + re-read, so two processes starting on a fresh file agree).
 */
export async function loadSigningKeys(db: DatabaseSync, options: { now: () => number; injected?: readonly SigningKeyInput[] }): Promise<SigningKeys> {
  const inputs = options.injected && options.injected.length > 0 ? options.injected : persistedKeys(db, options.now);
  const keys = inputs.map((input) => {
    const publicJwk = publicPart(input.privateJwk);
    const kid = input.kid ?? thumbprint(publicJwk);
    return { kid, publicJwk: { ...publicJwk, kid, alg: 'RS256', use: 'sig' }, privateJwk: input.privateJwk };
  });
  const first = keys[0];
  if (!first) throw new Error('No signing keys: pass at least one private RSA JWK.');
  const key = await importJWK({ ...first.privateJwk, alg: 'RS256' }, 'RS256');
  if (key instanceof Uint8Array) throw new Error('The signing key must be an RSA private key, not a symmetric secret.');
  const jwks: JSONWebKeySet = { keys: keys.map((entry) => entry.publicJwk) };
  return { accessTokenKey: { kid: first.kid, key }, jwks, resolve: createLocalJWKSet(jwks) };
}

function persistedKeys(db: DatabaseSync, now: () => number): SigningKeyInput[] {
  const select = db.prepare('SELECT kid, private_jwk FROM signing_keys ORDER BY created_at, kid');
  const read = (): SigningKeyInput[] =>
    (select.all() as { kid: string; private_jwk: string }[]).map((row) => ({ kid: row.kid, privateJwk: JSON.parse(row.private_jwk) as JWK }));
  const existing = read();
  if (existing.length > 0) return existing;
  // The write lock makes a second process starting on the same fresh file wait
  // and then find our keys instead of adding its own.
  return transaction(db, () => {
    const again = read();
    if (again.length > 0) return again;
    const insert = db.prepare('INSERT INTO signing_keys (kid, private_jwk, public_jwk, created_at) VALUES (?, ?, ?, ?)');
    // Two keys, as Cognito publishes; the second only appears in the JWKS.
    const created = now();
    for (const [index, privateJwk] of [generateSigningKey(), generateSigningKey()].entries()) {
      const publicJwk = publicPart(privateJwk);
      insert.run(thumbprint(publicJwk), JSON.stringify(privateJwk), JSON.stringify(publicJwk), created + index);
    }
    return read();
  });
}

/** RFC 7638 JWK thumbprint (SHA-256, base64url), computed synchronously. */
function thumbprint(jwk: JWK): string {
  const canonical = JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n });
  return createHash('sha256').update(canonical).digest('base64url');
}

function publicPart(jwk: JWK): JWK {
  if (jwk.kty !== 'RSA' || !jwk.n || !jwk.e) throw new Error('Signing keys must be RSA JWKs with n and e.');
  return { kty: 'RSA', n: jwk.n, e: jwk.e };
}
