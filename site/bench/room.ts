/**
 * The closed-loop worst case: every simulated attendee (a self-paced visitor)
 * loops Run (lab solution) then Check with no think time for a fixed time,
 * so the runner is never idle and its pool never refills. Reports errors,
 * Check and Run percentiles. Traffic stays on loopback and stops by itself.
 */
import { performance } from 'node:perf_hooks';
import type { BenchServer } from './bench-server.ts';
import { Browser } from './browser.ts';
import { summarize, type Summary } from './stats.ts';

export interface RoomFigures {
  readonly attendees: number;
  readonly seconds: number;
  readonly runs: number;
  readonly checks: number;
  readonly errors: string[];
  readonly checkMs: Summary;
  readonly runMs: Summary;
}

export async function simulateRoom(
  server: BenchServer,
  lab: { id: string; solution: Record<string, string> },
  options: { attendees: number; seconds: number },
): Promise<RoomFigures> {
  const errors: string[] = [];
  const checkTimes: number[] = [];
  const runTimes: number[] = [];
  const deadline = performance.now() + options.seconds * 1000;
  const attendee = async (): Promise<void> => {
    const browser = new Browser(server.siteUrl);
    await browser.visit();
    while (performance.now() < deadline) {
      const run = await browser.run(lab.id, lab.solution);
      runTimes.push(run.ms);
      if (run.error) errors.push(`run: ${run.error}`);
      const check = await browser.check(lab.id);
      checkTimes.push(check.ms);
      if (check.status !== 200 || !check.passed) errors.push(`check ${check.status}`);
    }
  };
  await Promise.all(Array.from({ length: options.attendees }, attendee));
  return {
    attendees: options.attendees,
    seconds: options.seconds,
    runs: runTimes.length,
    checks: checkTimes.length,
    errors,
    checkMs: summarize(checkTimes),
    runMs: summarize(runTimes),
  };
}
