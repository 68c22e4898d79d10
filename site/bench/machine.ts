/**
 * The machine a bench ran on, recorded with its figures: cores, memory, CPU
 * model, and how busy it already was (the dev box is shared; a figure taken
 * while something else held a core is read with that in mind).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, release, totalmem } from 'node:os';
import { machineBusyMs } from './cpu.ts';
import { sleep } from './stats.ts';

export interface MachineInfo {
  readonly cores: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly kernel: string;
  readonly node: string;
}

export function describeMachine(): MachineInfo {
  let cpuModel = 'unknown';
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpuModel;
  } catch {
    // not Linux: the model stays unknown
  }
  return { cores: availableParallelism(), cpuModel, memoryGiB: totalmem() / 2 ** 30, kernel: release(), node: process.version };
}

/** Cores' worth of CPU the machine spent on other things while the bench sat idle for `ms`. */
export async function backgroundBusyCores(ms: number): Promise<number> {
  const before = machineBusyMs();
  const started = performance.now();
  await sleep(ms);
  return (machineBusyMs() - before) / (performance.now() - started);
}
