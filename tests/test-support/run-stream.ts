import type { RunResult } from '@keyless/labs/sandbox';
import type { HttpClient } from './http-client.ts';

/** The `exit` event carries the whole result of the Run. */
export type RunExit = RunResult;

/** What one Run over the API streamed: its events, in order, and the text of each stream. */
export interface RunOutcome {
  readonly status: number;
  readonly events: readonly Record<string, unknown>[];
  readonly stdout: string;
  readonly stderr: string;
  readonly exit: RunExit | undefined;
  /** The raw NDJSON (or error) body, for assertion messages. */
  readonly text: string;
}

/**
 * POSTs a Run as the client's browser would and reads the NDJSON stream as
 * it arrives; `onOutput` sees each output chunk while the Run is still going.
 */
export async function readRun(
  url: string,
  client: HttpClient,
  files: Record<string, string>,
  onOutput?: (text: string) => void,
): Promise<RunOutcome> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (client.cookies.size > 0) headers.cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ files }) });
  const events: Record<string, unknown>[] = [];
  let text = '';
  let buffer = '';
  const decoder = new TextDecoder();
  if (response.body) {
    for await (const chunk of response.body) {
      const piece = decoder.decode(chunk, { stream: true });
      text += piece;
      buffer += piece;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim() || response.status !== 200) continue;
        const event = JSON.parse(line) as Record<string, unknown>;
        events.push(event);
        if (event.type === 'output' && typeof event.chunk === 'string') onOutput?.(event.chunk);
      }
    }
  }
  const streamText = (stream: string): string =>
    events
      .filter((event) => event.type === 'output' && event.stream === stream)
      .map((event) => String(event.chunk))
      .join('');
  const exit = events.find((event) => event.type === 'exit') as RunExit | undefined;
  return { status: response.status, events, stdout: streamText('stdout'), stderr: streamText('stderr'), exit, text };
}
