/**
 * Counts failures (wrong access codes, wrong resume secrets, wrong passwords)
 * per client in a sliding window and refuses further attempts once the limit
 * is reached. In memory on purpose: a restart forgetting the counts costs an
 * attacker a restart they cannot cause, and the 60-bit code space makes
 * guessing hopeless at any rate this allows.
 *
 * Conference Wi-Fi puts a whole room behind one address, so typos do not
 * count (the access code's check character catches them first) and the
 * limit is generous enough for a room of honest people.
 */
export interface RateLimiterOptions {
  readonly limit: number;
  readonly windowMs: number;
  readonly now?: () => number;
  /** Memory bound: the oldest clients are forgotten beyond this many. */
  readonly maxClients?: number;
}

export class FailureRateLimiter {
  readonly #failures = new Map<string, number[]>();
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #maxClients: number;

  constructor(options: RateLimiterOptions) {
    this.#limit = options.limit;
    this.#windowMs = options.windowMs;
    this.#now = options.now ?? Date.now;
    this.#maxClients = options.maxClients ?? 10_000;
  }

  /** Milliseconds until this client may try again; 0 if it may try now. */
  retryAfterMs(client: string): number {
    const recent = this.#recent(client);
    if (recent.length < this.#limit) return 0;
    const oldestCounted = recent[recent.length - this.#limit] ?? this.#now();
    return Math.max(1, oldestCounted + this.#windowMs - this.#now());
  }

  fail(client: string): void {
    const recent = this.#recent(client);
    recent.push(this.#now());
    this.#failures.delete(client); // re-insert: Map order doubles as least-recently-failed order
    this.#failures.set(client, recent);
    if (this.#failures.size > this.#maxClients) {
      const oldest = this.#failures.keys().next().value;
      if (oldest !== undefined) this.#failures.delete(oldest);
    }
  }

  #recent(client: string): number[] {
    const cutoff = this.#now() - this.#windowMs;
    const recent = (this.#failures.get(client) ?? []).filter((at) => at > cutoff);
    if (recent.length === 0) this.#failures.delete(client);
    else this.#failures.set(client, recent);
    return recent;
  }
}
