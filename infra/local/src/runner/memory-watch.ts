import { closeSync, openSync, readSync } from 'node:fs';

/**
 * `--max-old-space-size` bounds the JS heap only; Buffers and ArrayBuffers
 * live outside it. RLIMIT_AS and RLIMIT_DATA cannot close the gap (both make
 * V8 fail its start-up reservations), so on Linux the runner watches the
 * resident memory of the whole process tree instead and kills it past a cap.
 * Elsewhere (macOS) there is no /proc and this watch is a no-op.
 */
export interface MemoryWatch {
  stop(): void;
}

const INTERVAL_MS = 100;

export function watchMemory(rootPid: number, maxRssBytes: number, onExceeded: () => void): MemoryWatch {
  if (process.platform !== 'linux') return { stop() {} };
  let stopped = false;
  const timer = setInterval(() => {
    if (stopped || treeRss(rootPid) <= maxRssBytes) return;
    stopped = true;
    clearInterval(timer);
    onExceeded();
  }, INTERVAL_MS);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}

/**
 * Read synchronously into one reused buffer: /proc files are made in memory
 * and read in microseconds, while `fs.promises.readFile` allocated a fresh
 * 64 KiB buffer per file and went through the thread pool — with a room's
 * Runs each watched every 100 ms, that was ≈ 20 % of the server's CPU in a
 * burst (measured with --cpu-prof).
 */
const buffer = Buffer.allocUnsafe(8192);
function readProc(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return ''; // the process is gone; 'close' will settle the run
  }
  try {
    return buffer.toString('latin1', 0, readSync(fd, buffer, 0, buffer.length, 0));
  } catch {
    return '';
  } finally {
    closeSync(fd);
  }
}

/** Sum of VmRSS over a process and its descendants (bwrap → bwrap init → node). */
function treeRss(pid: number, depth = 0): number {
  const kib = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(readProc(`/proc/${String(pid)}/status`))?.[1] ?? 0);
  let total = kib * 1024;
  if (depth > 4) return total;
  for (const child of readProc(`/proc/${String(pid)}/task/${String(pid)}/children`)
    .split(' ')
    .filter(Boolean))
    total += treeRss(Number(child), depth + 1);
  return total;
}

/** Resident-memory cap derived from the heap cap: heap, plus Node, the SDK and modest buffers. */
export function rssCapBytes(maxHeapMb: number): number {
  return (2 * maxHeapMb + 256) * 1024 * 1024;
}
