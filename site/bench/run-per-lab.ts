/**
 * Each lab's solution, Run over HTTP by one attendee, spaced like a person
 * pressing Run (not back to back: the runner refills its pool of pre-started
 * processes in idle time, and a room gives it that time). Reports the median
 * and the CPU each Run costs: machine-wide busy time (/proc/stat) over the
 * series divided by the Runs, which includes the server's own work, the
 * pool refills the Runs caused and anything else the shared machine did;
 * and the server tree's own CPU, split into the server process itself and
 * its descendants (the Runs and the pooled processes they used up), which
 * leaves out whatever else the shared machine was doing (tree-cpu.ts).
 */
import type { Lab } from '@keyless/labs';
import { machineBusyMs } from './cpu.ts';
import { meterTreeCpu } from './tree-cpu.ts';
import type { BenchServer } from './bench-server.ts';
import { Browser } from './browser.ts';
import { median, sleep } from './stats.ts';

export interface LabRunFigures {
  readonly lab: string;
  readonly runs: number;
  readonly p50Ms: number;
  readonly maxMs: number;
  /** The runner's own duration of the process (exit line), median. */
  readonly processP50Ms: number;
  readonly machineCpuMsPerRun: number;
  readonly serverCpuMsPerRun: number;
  readonly runsCpuMsPerRun: number;
  readonly errors: string[];
}

export async function measureRunPerLab(
  server: BenchServer,
  code: string,
  labs: readonly Lab[],
  options: { runs: number; spacingMs: number },
): Promise<LabRunFigures[]> {
  const figures: LabRunFigures[] = [];
  for (const lab of labs) {
    const labId = lab.definition.id;
    const browser = new Browser(server.siteUrl);
    await browser.join(code, `Per-lab ${labId}`);
    const errors: string[] = [];
    const warm = await browser.run(labId, lab.solution); // first Run of a lab: its files and sandbox pages get cached, not counted
    if (warm.error) errors.push(`warm-up: ${warm.error}`);
    await sleep(options.spacingMs);
    const machineBefore = machineBusyMs();
    const meter = meterTreeCpu(server.pid);
    const walls: number[] = [];
    const processes: number[] = [];
    for (let i = 0; i < options.runs; i += 1) {
      const run = await browser.run(labId, lab.solution);
      walls.push(run.ms);
      if (run.exit) processes.push(run.exit.durationMs);
      if (run.error) errors.push(run.error);
      await sleep(options.spacingMs); // counted: the refill this Run caused happens here
    }
    const tree = meter.stop();
    const perRun = (ms: number): number => ms / options.runs;
    figures.push({
      lab: labId,
      runs: options.runs,
      p50Ms: median(walls),
      maxMs: Math.max(...walls),
      processP50Ms: median(processes),
      machineCpuMsPerRun: perRun(machineBusyMs() - machineBefore),
      serverCpuMsPerRun: perRun(tree.rootMs),
      runsCpuMsPerRun: perRun(tree.descendantsMs),
      errors,
    });
  }
  return figures;
}
