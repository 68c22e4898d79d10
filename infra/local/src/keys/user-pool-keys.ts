import type { DatabaseSync } from 'node:sqlite';
import {
  forkSigningKeys,
  generateSigningKey,
  loadPersistedSigningKeys,
  persistedPurposes,
  type KeyRingOptions,
  type SigningKeys,
} from './signing-keys.ts';

/** One pool's signing keys after a rotation: the kid new tokens carry, and the JWKS as now published. */
export interface PoolKeyRotation {
  readonly userPoolId: string;
  readonly signingKid: string;
  readonly publishedKids: readonly string[];
}

const POOL_PURPOSE = 'cognito:';

/**
 * The user pools' signing keys. Cognito gives every pool key pairs of its own
 * and may rotate them; here pools start on one shared ring (generating RSA
 * keys per pool would cost every attendee's sandbox ~100 ms of CPU before its
 * first token) and a pool gets a ring of its own the first time its keys are
 * rotated on their own: a copy of the shared ring as published then, so every
 * token it signed keeps verifying, which then rotates independently. So a
 * rotation for one attendee's pool never changes another pool's JWKS, and
 * rotating many pools together costs one key generation (the new standby key
 * is the same for all of them; each pool publishes it under the same kid).
 */
export class UserPoolKeys {
  readonly #db: DatabaseSync;
  readonly #shared: SigningKeys;
  readonly #options: Omit<KeyRingOptions, 'purpose' | 'injected'>;
  /** Pool id → its own ring, or null once the database said it has none. */
  readonly #own = new Map<string, SigningKeys | null>();

  constructor(db: DatabaseSync, shared: SigningKeys, options: Omit<KeyRingOptions, 'purpose' | 'injected'>) {
    this.#db = db;
    this.#shared = shared;
    this.#options = options;
  }

  /** The keys that sign (and verify) the pool's tokens: its own ring once it has been rotated on its own, else the shared one. */
  forPool(userPoolId: string): SigningKeys {
    return this.#ownRing(userPoolId) ?? this.#shared;
  }

  /** Rotates these pools' keys only (forking each from the shared ring the first time); every other pool is unchanged. */
  rotate(userPoolIds: readonly string[]): PoolKeyRotation[] {
    const pools = [...new Set(userPoolIds)];
    if (pools.length === 0) return [];
    const nextStandby = generateSigningKey();
    return pools.map((userPoolId) => {
      let ring = this.#ownRing(userPoolId);
      if (!ring) {
        ring = forkSigningKeys(this.#shared, this.#db, { ...this.#options, purpose: `${POOL_PURPOSE}${userPoolId}` });
        this.#own.set(userPoolId, ring);
      }
      ring.rotate(nextStandby);
      return {
        userPoolId,
        signingKid: ring.signingKey().kid,
        publishedKids: (ring.jwks().keys as { kid?: string }[]).map((key) => key.kid ?? ''),
      };
    });
  }

  /** Rotates every ring: the shared one and each pool's own, with one new standby key for all. */
  rotateAll(): void {
    const nextStandby = generateSigningKey();
    this.#shared.rotate(nextStandby);
    const pools = new Set([
      ...persistedPurposes(this.#db, POOL_PURPOSE).map((purpose) => purpose.slice(POOL_PURPOSE.length)),
      ...this.#own.keys(),
    ]);
    for (const userPoolId of pools) this.#ownRing(userPoolId)?.rotate(nextStandby);
  }

  #ownRing(userPoolId: string): SigningKeys | undefined {
    const known = this.#own.get(userPoolId);
    if (known !== undefined) return known ?? undefined;
    const loaded = loadPersistedSigningKeys(this.#db, { ...this.#options, purpose: `${POOL_PURPOSE}${userPoolId}` }) ?? null;
    this.#own.set(userPoolId, loaded);
    return loaded ?? undefined;
  }
}
