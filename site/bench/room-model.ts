/**
 * The room as people use it: every attendee (already joined) presses Run
 * every 20–40 s (uniformly random; reading, editing and thinking in between),
 * and presses Check once the Run has finished. Each attendee starts at a
 * random point of their first interval, so the room is not synchronised.
 * Reports Run and Check percentiles, errors, and the peak resident memory
 * of the server's whole process tree, sampled every 500 ms.
 */
import type { BenchServer } from './bench-server.ts';
import type { Browser } from './browser.ts';
import { sampleTreeMemory } from './tree-memory.ts';
import { sleep, summarize, type Summary } from './stats.ts';

export interface RoomModelFigures {
  readonly attendees: number;
  readonly seconds: number;
  readonly thinkSeconds: readonly [number, number];
  readonly runs: number;
  readonly checks: number;
  readonly runMs: Summary;
  readonly checkMs: Summary;
  readonly errors: string[];
  readonly refused429: number;
  readonly peakTreeMiB: number;
  readonly peakProcesses: number;
}

export async function simulateRoomModel(
  server: BenchServer,
  browsers: readonly Browser[],
  lab: { id: string; solution: Record<string, string> },
  options: { seconds: number; thinkSeconds: readonly [number, number] },
): Promise<RoomModelFigures> {
  const [low, high] = options.thinkSeconds;
  const think = (): number => (low + Math.random() * (high - low)) * 1000;
  const runTimes: number[] = [];
  const checkTimes: number[] = [];
  const errors: string[] = [];
  let refused429 = 0;
  const memory = sampleTreeMemory(server.pid, 500);
  const deadline = performance.now() + options.seconds * 1000;
  await Promise.all(
    browsers.map(async (browser) => {
      const once = async (): Promise<void> => {
        const run = await browser.run(lab.id, lab.solution);
        runTimes.push(run.ms);
        if (run.status === 429) refused429 += 1;
        if (run.error) {
          errors.push(`run: ${run.error}`);
          return;
        }
        const check = await browser.check(lab.id);
        checkTimes.push(check.ms);
        if (check.status !== 200 || !check.passed) errors.push(`check: HTTP ${check.status}, passed ${check.passed}`);
      };
      // No new Run is started after the deadline; one in flight finishes and counts.
      let wait = Math.random() * think();
      while (performance.now() + wait < deadline) {
        await sleep(wait);
        const pressed = performance.now();
        await once();
        wait = think() - (performance.now() - pressed); // the rhythm counts from the click, as a person's does
      }
    }),
  );
  const peak = memory.stop();
  return {
    attendees: browsers.length,
    seconds: options.seconds,
    thinkSeconds: options.thinkSeconds,
    runs: runTimes.length,
    checks: checkTimes.length,
    runMs: summarize(runTimes),
    checkMs: summarize(checkTimes),
    errors,
    refused429,
    peakTreeMiB: peak.peakMiB,
    peakProcesses: peak.peakProcesses,
  };
}
