import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import send from 'send';
import type { KeylessRuntime } from './runtime.ts';

type AstroNodeHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next: () => void,
  locals: { runtime: KeylessRuntime },
) => Promise<void>;

export interface SiteServer {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

/**
 * Serves the built site: hashed assets from dist/client, everything else
 * through Astro's request handler with the runtime as `locals`.
 */
export async function startSite(options: { runtime: KeylessRuntime; distDir: string; host: string; port: number }): Promise<SiteServer> {
  const entry = pathToFileURL(join(options.distDir, 'server', 'entry.mjs')).href;
  const { handler } = (await import(entry)) as { handler: AstroNodeHandler };
  const clientDir = join(options.distDir, 'client');
  const renderWithAstro = (req: IncomingMessage, res: ServerResponse): void => {
    // Fresh locals per request: the middleware stores who is asking (attendee, instructor) in them.
    void handler(req, res, () => notFound(res), { runtime: options.runtime });
  };

  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if ((req.method === 'GET' || req.method === 'HEAD') && extname(pathname) !== '') {
      send(req, decodeURIComponent(pathname), {
        root: clientDir,
        index: false,
        dotfiles: 'deny',
        // Files under /_astro/ have content hashes in their names.
        immutable: pathname.startsWith('/_astro/'),
        maxAge: pathname.startsWith('/_astro/') ? '365d' : 0,
      })
        .on('error', () => renderWithAstro(req, res))
        .pipe(res);
      return;
    }
    renderWithAstro(req, res);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  const displayHost = options.host === '0.0.0.0' || options.host === '127.0.0.1' ? 'localhost' : options.host;
  return {
    url: `http://${displayHost}:${port}`,
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
