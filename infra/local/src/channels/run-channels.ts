import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { mkdir, rm } from 'node:fs/promises';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { runAsCaller, type RunCaller } from './caller.ts';
import type { ChannelEndpoint, RunChannelSet } from './types.ts';

/** What one endpoint serves: an HTTP(S) server that is not listening; the channel emits its connections into it. */
export interface ChannelService {
  readonly name: string;
  readonly jailPort: number;
  /** Created on the first connection, so a Run that never uses the endpoint costs nothing for it. */
  readonly serverFor: (caller: RunCaller) => HttpServer;
}

/** Longest Unix socket path Linux and macOS accept (sun_path is 108 and 104 bytes). */
const MAX_SOCKET_PATH = 100;

/**
 * One Run's channels: a Unix socket per sandbox endpoint in `dir`, each
 * handing its connections to a server made for this Run's caller. Nothing
 * in a request can change whom it is attributed to: the socket it came in on
 * was created for one attendee's Run and is reachable only from that Run's
 * jail (the runner bind-mounts just this dir into it).
 */
export async function openChannelSockets(caller: RunCaller, dir: string, services: readonly ChannelService[]): Promise<RunChannelSet> {
  await mkdir(dir, { recursive: true, mode: 0o700 }); // the runner may have made it already, to mount it in the jail
  const listeners: NetServer[] = [];
  const servers: HttpServer[] = [];
  const sockets = new Set<Socket>();
  const endpoints: ChannelEndpoint[] = [];
  try {
    for (const service of services) {
      const socketPath = join(dir, `${service.name}.sock`);
      if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) throw new Error(`Run channel path too long for a Unix socket: ${socketPath}`);
      let server: HttpServer | undefined;
      const listener = createNetServer((socket) => {
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
        if (server === undefined) {
          server = runAsCaller(caller, () => service.serverFor(caller));
          servers.push(server);
        }
        server.emit('connection', socket);
      });
      await new Promise<void>((resolve, reject) => {
        listener.once('error', reject);
        listener.listen(socketPath, () => {
          listener.off('error', reject);
          resolve();
        });
      });
      listeners.push(listener);
      endpoints.push({ name: service.name, socketPath, jailPort: service.jailPort });
    }
  } catch (error) {
    await closeAll(listeners, servers, sockets, dir);
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    endpoints,
    close: () => (closing ??= closeAll(listeners, servers, sockets, dir)),
  };
}

async function closeAll(
  listeners: readonly NetServer[],
  servers: readonly HttpServer[],
  sockets: ReadonlySet<Socket>,
  dir: string,
): Promise<void> {
  for (const socket of sockets) socket.destroy();
  for (const server of servers) server.closeAllConnections();
  await Promise.all(listeners.map((listener) => new Promise<void>((resolve) => listener.close(() => resolve()))));
  await rm(dir, { recursive: true, force: true });
}

/** An HTTP server whose every request is handled as `caller` (socket events do not carry the channel's context). */
export function httpServerFor(caller: RunCaller, handle: (request: IncomingMessage, response: ServerResponse) => void): HttpServer {
  return createHttpServer({ keepAlive: true }, (request, response) => runAsCaller(caller, () => handle(request, response)));
}
