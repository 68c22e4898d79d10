/**
 * CPU time from /proc (Linux), because process.resourceUsage() covers only
 * the calling process and never its children (a Run is a grandchild of the
 * server). Everything is in milliseconds; NaN where /proc is missing
 * (macOS), so a figure that could not be measured is never shown as 0.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: the unit of every tick count in /proc (100 on every Linux we know, but ask). */
const TICK_MS = (() => {
  try {
    return 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  } catch {
    return 10;
  }
})();

/** Busy CPU time of the whole machine, all cores, since boot: everything but idle and iowait. */
export function machineBusyMs(): number {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    return (user + nice + system + irq + softirq + steal) * TICK_MS;
  } catch {
    return Number.NaN;
  }
}

export interface ProcessCpu {
  /** The process's own user + system time. */
  readonly selfMs: number;
  /** cutime + cstime: its children that have exited and been waited for (and theirs, recursively). */
  readonly reapedChildrenMs: number;
  readonly ppid: number;
}

/** utime/stime/cutime/cstime of one process from /proc/<pid>/stat; undefined if it is gone. */
export function processCpu(pid: number | 'self'): ProcessCpu | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses; fields start after its last ')'.
    const fields = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    const at = (field: number): number => fields[field - 3] ?? 0; // field numbers as in proc(5)
    return { selfMs: (at(14) + at(15)) * TICK_MS, reapedChildrenMs: (at(16) + at(17)) * TICK_MS, ppid: at(4) };
  } catch {
    return undefined;
  }
}

/** The pid and every live descendant, found through the ppid of each /proc entry. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [root];
  }
  for (const name of entries) {
    const ppid = processCpu(Number(name))?.ppid;
    if (ppid === undefined) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  const tree: number[] = [];
  const visit = (pid: number): void => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return tree;
}
