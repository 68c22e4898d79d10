import type { GridColumn, GridRow } from './grid.ts';

/**
 * The event's results as CSV (RFC 4180), one row per attendee. Display names
 * are attendee input, so cells that a spreadsheet would read as a formula
 * (=, +, -, @, tab, CR) are prefixed with an apostrophe (OWASP CSV injection).
 */
export function resultsCsv(columns: readonly GridColumn[], rows: readonly GridRow[]): string {
  const header = ['attendee', 'joined_at', 'checks_passed', 'checks_total', 'finished', ...columns.map((column) => column.key)];
  const lines = [
    header,
    ...rows.map((row) => [
      row.displayName,
      new Date(row.joinedAt).toISOString(),
      String(row.passed),
      String(row.total),
      row.finished ? 'yes' : 'no',
      ...columns.map((column) => csvStatus(row.cells[column.key])),
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
