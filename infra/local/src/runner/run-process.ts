import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { RunResult } from '@keyless/labs/sandbox';
import type { Command } from './jail.ts';
import { watchMemory } from './memory-watch.ts';
import { createOutputCollector } from './output.ts';

export interface ProcessSpec {
  readonly command: Command;
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly timeoutMs: number;
  readonly maxOutputBytes: number;
  /** Resident memory of the whole tree; past it the run is killed as out of memory. */
  readonly maxRssBytes: number;
  readonly signal: AbortSignal | undefined;
  readonly onOutput: ((stream: 'stdout' | 'stderr', chunk: string) => void) | undefined;
  /** bwrap reports a child killed by signal N as exit code 128+N. */
  readonly exitCodeEncodesSignal: boolean;
}

/** V8's last words when the heap cap is hit (`--max-old-space-size`). */
const OOM_MARKERS = ['JavaScript heap out of memory', 'Reached heap limit'];
/** After SIGKILL, how long to wait for the pipes to close before giving up on them. */
const CLOSE_GRACE_MS = 2_000;

/**
 * Runs one command in its own process group and enforces the wall clock,
 * output caps and abort by killing the whole group.
 */
export function runProcess(spec: ProcessSpec): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(spec.command.command, spec.command.args, {
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Own process group, so kill(-pid) reaches everything it started.
      detached: true,
    });
    let timedOut = false;
    let killed = false;
    let oomTail = '';
    let outOfMemory = false;
    let settled = false;

    let exited = false;
    child.once('exit', () => (exited = true));
    const kill = (): void => {
      // After 'exit' the pid (and its group id) may be reused: never signal it.
      if (killed || exited || child.pid === undefined) return;
      killed = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      // A stuck pipe must not hang the request.
      setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, CLOSE_GRACE_MS).unref();
    };

    const forward = (stream: 'stdout' | 'stderr') => (text: string): void => {
      if (stream === 'stderr' && !outOfMemory) {
        const window = oomTail + text;
        outOfMemory = OOM_MARKERS.some((marker) => window.includes(marker));
        oomTail = window.slice(-64);
      }
      spec.onOutput?.(stream, text);
    };
    const stdout = createOutputCollector(spec.maxOutputBytes, forward('stdout'));
    const stderr = createOutputCollector(spec.maxOutputBytes, forward('stderr'));
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk) || kill());
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk) || kill());

    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, spec.timeoutMs);
    const memory = child.pid === undefined ? undefined : watchMemory(child.pid, spec.maxRssBytes, () => {
      outOfMemory = true;
      kill();
    });
    const onAbort = (): void => kill();
    spec.signal?.addEventListener('abort', onAbort, { once: true });
    if (spec.signal?.aborted) kill();

    const cleanup = (): void => {
      settled = true;
      clearTimeout(timer);
      memory?.stop();
      spec.signal?.removeEventListener('abort', onAbort);
    };
    child.once('error', (error) => {
      if (settled) return;
      cleanup();
      reject(error);
    });
    child.once('close', (code, signal) => {
      if (settled) return;
      cleanup();
      stdout.end();
      stderr.end();
      let exitCode = code;
      let signalName: string | null = signal;
      if (spec.exitCodeEncodesSignal && code !== null && code > 128 && code < 128 + 65) {
        const name = Object.entries(constants.signals).find(([, number]) => number === code - 128)?.[0];
        if (name !== undefined) [exitCode, signalName] = [null, name];
      }
      resolve({
        exitCode,
        signal: signalName,
        stdout: stdout.text,
        stderr: stderr.text,
        durationMs: Math.round(performance.now() - started),
        timedOut,
        outputTruncated: stdout.truncated || stderr.truncated,
        outOfMemory,
      });
    });
  });
}
