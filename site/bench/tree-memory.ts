/**
 * Peak resident memory of a process tree (the server and every Run, pooled
 * process and bwrap below it): the sum of VmRSS over the tree, sampled from
 * /proc every `everyMs`. Shared pages (the Node binary, the compile cache)
 * are counted once per process, so this overstates what the machine needs,
 * which is the safe direction for sizing a room's laptop.
 */
import { readFileSync } from 'node:fs';
import { processTree } from './cpu.ts';

function vmRssKiB(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // exited between listing and reading
  }
}

export function treeRssMiB(root: number): number {
  return processTree(root).reduce((sum, pid) => sum + vmRssKiB(pid), 0) / 1024;
}

/** Samples until stopped; `stop()` returns the peak and the process count at that peak. */
export function sampleTreeMemory(root: number, everyMs = 500): { stop(): { peakMiB: number; peakProcesses: number; samples: number } } {
  let peakMiB = 0;
  let peakProcesses = 0;
  let samples = 0;
  const sample = (): void => {
    const tree = processTree(root);
    const mib = tree.reduce((sum, pid) => sum + vmRssKiB(pid), 0) / 1024;
    samples += 1;
    if (mib > peakMiB) [peakMiB, peakProcesses] = [mib, tree.length];
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { peakMiB, peakProcesses, samples };
    },
  };
}
