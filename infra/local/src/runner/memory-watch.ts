import { readFile } from 'node:fs/promises';

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
  let busy = false;
  const timer = setInterval(() => {
    if (busy || stopped) return;
    busy = true;
    treeRss(rootPid)
      .then((rss) => {
        if (!stopped && rss > maxRssBytes) {
          stopped = true;
          clearInterval(timer);
          onExceeded();
        }
      })
      .catch(() => {}) // the process is gone; 'close' will settle the run
      .finally(() => (busy = false));
  }, INTERVAL_MS);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}

/** Sum of VmRSS over a process and its descendants (bwrap → bwrap init → node). */
async function treeRss(pid: number, depth = 0): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kib = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? 0);
  if (depth > 4) return kib * 1024;
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  let total = kib * 1024;
  for (const child of children.split(' ').filter(Boolean)) total += await treeRss(Number(child), depth + 1);
  return total;
}

/** Resident-memory cap derived from the heap cap: heap, plus Node, the SDK and modest buffers. */
export function rssCapBytes(maxHeapMb: number): number {
  return (2 * maxHeapMb + 256) * 1024 * 1024;
}
