import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { RunResult } from '@keyless/labs/sandbox';
import type { Command } from './jail.ts';
import { watchMemory } from './memory-watch.ts';
import { createOutputCollector } from './output.ts';

type OutputListener = (stream: 'stdout' | 'stderr', chunk: string) => void;

/** How a process is started; the same for a pooled process and one started for a Run. */
export interface SpawnSpec {
  readonly command: Command;
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly maxOutputBytes: number;
  /** Resident memory of the whole tree; past it the run is killed as out of memory. */
  readonly maxRssBytes: number;
  /** bwrap reports a child killed by signal N as exit code 128+N. */
  readonly exitCodeEncodesSignal: boolean;
}

/** What one Run adds when it takes the process. */
export interface BeginSpec {
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  readonly onOutput: OutputListener | undefined;
  /** Written to the process's stdin, which is then closed (the assignment of a pooled process). */
  readonly stdin?: string;
}

export interface ProcessSpec extends SpawnSpec, Omit<BeginSpec, 'stdin'> {}

/** A started process that waits for its Run: limits on time start only at `begin`. */
export interface JailedProcess {
  /** True once it exited (a pooled process that died while waiting must not be handed out). */
  readonly exited: boolean;
  /** Hands the process its Run; resolves when it has exited. Call once. */
  begin(spec: BeginSpec): Promise<RunResult>;
  /** Kills the process group (an unused pooled process at shutdown). */
  kill(): void;
}

/** V8's last words when the heap cap is hit (`--max-old-space-size`). */
const OOM_MARKERS = ['JavaScript heap out of memory', 'Reached heap limit'];
/** After SIGKILL, how long to wait for the pipes to close before giving up on them. */
const CLOSE_GRACE_MS = 2_000;

/**
 * Starts one command in its own process group. Output caps and the memory
 * watch hold from the start; the wall clock, abort and output streaming
 * belong to the Run and start with `begin`.
 */
export function startProcess(spec: SpawnSpec): JailedProcess {
  const child = spawn(spec.command.command, spec.command.args, {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    // Own process group, so kill(-pid) reaches everything it started.
    detached: true,
  });
  child.stdin.on('error', () => {}); // a process that exits before reading its assignment
  let killed = false;
  let exited = false;
  let outOfMemory = false;
  let oomTail = '';
  let listener: OutputListener | undefined;
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

  const forward =
    (stream: 'stdout' | 'stderr') =>
    (text: string): void => {
      if (stream === 'stderr' && !outOfMemory) {
        const window = oomTail + text;
        outOfMemory = OOM_MARKERS.some((marker) => window.includes(marker));
        oomTail = window.slice(-64);
      }
      listener?.(stream, text);
    };
  const stdout = createOutputCollector(spec.maxOutputBytes, forward('stdout'));
  const stderr = createOutputCollector(spec.maxOutputBytes, forward('stderr'));
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk) || kill());
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk) || kill());
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null } | Error>((resolve) => {
    child.once('error', (error) => resolve(error));
    child.once('close', (code, signal) => resolve({ code, signal }));
  });

  return {
    get exited() {
      return exited;
    },
    kill,
    async begin(run) {
      const started = performance.now();
      let timedOut = false;
      listener = run.onOutput;
      // Watched from the Run on: a waiting process runs only our warm-up, and reading
      // /proc every 100 ms for every pooled process cost the server more than the Runs.
      const memory =
        child.pid === undefined || exited
          ? undefined
          : watchMemory(child.pid, spec.maxRssBytes, () => {
              outOfMemory = true;
              kill();
            });
      const timer = setTimeout(() => {
        timedOut = true;
        kill();
      }, run.timeoutMs);
      const onAbort = (): void => kill();
      run.signal?.addEventListener('abort', onAbort, { once: true });
      if (run.signal?.aborted) kill();
      child.stdin.end(run.stdin ?? '');
      const ended = await closed;
      clearTimeout(timer);
      memory?.stop();
      run.signal?.removeEventListener('abort', onAbort);
      if (ended instanceof Error) throw ended;
      stdout.end();
      stderr.end();
      let exitCode = ended.code;
      let signalName: string | null = ended.signal;
      if (spec.exitCodeEncodesSignal && exitCode !== null && exitCode > 128 && exitCode < 128 + 65) {
        const name = Object.entries(constants.signals).find(([, number]) => number === (exitCode ?? 0) - 128)?.[0];
        if (name !== undefined) [exitCode, signalName] = [null, name];
      }
      return {
        exitCode,
        signal: signalName,
        stdout: stdout.text,
        stderr: stderr.text,
        durationMs: Math.round(performance.now() - started),
        timedOut,
        outputTruncated: stdout.truncated || stderr.truncated,
        outOfMemory,
      };
    },
  };
}

/** Starts a command and runs it at once (the compile-cache warm-up). */
export function runProcess(spec: ProcessSpec): Promise<RunResult> {
  return startProcess(spec).begin(spec);
}
