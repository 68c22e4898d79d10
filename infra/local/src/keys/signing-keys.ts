import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { errors, type JSONWebKeySet, type JWK, type JWTVerifyGetKey } from 'jose';
import { transaction } from '../sqlite/index.ts';

/** A private RSA key as a JWK, optionally with the `kid` to publish it under. */
export interface SigningKeyInput {
  readonly privateJwk: JWK;
  readonly kid?: string;
}

/**
 * Which issuer a key ring signs for; each has its own keys. `cognito` is the
 * ring every user pool shares until its keys are rotated on their own;
 * `cognito:<userPoolId>` is such a pool's own ring (see user-pool-keys.ts).
 */
export type KeyPurpose = 'cognito' | 'ci-oidc' | `cognito:${string}`;

/**
 * A rotating key ring, as an issuer publishes it: one **active** key signs,
 * one **standby** key is already in the JWKS (so relying parties that cache
 * the JWKS know it before it signs), and **retired** keys stay published for
 * `retentionMs` after they stopped signing, so tokens they signed verify until
 * they expire. Cognito publishes two keys per pool; that is the steady state
 * here, with a third for a while after each rotation.
 */
export interface SigningKeys {
  readonly purpose: KeyPurpose;
  /** The active key, rotating first when the rotation interval has passed on the sandbox clock. */
  signingKey(): { readonly kid: string; readonly key: KeyObject };
  /** The public JWKS as published now (`use: sig`, `alg: RS256`), active key first. */
  jwks(): JSONWebKeySet;
  /** jose key resolver over the published keys, for verifying our own tokens. */
  readonly resolve: JWTVerifyGetKey;
  /**
   * Standby becomes active, the active key retires, a new standby joins:
   * `nextStandby`, or a newly generated key (so a batch of rings rotated
   * together costs one key generation).
   */
  rotate(nextStandby?: JWK): void;
}

export interface KeyRingOptions {
  readonly now: () => number;
  readonly purpose?: KeyPurpose;
  /** Keys to use instead of the persisted ones (tests); the first is active, the rest standby. Rotations are then not persisted. */
  readonly injected?: readonly SigningKeyInput[];
  /** Rotate automatically this long after the active key was activated. Default: only when `rotate()` is called. */
  readonly rotationIntervalMs?: number;
  /** How long a retired key stays published. Default 24 h, the longest a Cognito access token lives. */
  readonly retentionMs?: number;
}

interface RingKey {
  readonly kid: string;
  readonly publicJwk: JWK;
  readonly privateJwk: JWK;
  readonly key: KeyObject;
  readonly publicKey: KeyObject;
  readonly createdAt: number;
  activatedAt: number | undefined;
  retiredAt: number | undefined;
}

/** A ring's keys and where they are persisted, for forking it (module-private). */
const internals = new WeakMap<SigningKeys, { ring: RingKey[]; persisted: boolean; retention: number }>();

