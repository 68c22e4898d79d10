/**
 * The bench's table: one row per figure, with its target (from issue 9 and
 * the README) and whether this run met it. Ratios are against the floor
 * measured in the same run, so a slow machine shows as a slow floor, not as
 * a slow product.
 */
import { median, percentile } from './stats.ts';
import type { BenchResults } from './suite.ts';

export interface Row {
  readonly scenario: string;
  readonly figure: string;
  readonly value: string;
  readonly target: string;
  /** undefined: informational, no target. */
  readonly met: boolean | undefined;
}

const ms = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(0)} ms` : 'n/a');

export function benchRows(results: BenchResults): Row[] {
  const rows: Row[] = [];
  const add = (scenario: string, figure: string, value: string, target = '', met?: boolean): void => {
    rows.push({ scenario, figure, value, target, met: target ? met : undefined });
  };
  const { floor, today, perLab, wireBytes, burst, room, tokens } = results;
  if (floor) {
    add('floor', 'node -e 0, wall (median)', `${ms(floor.nodeStartMs)} (n=${floor.spawns})`);
    add('floor', 'node -e 0, CPU (mean)', ms(floor.nodeStartCpuMs));
    add('floor', 'RSA-2048 sign (median)', `${floor.rsaSignMs.toFixed(2)} ms (n=${floor.signatures})`);
  }
  if (today) {
    const { runCheck, join } = today;
    add('today', 'start-up (emulated AWS + site)', ms(today.startupMs));
    add(
      'today',
      'first visit → first green check, p50',
      ms(median(runCheck.firstGreenMs)),
      '≤ 2000 ms',
      median(runCheck.firstGreenMs) <= 2000,
    );
    add(
      'today',
      'Run back to back, p50 / p95',
      `${ms(percentile(runCheck.runMs, 50))} / ${ms(percentile(runCheck.runMs, 95))} (n=${runCheck.runMs.length})`,
    );
    const checkP50 = percentile(runCheck.checkMs, 50);
    add(
      'today',
      'Check p50 / p95',
      `${ms(checkP50)} / ${ms(percentile(runCheck.checkMs, 95))} (n=${runCheck.checkMs.length})`,
      'p50 ≤ 50 ms',
      checkP50 <= 50,
    );
    add('today', 'code entry → lab page, p50', ms(median(join.joinToLabPageMs)), '≤ 1000 ms', median(join.joinToLabPageMs) <= 1000);
    const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB gzip`;
    add('today', 'lab-page JS before the editor', kb(runCheck.initialJsGzipBytes), '≤ 100 KB', runCheck.initialJsGzipBytes <= 100 * 1024);
    add('today', 'lab-page JS, event attendee', kb(join.eventLabPageJsGzipBytes), '≤ 100 KB', join.eventLabPageJsGzipBytes <= 100 * 1024);
    if (runCheck.errors.length) add('today', 'errors', String(runCheck.errors.length), '0', false);
  }
  if (perLab) {
    for (const lab of perLab) {
      const ratio = floor ? lab.p50Ms / floor.nodeStartMs : Number.NaN;
      const cpu = `CPU/Run: machine ${ms(lab.machineCpuMsPerRun)}, server ${ms(lab.serverCpuMsPerRun)} + jailed ${ms(lab.runsCpuMsPerRun)}`;
      add(
        'Run per lab',
        `${lab.lab}, p50`,
        `${ms(lab.p50Ms)} = ${ratio.toFixed(1)}× floor; ${cpu}${lab.errors.length ? `; ${lab.errors.length} errors` : ''}`,
        '≤ 3× floor, 0 errors',
        ratio <= 3 && lab.errors.length === 0,
      );
    }
  }
  if (wireBytes) {
    const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
    add('wire', 'lab page with editor, cold / warm', `${kib(wireBytes.coldBytes)} / ${kib(wireBytes.warmBytes)}`);
    add(
      'wire',
      `room of ${wireBytes.roomSize}, cold / warm`,
      `${(wireBytes.roomOf150Cold / 2 ** 20).toFixed(1)} MB / ${(wireBytes.roomOf150Warm / 2 ** 20).toFixed(1)} MB`,
    );
    add(
      'wire',
      'JS before the editor, as sent',
      kib(wireBytes.jsBeforeEditorCompressedBytes),
      '≤ 100 KB',
      wireBytes.jsBeforeEditorCompressedBytes <= 100 * 1024,
    );
    add(
      'wire',
      'after it: editor / language service / declarations, as sent',
      `${kib(wireBytes.editorCompressedBytes)} / ${kib(wireBytes.languageServiceCompressedBytes)} / ${kib(wireBytes.declarationsCompressedBytes)}`,
    );
    add(
      'wire',
      "editor's files on the home page",
      kib(wireBytes.editorBytesOnHomePage),
      '0 (lab pages only)',
      wireBytes.editorBytesOnHomePage === 0,
    );
  }
  if (burst) {
    const { runMs } = burst;
    add(
      'burst',
      `${burst.attendees} Runs in ${burst.windowSeconds} s, p50 / p95 / max`,
      `${ms(runMs.p50)} / ${ms(runMs.p95)} / ${ms(runMs.max)}`,
      'p95 ≤ 15 s',
      runMs.p95 <= 15_000,
    );
    add(
      'burst',
      'completed / errors (of which 429)',
      `${burst.completed} / ${burst.errors.length} (${burst.refused429})`,
      'all, 0 errors',
      burst.errors.length === 0,
    );
    add('burst', 'after the last click, until the last exit', ms(burst.drainMs));
    add(
      'burst',
      'CPU per Run',
      `machine ${ms(burst.machineCpuMsPerRun)}, server ${ms(burst.serverCpuMsPerRun)} + jailed ${ms(burst.runsCpuMsPerRun)}`,
    );
    add('burst', 'peak memory, server tree', `${burst.peakTreeMiB.toFixed(0)} MiB`);
  }
  if (room) {
    const label = `${room.attendees} people, ${room.seconds} s`;
    add('room model', `${label}: Runs / Checks`, `${room.runs} / ${room.checks}`);
    add('room model', 'Run p50 / p95', `${ms(room.runMs.p50)} / ${ms(room.runMs.p95)}`, 'p95 ≤ 2000 ms', room.runMs.p95 <= 2000);
    add('room model', 'Check p50 / p99', `${ms(room.checkMs.p50)} / ${ms(room.checkMs.p99)}`, 'p99 ≤ 500 ms', room.checkMs.p99 <= 500);
    add('room model', 'errors (of which 429)', `${room.errors.length} (${room.refused429})`, '0', room.errors.length === 0);
    add('room model', 'peak memory, server tree', `${room.peakTreeMiB.toFixed(0)} MiB (${room.peakProcesses} processes)`);
  }
  if (tokens) {
    add(
      'token endpoint',
      `tokens/s (concurrency ${tokens.concurrency})`,
      `${tokens.tokensPerSecond.toFixed(0)} (p50 ${tokens.p50Ms.toFixed(1)} ms, p99 ${tokens.p99Ms.toFixed(1)} ms, ${tokens.errors} errors)`,
      '≥ 1500/s',
      tokens.tokensPerSecond >= 1500 && tokens.errors === 0,
    );
  }
  return rows;
}

/** A Markdown table, so the same text goes to the terminal and into BENCHMARKS.md. */
export function formatTable(rows: readonly Row[]): string {
  const cells = rows.map((row) => [
    row.scenario,
    row.figure,
    row.value,
    row.target,
    row.met === undefined ? '' : row.met ? 'met' : 'MISSED',
  ]);
  const header = ['scenario', 'figure', 'measured', 'target', ''];
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => (cell[column] ?? '').length)));
  const line = (cell: readonly string[]): string => `| ${cell.map((text, column) => text.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
}
