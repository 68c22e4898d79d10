/** Small typed wrappers around the lab API; every call sends JSON so the server's CSRF guard passes. */
import type { CheckStatus } from '@keyless/labs';

export type Files = Record<string, string>;

export interface CheckResultView {
  checkId: string;
  title: string;
  hint: string;
  status: CheckStatus;
  explanation: string;
}

export type RunEvent =
  | { type: 'queued'; ahead: number }
  | { type: 'started'; runId?: string }
  | { type: 'output'; stream: 'stdout' | 'stderr'; chunk: string }
  | {
      type: 'exit';
      exitCode: number | null;
      durationMs: number;
      timedOut: boolean;
      outputTruncated: boolean;
      outOfMemory: boolean;
      notes?: string[];
      runId?: string;
    }
  | { type: 'error'; message: string };

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const data = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) throw new Error(data.error ?? `${method} ${url} failed with ${response.status}`);
  return data;
}

export const labApi = (labId: string) => {
  const base = `/api/labs/${encodeURIComponent(labId)}`;
  return {
    check: () => request<{ results: CheckResultView[]; passed: boolean }>('POST', `${base}/check`, {}),
    save: (files: Files) =>
      fetch(`${base}/workspace`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ files }) }),
    reset: () => request<{ files: Files }>('DELETE', `${base}/workspace`, {}),
    solution: () => request<{ files: Files }>('GET', `${base}/solution`),
    unlockedCode: () => request<{ files: Files; upToStep: number }>('GET', `${base}/unlocked-code`),
    /** Runs the files and yields events as the server streams them. */
    async *run(files: Files): AsyncGenerator<RunEvent> {
      const response = await fetch(`${base}/run`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ files }),
      });
      if (!response.ok || !response.body) {
        const data = (await response.json().catch(() => ({}))) as { error?: string };
        yield { type: 'error', message: data.error ?? `Run failed with ${response.status}` };
        return;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) yield JSON.parse(line) as RunEvent;
      }
    },
  };
};
