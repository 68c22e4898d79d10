import { FailureRateLimiter } from '../events/rate-limiter.ts';
import type { Instructor, InstructorStore } from '../store/index.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';

/** Username of the account local mode signs in with one-time login links (it has no password). */
export const LOCAL_INSTRUCTOR = 'local-instructor';
export const LOGIN_LINK_TTL_MS = 15 * 60 * 1000;
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;

/**
 * Instructor sign-in: passwords (accounts created on the command line) and
 * one-time login links (printed by `npm start` in local mode, or by
 * `scripts/instructor.ts link`). Both end in a session token for the
 * instructor cookie.
 */
export class InstructorAuth {
  readonly #store: InstructorStore;
  // Wrong passwords and dead login links, per client: 10 per 15 minutes.
  readonly #limiter: FailureRateLimiter;
  // Verified when the username is unknown, so a wrong username costs the same time as a wrong password.
  #decoy: Promise<string> | undefined;

  constructor(store: InstructorStore, now: () => number = Date.now) {
    this.#store = store;
    this.#limiter = new FailureRateLimiter({ limit: 10, windowMs: 15 * 60_000, now });
  }

  /** Milliseconds this client must wait before trying to sign in again (0: go ahead). */
  retryAfterMs(client: string): number {
    return this.#limiter.retryAfterMs(client);
  }

  async create(username: string, password: string): Promise<Instructor> {
    if (!USERNAME.test(username)) throw new InstructorError('Usernames are 2–40 characters: lowercase letters, digits, dot, dash, underscore.');
    if (username === LOCAL_INSTRUCTOR) throw new InstructorError(`"${LOCAL_INSTRUCTOR}" is reserved for local mode's login links.`);
    const problem = passwordProblem(password);
    if (problem) throw new InstructorError(`Password rejected: ${problem}.`);
    if (this.#store.byUsername(username)) throw new InstructorError(`An instructor called "${username}" already exists.`);
    return this.#store.create(username, await hashPassword(password));
  }

  /** A session token, or undefined for a wrong username or password (deliberately indistinguishable). */
  async login(username: string, password: string, client: string): Promise<string | undefined> {
    const instructor = this.#store.byUsername(username);
    if (!instructor?.passwordHash) {
      this.#decoy ??= hashPassword('keyless-decoy-password');
      await verifyPassword(password, await this.#decoy);
      this.#limiter.fail(client);
      return undefined;
    }
    if (!(await verifyPassword(password, instructor.passwordHash))) {
      this.#limiter.fail(client);
      return undefined;
    }
    return this.#store.createSession(instructor.id);
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

  /** Exchanges a login-link token for a session token; undefined if it is unknown, used or expired. */
  redeemLoginLink(token: string, client: string): string | undefined {
    const instructorId = this.#store.redeemLoginLink(token);
    if (!instructorId) this.#limiter.fail(client);
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

/** `/instructor/login#token=…`: the token rides in the fragment, which browsers never send to the server. */
export function loginLinkUrl(siteUrl: string, token: string): string {
  return `${siteUrl}/instructor/login#token=${token}`;
}
