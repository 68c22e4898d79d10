/**
 * Where attendee code runs "on the attendee's machine": locally a jailed child
 * process; on AWS the attendee's EC2 instance via SSM Run Command. Time,
 * memory and output are bounded.
 */

export interface RunRequest {
  /** Files of the attendee's project, path relative to the project root → content. */
  readonly files: Readonly<Record<string, string>>;
  /** File to execute, e.g. `main.ts`. */
  readonly entry: string;
  /** Extra environment on top of the sandbox outputs. */
  readonly env?: Readonly<Record<string, string>>;
  /** Wall-clock limit; the process is killed after it. */
  readonly timeoutMs?: number;
  /** Aborts the run (e.g. the browser went away). */
  readonly signal?: AbortSignal;
  /** Called as output arrives, for streaming to the page. */
  readonly onOutput?: (stream: 'stdout' | 'stderr', chunk: string) => void;
}

export interface RunResult {
  /** Exit code, or null when killed by a signal. */
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
  readonly timedOut: boolean;
  /** True when output went past the cap and the process was stopped. */
  readonly outputTruncated: boolean;
  /** True when the process ran out of its memory allowance. */
  readonly outOfMemory: boolean;
}

export interface SandboxInstance {
  run(request: RunRequest): Promise<RunResult>;
}
