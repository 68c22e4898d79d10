import type { RateLimitStore } from '../store/index.ts';
import { addressKey } from './address-key.ts';
import { FailureRateLimiter } from './rate-limiter.ts';

/**
 * How many wrong access codes (and wrong resume secrets) are compared, per
 * address and overall. Two requirements pull against each other:
 *
 * 1. A room of 150 behind one conference NAT, where a few dozen people
 *    mistype the code, is never locked out, and a correct code works even
 *    from an address that has run out of its own budget.
 * 2. Brute force over the codes stays hopeless, from one address or many.
 *
 * The rules, per sliding 10-minute window:
 *
 * - Each address (IPv6: each /64) may have PER_ADDRESS = 100 wrong guesses
 *   compared. Most typos never count at all: the check character catches
 *   every single wrong character and every swap of neighbours and answers
 *   "typo" before any lookup. A wrong code that passes it (two errors, or
 *   last week's card) counts. 40 of those in a room of 150 is well under 100.
 * - Once an address is over its budget, its requests are still compared (so
 *   the room's next correct code works), but each wrong one spends a budget
 *   shared by every over-budget address, OVERFLOW = 200. When that is spent,
 *   an over-budget address is refused before its code is compared. Addresses
 *   under their own budget never notice: only over-budget addresses (someone
 *   actually guessing) can drain the overflow.
 * - No more than TOTAL = 10,000 wrong guesses are compared across all
 *   addresses; beyond that every join is refused before the comparison.
 *   One address can use at most 100 + 200 of it, so reaching it takes about
 *   100 addresses (or /64s) guessing at once.
 * - A success never counts and never resets a count, so holding one valid
 *   code buys an attacker nothing.
 *
 * Why accepting a correct code from a limited address stays safe: the guess
 * rate is capped by what is *compared*, and every compared wrong guess is
 * counted against PER_ADDRESS, OVERFLOW and TOTAL alike. An over-budget
 * address learns "wrong" no faster than the shared 200 per window allows, and
 * all addresses together learn it no faster than 10,000 per window.
 *
 * The arithmetic: codes carry 60 random bits, 2^60 ≈ 1.15e18. A year has
 * 52,596 windows, so at most 10,000 × 52,596 ≈ 5.3e8 guesses a year are
 * compared. Against K = 1,000 valid codes at once (every open event's shared
 * and personal codes), the expected time to hit any one is
 * 1.15e18 / (1,000 × 5.3e8) ≈ 2.2 million years; the chance during a one-day
 * event is 144 × 10,000 × 1,000 / 1.15e18 ≈ 1e-9. From one address (300 per
 * window) it is 73 million years. Resume secrets carry 100 bits and also
 * need a valid code and the attendee's name.
 *
 * What it costs: someone behind the room's own address who drains its 100
 * and the overflow's 200, or about 100 addresses guessing together, can make
 * joins wait for up to 10 minutes after they stop. That is a nuisance the
 * instructor can see (429s with Retry-After), never a break-in.
 */
export const JOIN_LIMITS = { windowMs: 10 * 60_000, perAddress: 100, overflow: 200, total: 10_000 } as const;

export type JoinLimits = { readonly [K in keyof typeof JOIN_LIMITS]: number };

const EVERYONE = '*';

export class JoinGuard {
  readonly #perAddress: FailureRateLimiter;
  readonly #overflow: FailureRateLimiter;
  readonly #total: FailureRateLimiter;

  constructor(options: { store: RateLimitStore; now?: () => number; limits?: JoinLimits }) {
    const { store } = options;
    const now = options.now ?? Date.now;
    const limits = options.limits ?? JOIN_LIMITS;
    const windowMs = limits.windowMs;
    this.#perAddress = new FailureRateLimiter({ store, now, windowMs, name: 'join-address', limit: limits.perAddress });
    this.#overflow = new FailureRateLimiter({ store, now, windowMs, name: 'join-overflow', limit: limits.overflow });
    this.#total = new FailureRateLimiter({ store, now, windowMs, name: 'join-total', limit: limits.total });
  }

  /** 0: this client's code may be compared now. Otherwise how long to wait; the code must not be looked at. */
  retryAfterMs(client: string): number {
    const total = this.#total.retryAfterMs(EVERYONE);
    if (total > 0) return total;
    const own = this.#perAddress.retryAfterMs(addressKey(client));
    if (own === 0) return 0;
    const overflow = this.#overflow.retryAfterMs(EVERYONE);
    // Allowed again when either its own budget or the shared overflow has room.
    return overflow === 0 ? 0 : Math.min(own, overflow);
  }

  /** A wrong code or resume secret was compared for this client. */
  fail(client: string): void {
    const key = addressKey(client);
    if (this.#perAddress.retryAfterMs(key) > 0) this.#overflow.fail(EVERYONE);
    this.#perAddress.fail(key);
    this.#total.fail(EVERYONE);
  }
}
