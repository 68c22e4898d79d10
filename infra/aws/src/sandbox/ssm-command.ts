import {
  CancelCommandCommand,
  GetCommandInvocationCommand,
  SendCommandCommand,
  type GetCommandInvocationCommandOutput,
  type SSMClient,
} from '@aws-sdk/client-ssm';

/**
 * One shell command on one instance through SSM Run Command: SendCommand,
 * then GetCommandInvocation until the invocation reaches a final status.
 * Output is reported in increments as SSM makes it visible (on a real
 * account the agent may only upload it at the end; see docs/aws.md).
 *
 * GetCommandInvocation returns at most the first 24,000 characters of
 * stdout and 8,000 of stderr (API reference, GetCommandInvocation:
 * StandardOutputContent / StandardErrorContent); callers keep their output
 * under that.
 */
export interface SsmCommandOptions {
  readonly ssm: SSMClient;
  readonly instanceId: string;
  readonly commands: readonly string[];
  /** Seconds the agent lets the command run (AWS-RunShellScript's executionTimeout). */
  readonly executionTimeoutSeconds: number;
  readonly comment: string;
  /** Wall-clock bound on the whole exchange; past it the command is cancelled. */
  readonly deadlineMs: number;
  readonly pollMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  readonly signal?: AbortSignal;
  readonly onStatus?: (status: string) => void;
  readonly onOutput?: (stream: 'stdout' | 'stderr', text: string) => void;
}

export interface SsmCommandResult {
  readonly status: string;
  readonly stdout: string;
  readonly stderr: string;
  /** True when the deadline passed or the signal aborted, and the command was cancelled. */
  readonly cancelled: boolean;
}

const FINAL = new Set([
  'Success',
  'Failed',
  'Cancelled',
  'TimedOut',
  'DeliveryTimedOut',
  'ExecutionTimedOut',
  'Undeliverable',
  'Terminated',
]);

export async function runSsmCommand(options: SsmCommandOptions): Promise<SsmCommandResult> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const pollMs = options.pollMs ?? 500;
  const start = now();
  const sent = await options.ssm.send(
    new SendCommandCommand({
      InstanceIds: [options.instanceId],
      DocumentName: 'AWS-RunShellScript',
      Comment: options.comment.slice(0, 100),
      // Delivery: an instance that cannot take the command within this fails fast instead of queueing.
      TimeoutSeconds: 30,
      Parameters: { commands: [...options.commands], executionTimeout: [String(options.executionTimeoutSeconds)] },
    }),
  );
  const commandId = sent.Command?.CommandId;
  if (commandId === undefined) throw new Error('SSM SendCommand returned no command id');
  const emitted = { stdout: 0, stderr: 0 };
  let last: GetCommandInvocationCommandOutput | undefined;
  for (;;) {
    if (options.signal?.aborted === true || now() - start > options.deadlineMs) {
      await options.ssm.send(new CancelCommandCommand({ CommandId: commandId, InstanceIds: [options.instanceId] })).catch(() => undefined);
      return { status: 'Cancelled', stdout: last?.StandardOutputContent ?? '', stderr: last?.StandardErrorContent ?? '', cancelled: true };
    }
    await sleep(pollMs);
    try {
      last = await options.ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: options.instanceId }));
    } catch (error) {
      // Right after SendCommand the invocation may not exist yet (eventual consistency); keep polling.
      if (error instanceof Error && error.name === 'InvocationDoesNotExist') continue;
      throw error;
    }
    const status = last.Status ?? 'Pending';
    options.onStatus?.(status);
    for (const stream of ['stdout', 'stderr'] as const) {
      const text = (stream === 'stdout' ? last.StandardOutputContent : last.StandardErrorContent) ?? '';
      if (text.length > emitted[stream]) {
        options.onOutput?.(stream, text.slice(emitted[stream]));
        emitted[stream] = text.length;
      }
    }
    if (FINAL.has(status)) {
      return { status, stdout: last.StandardOutputContent ?? '', stderr: last.StandardErrorContent ?? '', cancelled: false };
    }
  }
}
