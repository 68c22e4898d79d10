import type { GridRow } from './grid.ts';
import type { GridLab } from './lab-progress.ts';

/** How many attendees are on each lab and step right now: what an instructor reads before saying "let's move on". */
export interface RoomTotals {
  readonly attendees: number;
  readonly notStarted: number;
  readonly finished: number;
  readonly stuck: number;
  readonly labs: readonly {
    readonly labId: string;
    readonly title: string;
    /** Attendees working on this lab now (not-started ones are not counted anywhere but in notStarted). */
    readonly here: number;
    /** Attendees who have done every core step of it. */
    readonly done: number;
    readonly steps: readonly { readonly number: number; readonly title: string; readonly here: number; readonly stuck: number }[];
  }[];
  /** Per table attendees gave (in the order tables are numbered: 2 before 10), how many sit there and how many of them are stuck. */
  readonly tables: readonly TableTotals[];
  /** Attendees who gave no table. */
  readonly noTable: number;
}

export interface TableTotals {
  readonly table: string;
  readonly attendees: number;
  readonly stuck: number;
}

/** Pure, so the dashboard recomputes it in the browser on every live row. */
export function roomTotals(labs: readonly GridLab[], rows: readonly GridRow[]): RoomTotals {
  const started = rows.filter((row) => row.current?.started !== false);
  return {
    attendees: rows.length,
    notStarted: rows.length - started.length,
    finished: rows.filter((row) => row.finished).length,
    stuck: rows.filter((row) => row.stuck).length,
    labs: labs.map((lab, index) => {
      const here = started.filter((row) => row.current?.labId === lab.labId);
      return {
        labId: lab.labId,
        title: lab.title,
        here: here.length,
        done: rows.filter((row) => row.labs[index]?.done === true).length,
        steps: lab.steps.map((step) => {
          const onStep = here.filter((row) => row.current?.step === step.number);
          return { number: step.number, title: step.title, here: onStep.length, stuck: onStep.filter((row) => row.stuck).length };
        }),
      };
    }),
    ...tableTotals(rows),
  };
}

function tableTotals(rows: readonly GridRow[]): { tables: TableTotals[]; noTable: number } {
  const tables = new Map<string, { attendees: number; stuck: number }>();
  for (const row of rows) {
    if (row.table === null) continue;
    const totals = tables.get(row.table) ?? { attendees: 0, stuck: 0 };
    totals.attendees += 1;
    if (row.stuck) totals.stuck += 1;
    tables.set(row.table, totals);
  }
  return {
    tables: [...tables].map(([table, totals]) => ({ table, ...totals })).sort((a, b) => compareTables(a.table, b.table)),
    noTable: rows.filter((row) => row.table === null).length,
  };
}

/** Tables in the order they are numbered: "2" before "10", "A2" before "B1". */
export function compareTables(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}
