import type { DatabaseSync } from 'node:sqlite';

/**
 * Failures counted by the rate limiters, in the site's database so that a
 * restart (which an attacker might cause, or simply wait for) does not hand
 * out a fresh budget. The limiters own the policy; this only stores rows.
 */
export class RateLimitStore {
  readonly #insert;
  readonly #nthNewest;
  readonly #prune;

  constructor(db: DatabaseSync) {
    this.#insert = db.prepare('INSERT INTO rate_limit_failures (limiter, client, at) VALUES (?, ?, ?)');
    this.#nthNewest = db.prepare(
      'SELECT at FROM rate_limit_failures WHERE limiter = ? AND client = ? AND at > ? ORDER BY at DESC LIMIT 1 OFFSET ?',
    );
    this.#prune = db.prepare('DELETE FROM rate_limit_failures WHERE limiter = ? AND at <= ?');
  }

  record(limiter: string, client: string, at: number): void {
    this.#insert.run(limiter, client, at);
  }

  /**
   * When this client's `offset`-th most recent failure after `since` happened
   * (0: the newest), or undefined if it has no more than `offset` of them.
   * One index walk of at most offset + 1 rows, however many there are.
   */
  nthNewestFailureAt(limiter: string, client: string, since: number, offset: number): number | undefined {
    const row = this.#nthNewest.get(limiter, client, since, offset) as { at: number } | undefined;
    return row?.at;
  }

  /** Forgets this limiter's failures at or before `before`: they no longer count. */
  prune(limiter: string, before: number): void {
    this.#prune.run(limiter, before);
  }
}
