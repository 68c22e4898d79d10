import type { APIRoute } from 'astro';
import { RunRefusedError } from '@keyless/labs/sandbox';
import { validateWorkspaceFiles } from '../../../../server/runtime.ts';
import { attendeeAndLab, BadRequest, json, readJson, sandboxRefusal } from '../../../../server/api.ts';

/**
 * Runs the attendee's files on their sandbox instance. The response is
 * NDJSON, streamed as things happen: `{"type":"queued","ahead":N}` while the
 * Run waits its turn, `{"type":"started"}`, `{"type":"output",...}` lines,
 * then one `{"type":"exit",...}` line with the result.
 *
 * The answer starts only once the runner has taken the Run (queued or
 * started), so a refusal is a plain HTTP error: 429 with Retry-After when the
 * room is over capacity, 409 while this attendee's previous Run is running.
 */
export const POST: APIRoute = async (context) => {
  const found = attendeeAndLab(context);
  if (found instanceof Response) return found;
  const { attendee, lab } = found;
  const refused = sandboxRefusal(context, attendee);
  if (refused) return refused;
  let body: unknown;
  try {
    body = await readJson(context.request);
  } catch (error) {
    if (error instanceof BadRequest) return json(400, { error: error.message });
    throw error;
  }
  const files = validateWorkspaceFiles(lab, (body as { files?: unknown } | null)?.files);
  if (typeof files === 'string') return json(400, { error: files });

  const encoder = new TextEncoder();
  const abort = new AbortController();
  // Events before the stream exists are held, then sent first.
  const pending: object[] = [];
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  // Once the browser has gone away (cancel), nothing more may be written.
  let gone = false;
  const emit = (event: object): void => {
    if (gone) return;
    if (controller) controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
    else pending.push(event);
  };
  let accepted!: () => void;
  const acceptedByRunner = new Promise<void>((resolve) => (accepted = resolve));
  const running = context.locals.runtime.run(attendee, lab, files, {
    signal: abort.signal,
    onQueued: (ahead) => {
      accepted();
      emit({ type: 'queued', ahead });
    },
    onStarted: (runId) => {
      accepted();
      // The Run's id lets the page show that Run's requests (the Wire view) while it streams.
      emit(runId === undefined ? { type: 'started' } : { type: 'started', runId });
    },
    onOutput: (stream, chunk) => emit({ type: 'output', stream, chunk }),
  });
  const outcome = running.then(
    (result) => ({ ok: true as const, result }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const first = await Promise.race([acceptedByRunner.then(() => undefined), outcome]);
  if (first !== undefined && !first.ok && first.error instanceof RunRefusedError) {
    const { error } = first;
    const headers: Record<string, string> = { 'content-type': 'application/json', 'cache-control': 'no-store' };
    if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
    return new Response(JSON.stringify({ error: error.message }), { status: error.reason === 'busy' ? 429 : 409, headers });
  }

  const stream = new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
      for (const event of pending.splice(0)) emit(event);
      void outcome.then((settled) => {
        if (settled.ok) emit({ type: 'exit', ...settled.result });
        else emit({ type: 'error', message: settled.error instanceof Error ? settled.error.message : String(settled.error) });
        if (!gone) streamController.close();
      });
    },
    cancel() {
      gone = true;
      abort.abort(); // the browser went away: stop the attendee's process
    },
  });
  return new Response(stream, { headers: { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' } });
};
