import { randomInt } from 'node:crypto';

/**
 * Event access codes: printed on table cards and typed on phones, so they use
 * Crockford's base32 alphabet (no I, L, O or U: nothing to confuse with 1 or
 * 0, nothing rude) and end in a check character, so a typo is caught and
 * explained before it counts as a wrong guess.
 *
 * 12 random characters carry 60 bits; the 13th is a Damm check character
 * over GF(32), which detects every single-character error and every swap of
 * two neighbours. Shown grouped as `XXXX-XXXX-XXXX-X`.
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_CHARS = 12;
export const CODE_ENTROPY_BITS = RANDOM_CHARS * Math.log2(CODE_ALPHABET.length);

/** A new random code in canonical form (13 characters, no separators). */
export function generateAccessCode(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < RANDOM_CHARS; i += 1) code += CODE_ALPHABET.charAt(random(CODE_ALPHABET.length));
  return code + checkCharacter(code);
}

/** `ABCDEFGHJKMNP` → `ABCD-EFGH-JKMN-P`. */
export function formatAccessCode(canonical: string): string {
  return canonical.match(/.{1,4}/g)?.join('-') ?? canonical;
}

export type ParsedCode = { ok: true; code: string } | { ok: false; reason: 'empty' | 'length' | 'character' | 'typo' };

/**
 * Reads what a person typed: case-insensitive, spaces and dashes ignored,
 * and Crockford's lenient readings (I and L are 1, O is 0).
 */
export function parseAccessCode(input: string): ParsedCode {
  const compact = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (compact === '') return { ok: false, reason: 'empty' };
  if (Array.from(compact).some((char) => !CODE_ALPHABET.includes(char))) return { ok: false, reason: 'character' };
  if (compact.length !== RANDOM_CHARS + 1) return { ok: false, reason: 'length' };
  if (checkCharacter(compact.slice(0, RANDOM_CHARS)) !== compact[RANDOM_CHARS]) return { ok: false, reason: 'typo' };
  return { ok: true, code: compact };
}

/** Damm's algorithm with the quasigroup x∘y = 2x + y over GF(32). */
function checkCharacter(payload: string): string {
  let interim = 0;
  for (const char of payload) interim = gfDouble(interim) ^ CODE_ALPHABET.indexOf(char);
  // Appending c makes the final interim 2·interim + c = 0, i.e. c = 2·interim.
  return CODE_ALPHABET[gfDouble(interim)] ?? '0';
}

/** Multiplication by x in GF(2^5) modulo the irreducible x^5 + x^2 + 1. */
function gfDouble(value: number): number {
  const shifted = value << 1;
  return shifted & 0b100000 ? (shifted ^ 0b100101) & 0b11111 : shifted;
}
