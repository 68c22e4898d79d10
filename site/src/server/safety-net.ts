import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The last line of defence: a bug that throws while answering one request
 * must cost that request, not the process (which also hosts the emulated
 * AWS for the whole room). The error is logged with the method and route
 * only: query strings, cookies and bodies can carry access codes, resume
 * secrets and tokens, and logs get pasted into chat.
 */

interface InFlight {
  readonly method: string;
  readonly route: string;
  readonly response: ServerResponse;
}

const inFlight = new AsyncLocalStorage<InFlight>();

type Listener = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

/** Wraps a request listener: synchronous throws, rejections and errors thrown later in callbacks it started are caught. */
export function guardListener(listener: Listener): (request: IncomingMessage, response: ServerResponse) => void {
  installProcessHandler();
  return (request, response) => {
    const context = { method: request.method ?? '?', route: routeOf(request.url), response };
    inFlight.run(context, () => {
      try {
        const pending = listener(request, response);
        if (pending) pending.catch((error: unknown) => fail(context, error));
      } catch (error) {
        fail(context, error);
      }
    });
  };
}

/** The path without its query string; never the query, which may hold a token. */
function routeOf(url: string | undefined): string {
  const path = (url ?? '').split('?')[0] ?? '';
  // Bounded, and without control characters that could forge log lines.
  return path.slice(0, 200).replace(/[^\x20-\x7e]/g, '?');
}

function fail(context: InFlight, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`[site] unexpected error answering ${context.method} ${context.route}:\n${detail}`);
  const { response } = context;
  if (response.headersSent) {
    response.destroy(); // half a response is worse than none: the client sees the connection drop
    return;
  }
  const body = 'Internal error; the server logged it and keeps serving.\n';
  response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' });
  response.end(body);
}

let installed = false;

/**
 * Errors thrown from callbacks a request handler scheduled (a stream's
 * `error` event with no listener, a timer) reach `uncaughtException` still
 * inside that request's async context, which says which request it was.
 * Anything outside a request keeps Node's default: print and exit, unless
 * someone else (the test runner) listens too and decides.
 */
function installProcessHandler(): void {
  if (installed) return;
  installed = true;
  process.on('uncaughtException', (error, origin) => {
    const context = inFlight.getStore();
    if (context) return fail(context, error);
    if (process.listenerCount('uncaughtException') > 1) return;
    console.error(`Uncaught ${origin === 'unhandledRejection' ? 'rejection' : 'exception'}:`, error);
    process.exit(1);
  });
}
