/**
 * Display names are typed by attendees and shown to the instructor and (in
 * the grid) to nobody else. They are always rendered as text, never HTML;
 * this file only keeps them readable: no control characters, no bidi
 * overrides that would make one name look like another, bounded length.
 */
export const MAX_NAME_LENGTH = 40;

// C0/C1 controls, lone surrogate halves (only a JSON "\uD800" escape can send one; SQLite would
// store U+FFFD instead, so the name would no longer match itself) and the bidirectional
// embedding/override/isolate characters.
const FORBIDDEN = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]/u;

export type NameResult = { ok: true; name: string; key: string } | { ok: false; message: string };

export function parseDisplayName(input: unknown): NameResult {
  if (typeof input !== 'string') return { ok: false, message: 'Enter the name your instructor should see.' };
  const name = input.normalize('NFC').trim().replace(/\s+/gu, ' ');
  if (name === '') return { ok: false, message: 'Enter the name your instructor should see.' };
  // Characters as a person counts them: code points, not UTF-16 units.
  if (Array.from(name).length > MAX_NAME_LENGTH) return { ok: false, message: `Keep your name to ${MAX_NAME_LENGTH} characters.` };
  if (FORBIDDEN.test(name)) return { ok: false, message: 'Your name contains invisible control characters; type it plainly.' };
  return { ok: true, name, key: nameKey(name) };
}

/** "Ada  Lovelace" and "ada lovelace" are the same person at one event. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();
}
