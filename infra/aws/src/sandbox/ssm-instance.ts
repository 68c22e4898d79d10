import { randomUUID } from 'node:crypto';
import { constants } from 'node:os';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { RunRefusedError, type RunRequest, type RunResult, type SandboxInstance } from '@keyless/labs/sandbox';
import { DEFAULT_LIMITS, PROJECT_CAPS, RunRequestError } from '@keyless/local-sandbox/runner';
import { buildRunScript, MAX_SCRIPT_BYTES, RESULT_MARKER } from './run-script.ts';
import type { RunWindows } from './run-windows.ts';
import { runSsmCommand } from './ssm-command.ts';

/**
 * The AWS Sandbox's instance: attendee code runs on the attendee's own EC2
 * instance through SSM Run Command, with the local runner's time and memory
 * bounds (DEFAULT_LIMITS: 10 s, 128 MiB heap). Output is bounded by what
 * GetCommandInvocation returns inline (24,000 characters of stdout, 8,000
 * of stderr), so the script caps stdout at 24,000 bytes and stderr at 7,600
 * (room for its result line), below local mode's 64 KiB; see docs/aws.md.
 */
export const AWS_RUN_LIMITS = {
  timeoutMs: DEFAULT_LIMITS.timeoutMs,
  maxHeapMb: DEFAULT_LIMITS.maxHeapMb,
  maxStdoutBytes: 24_000,
  maxStderrBytes: 7_600,
} as const;

/** Time SSM needs to deliver a command and start it, on top of the Run's own limit. */
const DELIVERY_SLACK_MS = 30_000;

export interface SsmInstanceOptions {
  readonly ssm: SSMClient;
  readonly instanceId: string;
  /** The Run's environment: the sandbox outputs as variables (outputsToEnv), no endpoint overrides. */
  readonly env: () => Promise<Record<string, string>>;
  readonly windows: RunWindows;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly pollMs?: number;
}

export function createSsmInstance(options: SsmInstanceOptions): SandboxInstance {
  const now = options.now ?? Date.now;
  let running = false;
  return {
    async run(request: RunRequest): Promise<RunResult> {
      if (running) throw new RunRefusedError('Your previous Run has not finished yet.', 'already-running', undefined);
      validate(request);
      const timeoutMs = Math.min(request.timeoutMs ?? AWS_RUN_LIMITS.timeoutMs, AWS_RUN_LIMITS.timeoutMs);
      const runId = randomUUID();
      const script = buildRunScript({
        files: request.files,
        entry: request.entry,
        env: { ...(await options.env()), ...request.env },
        timeoutMs,
        maxHeapMb: AWS_RUN_LIMITS.maxHeapMb,
        maxOutputBytes: AWS_RUN_LIMITS.maxStdoutBytes,
        maxStderrBytes: AWS_RUN_LIMITS.maxStderrBytes,
        runId,
      });
      if (Buffer.byteLength(script) > MAX_SCRIPT_BYTES)
        throw new RunRequestError('The project is too large to send to your instance.', 'Keep the project under about 40 kB of code.');
      running = true;
      const startedAt = now();
      const window = options.windows.open(runId, request.labId, startedAt);
      try {
        let started = false;
        const result = await runSsmCommand({
          ssm: options.ssm,
          instanceId: options.instanceId,
          commands: [script],
          executionTimeoutSeconds: Math.ceil(timeoutMs / 1000) + 15,
          comment: `keyless run ${runId}`,
          deadlineMs: timeoutMs + DELIVERY_SLACK_MS,
          now,
          ...(options.sleep ? { sleep: options.sleep } : {}),
          ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
          ...(request.signal ? { signal: request.signal } : {}),
          onStatus(status) {
            if (status === 'Pending' || status === 'Delayed') request.onQueued?.(0);
            else if (!started) {
              started = true;
              request.onStarted?.();
            }
          },
          onOutput(stream, text) {
            // The result line is the script's, not the attendee's: never stream it.
            const shown = stream === 'stderr' ? text.split(`\n${RESULT_MARKER}`)[0] : text;
            if (shown !== undefined && shown !== '') request.onOutput?.(stream, shown);
          },
        });
        return toRunResult(result, runId, timeoutMs, now() - startedAt);
      } finally {
        running = false;
        window.close(now());
      }
    },
  };
}

interface ScriptResult {
  readonly exitCode: number;
  readonly durationMs: number;
  readonly stdoutBytes: number;
  readonly stderrBytes: number;
}

function toRunResult(
  result: { status: string; stdout: string; stderr: string; cancelled: boolean },
  runId: string,
  timeoutMs: number,
  elapsedMs: number,
): RunResult {
  const at = result.stderr.lastIndexOf(`\n${RESULT_MARKER} `);
  const stderr = at === -1 ? result.stderr : result.stderr.slice(0, at);
  const parsed = at === -1 ? undefined : parseResult(result.stderr.slice(at + RESULT_MARKER.length + 2));
  if (!parsed) {
    const why = result.cancelled ? 'it did not finish in time' : `SSM reported ${result.status}`;
    return {
      exitCode: null,
      signal: result.cancelled ? 'SIGKILL' : null,
      stdout: result.stdout,
      stderr,
      durationMs: elapsedMs,
      timedOut: result.cancelled,
      outputTruncated: false,
      outOfMemory: false,
      runId,
      notes: [`Your instance did not report how the Run ended: ${why}.`],
    };
  }
  const signalNumber = parsed.exitCode > 128 ? parsed.exitCode - 128 : undefined;
  const signal = signalNumber === undefined ? null : (Object.entries(constants.signals).find(([, n]) => n === signalNumber)?.[0] ?? null);
  const timedOut = signal === 'SIGKILL' && parsed.durationMs >= timeoutMs;
  const outOfMemory = /heap out of memory|Reached heap limit/.test(stderr);
  const outputTruncated = parsed.stdoutBytes > AWS_RUN_LIMITS.maxStdoutBytes || parsed.stderrBytes > AWS_RUN_LIMITS.maxStderrBytes;
  const notes = [
    ...(timedOut ? [`Your code ran longer than ${String(timeoutMs / 1000)} s and was stopped.`] : []),
    ...(outputTruncated ? ['Your code printed more than a Run keeps; the rest was cut off.'] : []),
  ];
  return {
    exitCode: signal === null ? parsed.exitCode : null,
    signal,
    stdout: result.stdout,
    stderr,
    durationMs: parsed.durationMs,
    timedOut,
    outputTruncated,
    outOfMemory,
    runId,
    ...(notes.length > 0 ? { notes } : {}),
  };
}

function parseResult(line: string): ScriptResult | undefined {
  try {
    const value = JSON.parse(line.trim()) as Partial<ScriptResult>;
    const fields = [value.exitCode, value.durationMs, value.stdoutBytes, value.stderrBytes];
    if (!fields.every((field) => Number.isInteger(field))) return undefined;
    return value as ScriptResult;
  } catch {
    return undefined;
  }
}

function validate(request: RunRequest): void {
  const names = Object.keys(request.files);
  if (!names.includes(request.entry)) throw new RunRequestError(`The entry file "${request.entry}" is not in the project.`, 'Send it too.');
  if (names.length > PROJECT_CAPS.maxFiles) throw new RunRequestError(`The project has ${String(names.length)} files.`, 'Send fewer.');
  for (const name of names) {
    if (name.startsWith('/') || name.split('/').includes('..') || name.length > PROJECT_CAPS.maxPathLength)
      throw new RunRequestError(`"${name}" is not a project path.`, 'Use relative paths inside the project.');
  }
}
