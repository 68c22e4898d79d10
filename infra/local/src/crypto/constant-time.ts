import { timingSafeEqual } from 'node:crypto';

/**
 * Compares a secret the caller presented with the one expected, in time that
 * does not depend on where they differ (client secrets, API keys, request
 * tokens, signatures). Lengths are compared first: every secret compared
 * here has a fixed, public format, so its length tells an attacker nothing.
 */
export function constantTimeEqual(expected: string | Uint8Array, given: string | Uint8Array): boolean {
  const a = typeof expected === 'string' ? Buffer.from(expected) : expected;
  const b = typeof given === 'string' ? Buffer.from(given) : given;
  return a.length === b.length && timingSafeEqual(a, b);
}
