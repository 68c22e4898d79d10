import type { RateLimitStore } from '../store/index.ts';

/**
 * Counts failures per client (an address, a username, or '*' for a budget
 * shared by everyone) in a sliding window, in SQLite so that a restart does
 * not reset them. It only counts and answers "how long until this client is
 * under the limit again"; what to refuse, and when, is the caller's policy
 * (see join-guard.ts and instructor-auth.ts).
 */
export interface RateLimiterOptions {
  readonly store: RateLimitStore;
  /** Which budget this is: limiters sharing a store never share counts. */
  readonly name: string;
  readonly limit: number;
  readonly windowMs: number;
  readonly now?: () => number;
}

export class FailureRateLimiter {
  readonly #store: RateLimitStore;
  readonly #name: string;
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;

  constructor(options: RateLimiterOptions) {
    this.#store = options.store;
    this.#name = options.name;
    this.#limit = options.limit;
    this.#windowMs = options.windowMs;
    this.#now = options.now ?? Date.now;
  }

  /** Milliseconds until this client is under the limit again; 0 if it is now. */
  retryAfterMs(client: string): number {
    const now = this.#now();
    // At the limit when the limit-th most recent failure is still in the window;
    // under it again once that failure leaves the window.
    const limitTh = this.#store.nthNewestFailureAt(this.#name, client, now - this.#windowMs, this.#limit - 1);
    return limitTh === undefined ? 0 : Math.max(1, limitTh + this.#windowMs - now);
  }

  fail(client: string): void {
    const now = this.#now();
    // Forgetting expired rows as we write keeps the table at most one window of failures.
    this.#store.prune(this.#name, now - this.#windowMs);
    this.#store.record(this.#name, client, now);
  }
}
