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
  /** The lab this Run belongs to: its evidence carries it, and that lab's checks judge it. */
  readonly labId?: string;
  /** Called while the Run waits for the runner, with how many Runs are ahead of it (0 = next). */
  readonly onQueued?: (ahead: number) => void;
  /**
   * Called once, when the Run leaves the queue and starts, with the Run's id
   * where the instance knows it by then (its evidence carries the same id), so
   * a page can show that Run's requests while it streams.
   */
  readonly onStarted?: (runId?: string) => void;
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
  /** Identifies this Run; the evidence it produced carries the same id. */
  readonly runId?: string;
  /**
   * What the jail stopped or the limits cut short, in plain words for the
   * attendee (e.g. "Your code tried to reach 10.0.0.1:80; a Run can reach
   * only your sandbox's endpoints").
   */
  readonly notes?: readonly string[];
}

export interface SandboxInstance {
  run(request: RunRequest): Promise<RunResult>;
}

/**
 * A Run the instance would not start, said in words the attendee can act on:
 * `busy` (the room is over capacity; try again after `retryAfterSeconds`) or
 * `already-running` (this attendee's previous Run has not finished).
 */
export class RunRefusedError extends Error {
  readonly reason: 'busy' | 'already-running';
  readonly retryAfterSeconds: number | undefined;

  constructor(message: string, reason: 'busy' | 'already-running', retryAfterSeconds: number | undefined) {
    super(message);
    this.name = 'RunRefusedError';
    this.reason = reason;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
