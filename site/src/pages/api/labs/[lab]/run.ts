import type { APIRoute } from 'astro';
import { validateWorkspaceFiles } from '../../../../server/runtime.ts';
import { attendeeAndLab, BadRequest, json, readJson, sandboxRefusal } from '../../../../server/api.ts';

/**
 * Runs the attendee's files on their sandbox instance. The response is
 * NDJSON, streamed as output arrives: `{"type":"output",...}` lines, then one
 * `{"type":"exit",...}` line with the result.
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
    if (error instanceof BadRequest) return json(error.status, { error: error.message });
    throw error;
  }
  const files = validateWorkspaceFiles(lab, (body as { files?: unknown } | null)?.files);
  if (typeof files === 'string') return json(400, { error: files });

  const encoder = new TextEncoder();
  const abort = new AbortController();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const emit = (event: object): void => controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      context.locals.runtime
        .run(attendee, lab, files, { signal: abort.signal, onOutput: (stream, chunk) => emit({ type: 'output', stream, chunk }) })
        .then((result) => emit({ type: 'exit', ...result }))
        .catch((error: unknown) => emit({ type: 'error', message: error instanceof Error ? error.message : String(error) }))
        .finally(() => controller.close());
    },
    cancel() {
      abort.abort(); // the browser went away: stop the attendee's process
    },
  });
  return new Response(stream, { headers: { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' } });
};
