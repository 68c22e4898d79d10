import type { SSMClient } from '@aws-sdk/client-ssm';
import { IMDS_RECORDER_LOG_PATH } from '../contract/instance-paths.ts';
import { runSsmCommand } from './ssm-command.ts';

/**
 * IMDS requests are visible to no AWS service, so the attendee stack's user
 * data puts a recorder in front of 169.254.169.254 that appends one JSON line
 * per request to a root-owned log the runner user cannot write. This reads
 * the newest lines back through SSM Run Command (as root).
 */
export interface ImdsLogLine {
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly sessionToken: boolean;
}

/** Lines read per query: a lab's Runs make a handful of IMDS requests each. */
const TAIL_LINES = 500;

export async function readImdsLog(options: {
  ssm: SSMClient;
  instanceId: string;
  sleep?: (ms: number) => Promise<void>;
  pollMs?: number;
}): Promise<ImdsLogLine[]> {
  const result = await runSsmCommand({
    ssm: options.ssm,
    instanceId: options.instanceId,
    // `|| true`: no log yet (no request made) is an empty answer, not a failure.
    commands: [`tail -n ${String(TAIL_LINES)} ${IMDS_RECORDER_LOG_PATH} 2>/dev/null || true`],
    executionTimeoutSeconds: 10,
    comment: 'keyless read imds evidence',
    deadlineMs: 20_000,
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
  });
  if (result.status !== 'Success') throw new Error(`reading the IMDS recorder log failed: SSM reported ${result.status}`);
  return parseImdsLog(result.stdout);
}

/** Parses recorder lines; a malformed line (a partial write, say) is skipped. */
export function parseImdsLog(text: string): ImdsLogLine[] {
  const lines: ImdsLogLine[] = [];
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    try {
      const value = JSON.parse(raw) as Partial<ImdsLogLine>;
      if (
        typeof value.at === 'number' &&
        typeof value.method === 'string' &&
        typeof value.path === 'string' &&
        typeof value.status === 'number' &&
        typeof value.sessionToken === 'boolean'
      )
        lines.push({ at: value.at, method: value.method, path: value.path, status: value.status, sessionToken: value.sessionToken });
    } catch {
      // skipped
    }
  }
  return lines;
}
