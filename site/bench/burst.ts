/**
 * A burst: every attendee of a room (already joined) presses Run once, at a
 * uniformly random moment within `windowSeconds` ("everyone, press Run
 * now"). Every Run must complete; the figure is click → exit. Refusals are
 * errors: the page does not retry by itself, so a 429 is a person staring at
 * "the room is busy" (counted separately, with the Retry-After it gave).
 */
import { machineBusyMs } from './cpu.ts';
import { meterTreeCpu } from './tree-cpu.ts';
import type { BenchServer } from './bench-server.ts';
import type { Browser } from './browser.ts';
import { sampleTreeMemory } from './tree-memory.ts';
import { sleep, summarize, type Summary } from './stats.ts';

export interface BurstFigures {
  readonly attendees: number;
  readonly windowSeconds: number;
  readonly runMs: Summary;
  /** Last click to last exit: how long the room waits after the window. */
  readonly drainMs: number;
  readonly completed: number;
  readonly errors: string[];
  readonly refused429: number;
  readonly machineCpuMsPerRun: number;
  readonly serverCpuMsPerRun: number;
  readonly runsCpuMsPerRun: number;
  readonly peakTreeMiB: number;
}

export async function measureBurst(
  server: BenchServer,
  browsers: readonly Browser[],
  lab: { id: string; solution: Record<string, string> },
  windowSeconds: number,
): Promise<BurstFigures> {
  const times: number[] = [];
  const errors: string[] = [];
  let refused429 = 0;
  const machineBefore = machineBusyMs();
  const meter = meterTreeCpu(server.pid, 100); // Runs last seconds here; a slower sample leaves the cores to the server
  const memory = sampleTreeMemory(server.pid);
  const started = performance.now();
  let lastClick = 0;
  await Promise.all(
    browsers.map(async (browser) => {
      await sleep(Math.random() * windowSeconds * 1000);
      lastClick = Math.max(lastClick, performance.now());
      const run = await browser.run(lab.id, lab.solution);
      times.push(run.ms);
      if (run.status === 429) refused429 += 1;
      if (run.error) errors.push(run.status === 429 ? `429 (Retry-After ${run.retryAfter ?? '?'} s)` : run.error);
    }),
  );
  const drainMs = performance.now() - Math.max(lastClick, started);
  const { peakMiB } = memory.stop();
  const tree = meter.stop();
  const n = browsers.length;
  return {
    attendees: n,
    windowSeconds,
    runMs: summarize(times),
    drainMs,
    completed: n - errors.length,
    errors,
    refused429,
    machineCpuMsPerRun: (machineBusyMs() - machineBefore) / n,
    serverCpuMsPerRun: tree.rootMs / n,
    runsCpuMsPerRun: tree.descendantsMs / n,
    peakTreeMiB: peakMiB,
  };
}
