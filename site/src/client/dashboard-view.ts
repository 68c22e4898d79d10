import type { GridRow } from '../server/events/grid.ts';
import { compareTables } from '../server/events/room-totals.ts';

/** What the instructor chose to see: the room view's controls, as data. */
export interface RoomFilter {
  readonly sort: 'stuck' | 'name' | 'lab' | 'table' | 'progress' | 'activity';
  readonly show: 'all' | 'stuck' | 'failing' | 'not-started' | 'finished';
  /** Only attendees who reached this lab (on it now, or did something in it); '' for all. The table then shows its checks. */
  readonly lab: string;
  readonly name: string;
  /** Only the attendees at this table; NO_TABLE for those who gave none; '' for all. */
  readonly table: string;
}

/** Not a table label (table-label.ts never makes a lone dash), so it cannot collide with one. */
export const NO_TABLE = '-';

export const DEFAULT_FILTER: RoomFilter = { sort: 'stuck', show: 'all', lab: '', name: '', table: '' };

/**
 * Filters and sorts the rows. `labOrder`: the event's lab ids, so "by lab"
 * sorts in the order attendees do them (then by step, then by name). Pure,
 * so it is tested without a browser.
 */
export function viewRows(rows: readonly GridRow[], filter: RoomFilter, labOrder: readonly string[], now: number): GridRow[] {
  const needle = filter.name.trim().toLocaleLowerCase();
  const shown = rows.filter((row) => {
    if (needle && !row.displayName.toLocaleLowerCase().includes(needle)) return false;
    if (filter.lab && !reached(row, filter.lab, labOrder)) return false;
    if (filter.table && (row.table ?? NO_TABLE) !== filter.table) return false;
    switch (filter.show) {
      case 'stuck':
        return row.stuck !== null;
      case 'failing':
        return row.lastFailing !== null;
      case 'not-started':
        return row.current?.started === false;
      case 'finished':
        return row.finished;
      default:
        return true;
    }
  });
  const byName = (a: GridRow, b: GridRow): number => a.displayName.localeCompare(b.displayName, undefined, { sensitivity: 'base' });
  const position = (row: GridRow): number =>
    row.finished
      ? Infinity
      : row.current?.started === false
        ? -1
        : labOrder.indexOf(row.current?.labId ?? '') * 100 + (row.current?.step ?? 0);
  const timeOnStep = (row: GridRow): number => (row.current ? now - row.current.since : -Infinity);
  const compare: Record<RoomFilter['sort'], (a: GridRow, b: GridRow) => number> = {
    // Stuck first, longest on their step first; then everyone else, longest on their step first.
    stuck: (a, b) => Number(b.stuck !== null) - Number(a.stuck !== null) || timeOnStep(b) - timeOnStep(a) || byName(a, b),
    name: byName,
    lab: (a, b) => position(a) - position(b) || byName(a, b),
    // Table by table, as the instructor walks the room; those who gave none last; stuck first at each table.
    table: (a, b) =>
      Number(a.table === null) - Number(b.table === null) ||
      compareTables(a.table ?? '', b.table ?? '') ||
      Number(b.stuck !== null) - Number(a.stuck !== null) ||
      byName(a, b),
    progress: (a, b) => a.passed - b.passed || byName(a, b),
    activity: (a, b) => b.lastActivityAt - a.lastActivityAt || byName(a, b),
  };
  return shown.sort(compare[filter.sort]);
}

/** On the lab now, or any of its steps past "not reached" (they worked in it, finished it, or were unlocked there). */
function reached(row: GridRow, labId: string, labOrder: readonly string[]): boolean {
  if (row.current?.labId === labId && row.current.started) return true;
  return row.labs[labOrder.indexOf(labId)]?.steps.some((state) => state !== 'not-reached') === true;
}
