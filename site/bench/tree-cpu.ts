/**
 * CPU spent by a process tree (the server and everything below it) over a
 * stretch of time, read from /proc.
 *
 * Why sampling and not cutime: the runner ends a jailed Run by killing its
 * process group, so the outer bwrap often dies before the processes inside
 * its pid namespace; those are then reparented and reaped by someone other
 * than the server, and their CPU never reaches the server's cutime
 * (measured: 70 ms of cutime for four Runs that used over 4 s). So the meter
 * samples every live descendant's own utime+stime every `everyMs` and keeps
 * the last value it saw; a process's final < `everyMs` of CPU before it
 * exits is missed, so the descendants' figure is a lower bound. The root's
 * own figure is exact (it lives throughout).
 */
import { processCpu, processTree } from './cpu.ts';

export interface TreeCpu {
  /** The root process's own CPU: the server (site, emulated AWS, checks, runner bookkeeping, the Runs' channels). */
  readonly rootMs: number;
  /** Every descendant's own CPU (Runs, pooled processes warming up, bwrap); a lower bound, see above. */
  readonly descendantsMs: number;
  readonly processesSeen: number;
}

export function meterTreeCpu(root: number, everyMs = 50): { stop(): TreeCpu } {
  const rootBefore = processCpu(root)?.selfMs ?? Number.NaN;
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const sample = (initial: boolean): void => {
    for (const pid of processTree(root)) {
      if (pid === root) continue;
      const cpu = processCpu(pid);
      if (!cpu) continue;
      if (initial) first.set(pid, cpu.selfMs);
      last.set(pid, cpu.selfMs);
    }
  };
  sample(true);
  const timer = setInterval(() => sample(false), everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample(false);
      let descendantsMs = 0;
      for (const [pid, ms] of last) descendantsMs += ms - (first.get(pid) ?? 0);
      return { rootMs: (processCpu(root)?.selfMs ?? Number.NaN) - rootBefore, descendantsMs, processesSeen: last.size };
    },
  };
}
