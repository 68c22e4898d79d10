import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bodyLimitFor } from './body-limits.ts';
import { readBoundedBody } from './bounded-body.ts';
import { answerClientError, answerOptions, checkRequestLine, isRefusal, refuseConnect, SERVER_LIMITS, sendPlain } from './request-guard.ts';
import type { KeylessRuntime } from './runtime.ts';
import { guardListener } from './safety-net.ts';
import { staticAssets } from './static-assets.ts';

type AstroNodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void, locals: { runtime: KeylessRuntime }) => Promise<void>;

export interface SiteServer {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

/**
 * Serves the built site: files from dist/client (precompressed variants, see
 * static-assets.ts), everything else through Astro's request handler with the
 * runtime as `locals`.
 */
export async function startSite(options: {
  runtime: KeylessRuntime;
  distDir: string;
  host: string;
  port: number;
  /** PEM certificate chain and key: serve HTTPS, so cookies are Secure on a shared network. */
  tls?: { cert: string; key: string };
}): Promise<SiteServer> {
  const entry = pathToFileURL(join(options.distDir, 'server', 'entry.mjs')).href;
  const { handler } = (await import(entry)) as { handler: AstroNodeHandler };
  const sendStatic = await staticAssets(join(options.distDir, 'client'));
  // Fresh locals per request: the middleware stores who is asking (attendee, instructor) in them.
  const renderWithAstro = (req: IncomingMessage, res: ServerResponse): Promise<void> =>
    handler(req, res, () => notFound(res), { runtime: options.runtime });

  const listener = guardListener(async (req, res) => {
    const target = checkRequestLine(req);
    if (isRefusal(target)) return sendPlain(res, target);
    if (req.method === 'OPTIONS') return answerOptions(res, target.decoded);
    // Read the body here, bounded per route, so Astro only ever sees one that fits.
    const read = await readBoundedBody(req, bodyLimitFor(target.decoded));
    if (!read.ok) return sendPlain(res, read, true);
    if (read.body) Object.assign(req, { body: read.body }); // Astro's request adapter takes a pre-read body from `req.body`
    const isFile = (req.method === 'GET' || req.method === 'HEAD') && extname(target.pathname) !== '';
    if (isFile && (await sendStatic(req, res, target.pathname))) return;
    // Returned, not fired and forgotten: a rejection Astro lets escape reaches the safety net.
    return renderWithAstro(req, res);
  });
  const server: Server = options.tls
    ? createTlsServer({ ...SERVER_LIMITS, ...options.tls }, listener)
    : createServer(SERVER_LIMITS, listener);
  // Malformed HTTP the parser refuses (header too large, bad request line, timeouts) gets a status and a reason.
  server.on('clientError', answerClientError);
  server.on('connect', refuseConnect);
  // Node's own answer to an Expect other than 100-continue is a bare 417 with no reason.
  server.on('checkExpectation', (_req: IncomingMessage, res: ServerResponse) =>
    sendPlain(res, { status: 417, message: 'Only "Expect: 100-continue" is supported.' }, true),
  );
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  const displayHost = options.host === '0.0.0.0' || options.host === '127.0.0.1' ? 'localhost' : options.host;
  // Browser Runs call the emulator from pages of this origin (either loopback name): it answers CORS for these only.
  options.runtime.browserRuns?.allowOrigins([`http://${displayHost}:${String(port)}`, `http://127.0.0.1:${String(port)}`]);
  return {
    url: `${options.tls ? 'https' : 'http'}://${displayHost}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function notFound(res: ServerResponse): void {
  res.statusCode = 404;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end('Not found');
}
