/**
 * The table an attendee sits at, as printed on the table card: "7", "B3",
 * "12A". Not a secret (it is on the card, and in the card's QR address), only
 * a place: so the instructor walks to the table that is stuck. Short, plain
 * letters and digits (a dash or a space between groups), upper-cased so "b3"
 * and "B3" are one table.
 */
export const MAX_TABLE_LENGTH = 8;

const TABLE = /^[A-Z0-9]+(?:[ -][A-Z0-9]+)*$/;

export type TableResult = { ok: true; table: string | null } | { ok: false; message: string };

/** Absent, null or blank: no table. Anything else must be a short label, or it is refused with what to type. */
export function parseTableLabel(input: unknown): TableResult {
  if (input === undefined || input === null) return { ok: true, table: null };
  if (typeof input !== 'string') return { ok: false, message: 'The table is a short label like 7 or B3, as on your table card.' };
  // Control characters (a pasted newline) are refused rather than folded away: the label is what was typed.
  if (/\p{Cc}/u.test(input.trim()))
    return { ok: false, message: 'The table is letters and digits only, like 7 or B3, as on your table card.' };
  const table = input.normalize('NFKC').trim().replace(/ +/gu, ' ').toUpperCase();
  if (table === '') return { ok: true, table: null };
  if (Array.from(table).length > MAX_TABLE_LENGTH)
    return { ok: false, message: `Keep the table to ${MAX_TABLE_LENGTH} characters, like 7 or B3, as on your table card.` };
  if (!TABLE.test(table)) return { ok: false, message: 'The table is letters and digits only, like 7 or B3, as on your table card.' };
  return { ok: true, table };
}