interface KeyRow {
  kid: string;
  private_jwk: string;
  created_at: number;
  activated_at: number | null;
  retired_at: number | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Generates a fresh RSA-2048 private JWK; exported so tests can inject keys made once per run. */
export function generateSigningKey(): JWK {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey.export({ format: 'jwk' });
}

/**
 * Loads the ring for `purpose`: the injected keys, else those persisted in the
 * database, else two new ones (active + standby) persisted first (under the
 * write lock, so two processes starting on a fresh file agree). Keys are
 * imported once; tokens are never signed with a key parsed per request.
 */
export function loadSigningKeys(db: DatabaseSync, options: KeyRingOptions): SigningKeys {
  const purpose = options.purpose ?? 'cognito';
  const persist = options.injected && options.injected.length > 0 ? undefined : persistence(db, purpose);
  const ring: RingKey[] =
    options.injected && options.injected.length > 0
      ? options.injected.map((input, index) =>
          ringKey(input.privateJwk, input.kid, options.now() + index, index === 0 ? options.now() : undefined, undefined),
        )
      : (persist?.load(options.now) ?? []);
  return keyRing(ring, purpose, options, persist);
}

/** The persisted ring for `purpose`, or undefined when it has no keys (nothing is created). */
export function loadPersistedSigningKeys(
  db: DatabaseSync,
  options: KeyRingOptions & { readonly purpose: KeyPurpose },
): SigningKeys | undefined {
  const persist = persistence(db, options.purpose);
  const ring = persist.read();
  return ring.length === 0 ? undefined : keyRing(ring, options.purpose, options, persist);
}

/**
 * A new ring for `purpose` that starts as a copy of `parent` as published
 * now (active, standby, retired keys still within retention), so every
 * token the parent signed keeps verifying with it, and which rotates on its
 * own from then on. Persisted under `purpose` when the parent is.
 */
export function forkSigningKeys(
  parent: SigningKeys,
  db: DatabaseSync,
  options: KeyRingOptions & { readonly purpose: KeyPurpose },
): SigningKeys {
  const source = internals.get(parent);
  if (!source) throw new Error('Only key rings made by this module can be forked.');
  const now = options.now();
  const copies = source.ring
    .filter((key) => key.retiredAt === undefined || key.retiredAt + source.retention > now)
    .map((key) => ringKey(key.privateJwk, key.kid, key.createdAt, key.activatedAt, key.retiredAt));
  const persist = source.persisted ? persistence(db, options.purpose) : undefined;
  if (persist) transaction(db, () => copies.forEach((key) => persist.insert(key)));
  return keyRing(copies, options.purpose, options, persist);
}

/** Purposes of the persisted rings whose name starts with `prefix` (e.g. every pool's own ring). */
export function persistedPurposes(db: DatabaseSync, prefix: string): KeyPurpose[] {
  const rows = db
    .prepare('SELECT DISTINCT purpose FROM signing_keys WHERE substr(purpose, 1, length(?)) = ? ORDER BY purpose')
    .all(prefix, prefix) as { purpose: string }[];
  return rows.map((row) => row.purpose as KeyPurpose);
}

function keyRing(ring: RingKey[], purpose: KeyPurpose, options: KeyRingOptions, persist: Persistence | undefined): SigningKeys {
  const retention = options.retentionMs ?? DAY_MS;
  const active = (): RingKey => {
    const key = ring.filter((k) => k.activatedAt !== undefined && k.retiredAt === undefined).at(-1);
    if (!key) throw new Error(`The ${purpose} key ring has no active key.`);
    return key;
  };
  const published = (): RingKey[] => {
    const now = options.now();
    const live = ring.filter((k) => k.retiredAt === undefined || k.retiredAt + retention > now);
    return [active(), ...live.filter((k) => k !== active())];
  };
  // The published set changes only at a rotation or when a retired key ages out; rebuild only then.
  let cache: { kids: string; jwks: JSONWebKeySet; byKid: Map<string, KeyObject> } | undefined;
  const view = (): NonNullable<typeof cache> => {
    const keys = published();
    const kids = keys.map((k) => k.kid).join(' ');
    if (cache?.kids !== kids)
      cache = { kids, jwks: { keys: keys.map((k) => k.publicJwk) }, byKid: new Map(keys.map((k) => [k.kid, k.publicKey])) };
    return cache;
  };
  const rotate = (nextStandby?: JWK): void => {
    const now = options.now();
    const current = active();
    const standby = ring.find((k) => k.activatedAt === undefined) ?? add(ring, generateSigningKey(), now, persist);
    standby.activatedAt = now;
    current.retiredAt = now;
    persist?.update(standby);
    persist?.update(current);
    add(ring, nextStandby ?? generateSigningKey(), now + 1, persist);
  };

  const keys: SigningKeys = {
    purpose,
    signingKey() {
      const current = active();
      if (options.rotationIntervalMs !== undefined && options.now() - (current.activatedAt ?? 0) >= options.rotationIntervalMs) rotate();
      const { kid, key } = active();
      return { kid, key };
    },
    jwks: () => view().jwks,
    resolve: async (header) => {
      const key = header.kid === undefined ? undefined : view().byKid.get(header.kid);
      if (!key) throw new errors.JWKSNoMatchingKey();
      return key;
    },
    rotate,
  };
  internals.set(keys, { ring, persisted: persist !== undefined, retention });
  return keys;
}

function ringKey(
  privateJwk: JWK,
  kid: string | undefined,
  createdAt: number,
  activatedAt: number | undefined,
  retiredAt: number | undefined,
): RingKey {
  if (privateJwk.kty !== 'RSA' || !privateJwk.n || !privateJwk.e) throw new Error('Signing keys must be RSA JWKs with n and e.');
  const publicPart: JWK = { kty: 'RSA', n: privateJwk.n, e: privateJwk.e };
  const id = kid ?? thumbprint(publicPart);
  return {
    kid: id,
    publicJwk: { ...publicPart, kid: id, alg: 'RS256', use: 'sig' },
    privateJwk,
    key: createPrivateKey({ key: privateJwk, format: 'jwk' }),
    publicKey: createPublicKey({ key: publicPart, format: 'jwk' }),
    createdAt,
    activatedAt,
    retiredAt,
  };
}

function add(ring: RingKey[], privateJwk: JWK, createdAt: number, persist: Persistence | undefined): RingKey {
  const key = ringKey(privateJwk, undefined, createdAt, undefined, undefined);
  ring.push(key);
  persist?.insert(key);
  return key;
}

interface Persistence {
  /** The ring's keys; none when it was never created. */
  read(): RingKey[];
  /** The ring's keys, created (active + standby) under the write lock when there are none. */
  load(now: () => number): RingKey[];
  insert(key: RingKey): void;
  update(key: RingKey): void;
}

/**
 * Rows of `signing_keys`, by purpose. A pool's own ring holds copies of the
 * shared ring's keys under the same `kid` (tokens name it), so its rows are
 * stored under `<userPoolId>/<kid>` (`kid` is the table's primary key) and
 * published under `<kid>`.
 */
function persistence(db: DatabaseSync, purpose: KeyPurpose): Persistence {
  const prefix = purpose.startsWith('cognito:') ? `${purpose.slice('cognito:'.length)}/` : '';
  const rowKid = (kid: string): string => `${prefix}${kid}`;
  const select = db.prepare(
    'SELECT kid, private_jwk, created_at, activated_at, retired_at FROM signing_keys WHERE purpose = ? ORDER BY created_at, kid',
  );
  const insert = db.prepare(
    'INSERT OR IGNORE INTO signing_keys (kid, private_jwk, public_jwk, created_at, purpose, activated_at, retired_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const update = db.prepare('UPDATE signing_keys SET activated_at = ?, retired_at = ? WHERE kid = ?');
  const read = (): RingKey[] =>
    (select.all(purpose) as unknown as KeyRow[]).map((row) =>
      ringKey(
        JSON.parse(row.private_jwk) as JWK,
        row.kid.slice(prefix.length),
        row.created_at,
        row.activated_at ?? undefined,
        row.retired_at ?? undefined,
      ),
    );
  const store: Persistence = {
    read,
    load(now) {
      const existing = read();
      if (existing.length > 0) return existing;
      return transaction(db, () => {
        const again = read();
        if (again.length > 0) return again;
        const created = now();
        const fresh = [
          ringKey(generateSigningKey(), undefined, created, created, undefined),
          ringKey(generateSigningKey(), undefined, created + 1, undefined, undefined),
        ];
        for (const key of fresh) store.insert(key);
        return fresh;
      });
    },
    insert: (key) =>
      void insert.run(
        rowKid(key.kid),
        JSON.stringify(key.privateJwk),
        JSON.stringify(key.publicJwk),
        key.createdAt,
        purpose,
        key.activatedAt ?? null,
        key.retiredAt ?? null,
      ),
    update: (key) => void update.run(key.activatedAt ?? null, key.retiredAt ?? null, rowKid(key.kid)),
  };
  return store;
}

/** RFC 7638 JWK thumbprint (SHA-256, base64url), computed synchronously. */
function thumbprint(jwk: JWK): string {
  const canonical = JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n });
  return createHash('sha256').update(canonical).digest('base64url');
}
