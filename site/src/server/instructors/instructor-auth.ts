import { addressKey } from '../events/address-key.ts';
import { FailureRateLimiter } from '../events/rate-limiter.ts';
import { RateLimitStore, type Instructor, type InstructorStore } from '../store/index.ts';
import { hashPassword, passwordProblem, verifyPassword, type ScryptParams } from './password.ts';

/** Username of the account local mode signs in with one-time login links (it has no password). */
export const LOCAL_INSTRUCTOR = 'local-instructor';
export const LOGIN_LINK_TTL_MS = 15 * 60 * 1000;
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;
const PASSWORD_WINDOW_MS = 15 * 60_000;

/**
 * Instructor sign-in: passwords (accounts created on the command line) and
 * one-time login links (printed by `npm start` in local mode, or by
 * `scripts/instructor.ts link`). Both end in a session token for the
 * instructor cookie.
 *
 * Only passwords are rate-limited, and in budgets of their own (never shared
 * with joins): attendee code reaches the site from 127.0.0.1 like an
 * instructor on the same laptop, so nothing attendees can fail may stand
 * between the instructor and a fresh login link. Links need no limit: they
 * are 256-bit random, single use and expire in 15 minutes.
 *
 * Passwords, unlike access codes, may be weak, so a limited password sign-in
 * is refused before the password is verified: 10 wrong per username and 30
 * per address per 15 minutes. That is at most 960 guesses a day at one
 * account, whichever addresses they come from; a 12-character password not
 * among the first few million anyone would try outlasts that for years. The
 * price, someone being able to hold one username's password sign-in shut, is
 * paid by a login link (`npm run instructor -- link`), which always works.
 */
export class InstructorAuth {
  readonly #store: InstructorStore;
  readonly #perUsername: FailureRateLimiter;
  readonly #perAddress: FailureRateLimiter;
  // Verified when the username is unknown, so a wrong username costs the same time as a wrong password.
  #decoy: Promise<string> | undefined;

  readonly #passwordParams: ScryptParams | undefined;

  /** `options.passwordParams`: cheaper scrypt for tests; production uses password.ts's defaults. */
  constructor(
    store: InstructorStore,
    now: () => number = Date.now,
    options: { limits?: RateLimitStore; passwordParams?: ScryptParams } = {},
  ) {
    this.#store = store;
    this.#passwordParams = options.passwordParams;
    const limits = options.limits ?? new RateLimitStore(store.db);
    this.#perUsername = new FailureRateLimiter({
      store: limits,
      name: 'instructor-password-username',
      limit: 10,
      windowMs: PASSWORD_WINDOW_MS,
      now,
    });
    this.#perAddress = new FailureRateLimiter({
      store: limits,
      name: 'instructor-password-address',
      limit: 30,
      windowMs: PASSWORD_WINDOW_MS,
      now,
    });
  }

  /**
   * Milliseconds before a password sign-in from this client (for this
   * username, when given) may be tried (0: go ahead). Login links ignore it.
   */
  retryAfterMs(client: string, username?: string): number {
    const byAddress = this.#perAddress.retryAfterMs(addressKey(client));
    return username === undefined ? byAddress : Math.max(byAddress, this.#perUsername.retryAfterMs(usernameKey(username)));
  }

  async create(username: string, password: string): Promise<Instructor> {
    if (!USERNAME.test(username))
      throw new InstructorError('Usernames are 2–40 characters: lowercase letters, digits, dot, dash, underscore.');
    if (username === LOCAL_INSTRUCTOR) throw new InstructorError(`"${LOCAL_INSTRUCTOR}" is reserved for local mode's login links.`);
    const problem = passwordProblem(password);
    if (problem) throw new InstructorError(`Password rejected: ${problem}.`);
    if (this.#store.byUsername(username)) throw new InstructorError(`An instructor called "${username}" already exists.`);
    return this.#store.create(username, await hashPassword(password, this.#passwordParams));
  }

  /**
   * A session token, or undefined for a wrong username or password
   * (deliberately indistinguishable) or while `retryAfterMs(client, username)`
   * says to wait: then the password is not even verified.
   */
  async login(username: string, password: string, client: string): Promise<string | undefined> {
    if (this.retryAfterMs(client, username) > 0) return undefined;
    const instructor = this.#store.byUsername(username);
    if (!instructor?.passwordHash) {
      this.#decoy ??= hashPassword('keyless-decoy-password', this.#passwordParams);
      await verifyPassword(password, await this.#decoy);
      this.#failed(client, username);
      return undefined;
    }
    if (!(await verifyPassword(password, instructor.passwordHash))) {
      this.#failed(client, username);
      return undefined;
    }
    return this.#store.createSession(instructor.id);
  }

  // Unknown usernames count too, or the limit would tell which accounts exist.
  #failed(client: string, username: string): void {
    this.#perAddress.fail(addressKey(client));
    this.#perUsername.fail(usernameKey(username));
  }

  /** The password-less local-mode account, created on first use. */
  localInstructor(): Instructor {
    const existing = this.#store.byUsername(LOCAL_INSTRUCTOR);
    return existing ? { id: existing.id, username: existing.username } : this.#store.create(LOCAL_INSTRUCTOR, null);
  }

  /** A single-use login token for an existing instructor, valid for 15 minutes. */
  loginLinkToken(username: string): string {
    const instructor = username === LOCAL_INSTRUCTOR ? this.localInstructor() : this.#store.byUsername(username);
    if (!instructor) throw new InstructorError(`No instructor called "${username}".`);
    return this.#store.createLoginLink(instructor.id, LOGIN_LINK_TTL_MS);
  }

  /**
   * Exchanges a login-link token for a session token; undefined if it is
   * unknown, used or expired. Never rate-limited and never counted (see the
   * class comment): a valid link always works.
   */
  redeemLoginLink(token: string): string | undefined {
    const instructorId = this.#store.redeemLoginLink(token);
    return instructorId ? this.#store.createSession(instructorId) : undefined;
  }

  resolveSession(token: string): Instructor | undefined {
    return this.#store.resolveSession(token);
  }

  logout(token: string): void {
    this.#store.deleteSession(token);
  }
}

export class InstructorError extends Error {}

/** Usernames are lowercase; what was typed is folded the same way and bounded, so it cannot bloat the table. */
function usernameKey(username: string): string {
  return username.trim().toLowerCase().slice(0, 64);
}

/** `/instructor/login#token=…`: the token rides in the fragment, which browsers never send to the server. */
export function loginLinkUrl(siteUrl: string, token: string): string {
  return `${siteUrl}/instructor/login#token=${token}`;
}
