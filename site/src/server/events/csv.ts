import type { GridColumn, GridRow } from './grid.ts';
import { isoInZone } from './time-zone.ts';

/**
 * The event's results as CSV (RFC 4180), one row per attendee. Display names
 * and tables are attendee input, so cells that a spreadsheet would read as a formula
 * (=, +, -, @, tab, CR) are prefixed with an apostrophe (OWASP CSV injection).
 */
export function resultsCsv(columns: readonly GridColumn[], rows: readonly GridRow[], timeZone: string): string {
  const header = [
    'attendee',
    'joined_at',
    'checks_passed',
    'checks_total',
    'finished',
    ...columns.map((column) => column.key),
    // Last, so the columns earlier exports had keep their places for whatever reads them.
    'table',
    'time_zone',
  ];
  const lines = [
    header,
    ...rows.map((row) => [
      row.displayName,
      // The event's wall clock with its offset: what the room's clock said, and still one instant for a spreadsheet.
      isoInZone(row.joinedAt, timeZone),
      String(row.passed),
      String(row.total),
      row.finished ? 'yes' : 'no',
      ...columns.map((column) => csvStatus(row.cells[column.key])),
      row.table ?? '',
      timeZone,
    ]),
  ];
  return `${lines.map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`;
}

function csvStatus(status: string | undefined): string {
  if (status === 'unlocked') return 'unlocked-by-instructor';
  return status === 'pending' || status === undefined ? '' : status;
}

export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
