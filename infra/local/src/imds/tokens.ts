import { randomBytes } from 'node:crypto';

/** TTL bounds of `X-aws-ec2-metadata-token-ttl-seconds`: one second to six hours. */
export const MIN_TTL_SECONDS = 1;
export const MAX_TTL_SECONDS = 21_600;
/**
 * Live tokens kept per instance. EC2 documents no practical limit; a bound
 * keeps a runaway loop from growing memory (aws_signing_helper keeps 256).
 * When full, the token closest to expiry is dropped.
 */
const MAX_TOKENS = 1024;

/**
 * IMDSv2 session tokens of one instance, in memory: they are opaque,
 * instance-specific and short-lived, and a restarted IMDS forgetting them
 * only costs the SDK one 401 and a new PUT (the SDK's documented recovery).
 */
export class ImdsTokens {
  readonly #now: () => number;
  readonly #tokens = new Map<string, number>();

  constructor(now: () => number) {
    this.#now = now;
  }

  issue(ttlSeconds: number): string {
    this.#sweep();
    if (this.#tokens.size >= MAX_TOKENS) {
      let oldest: [string, number] | undefined;
      for (const entry of this.#tokens) if (!oldest || entry[1] < oldest[1]) oldest = entry;
      if (oldest) this.#tokens.delete(oldest[0]);
    }
    // Shaped like EC2's (base64, "AQAEA…" prefix); the content means nothing.
    const token = `AQAEA${randomBytes(42).toString('base64')}`;
    this.#tokens.set(token, this.#now() + ttlSeconds * 1000);
    return token;
  }

  /** Valid = issued by this instance and not yet expired on the sandbox clock. */
  valid(token: string | undefined): boolean {
    if (!token) return false;
    const expiresAt = this.#tokens.get(token);
    return expiresAt !== undefined && expiresAt > this.#now();
  }

  #sweep(): void {
    const now = this.#now();
    for (const [token, expiresAt] of this.#tokens) if (expiresAt <= now) this.#tokens.delete(token);
  }
}

/** Parses the TTL header; undefined unless it is an integer in 1–21600 (anything else is a 400). */
export function parseTtl(header: string | undefined): number | undefined {
  if (header === undefined || !/^\d+$/.test(header.trim())) return undefined;
  const ttl = Number(header.trim());
  return ttl >= MIN_TTL_SECONDS && ttl <= MAX_TTL_SECONDS ? ttl : undefined;
}
