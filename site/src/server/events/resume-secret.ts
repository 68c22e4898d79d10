import { createHash, randomInt } from 'node:crypto';
import { constantTimeEqual } from '@keyless/local-sandbox/crypto';
import { CODE_ALPHABET } from './access-code.ts';

/**
 * The resume secret is shown once, at join, and lets its holder continue as
 * the same attendee on another device. 20 Crockford characters = 100 bits,
 * so it needs no rate limit to be safe (it gets one anyway). Only its
 * SHA-256 is stored: high-entropy secrets need no slow hash.
 */
const LENGTH = 20;

export function generateResumeSecret(random: (max: number) => number = randomInt): string {
  let secret = '';
  for (let i = 0; i < LENGTH; i += 1) secret += CODE_ALPHABET.charAt(random(CODE_ALPHABET.length));
  return secret.match(/.{4}/g)?.join('-') ?? secret;
}

/** Canonical form of what was typed (case, dashes, I/L/O readings forgiven), or undefined if it cannot be one. */
export function canonicalResumeSecret(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (compact.length !== LENGTH || Array.from(compact).some((char) => !CODE_ALPHABET.includes(char))) return undefined;
  return compact;
}

export function hashResumeSecret(secret: string): string {
  return createHash('sha256')
    .update(canonicalResumeSecret(secret) ?? secret)
    .digest('hex');
}

export function resumeSecretMatches(input: string, storedHash: string): boolean {
  const canonical = canonicalResumeSecret(input);
  if (!canonical) return false;
  return constantTimeEqual(Buffer.from(storedHash, 'hex'), Buffer.from(hashResumeSecret(canonical), 'hex'));
}
