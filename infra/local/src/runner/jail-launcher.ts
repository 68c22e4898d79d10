/**
 * Loaded with `--import` into every Run, before the attendee's code.
 *
 * 1. Blocking stdout and stderr. Node writes to a pipe asynchronously, so a
 *    tight `console.log` loop queues its lines in the heap faster than the
 *    pipe drains: two million short lines ran out of memory after 4 KB of
 *    output. With blocking writes the program waits for the runner to read,
 *    the runner sees the flood reach its output cap and stops it as one.
 *    `_handle.setBlocking` is the pipe handle's own switch (libuv's
 *    uv_stream_set_blocking); no public API sets it.
 *
 * 2. The network bridge, when the Run has a network namespace of its own
 *    (the runner then sets KEYLESS_RUN_BRIDGE): inside, only `lo` exists, so this
 * listens on 127.0.0.1 (and ::1) at each sandbox endpoint's port and pipes
 * every connection to that endpoint's Unix socket, which the runner
 * bind-mounted from the host. Attendee code and the unchanged AWS SDK see the
 * plain `http://127.0.0.1:<port>` endpoints of their environment; the host
 * end of each socket was made for this Run alone, so it knows who is calling.
 *
 * Hand-written: no library bridges TCP to Unix sockets inside a process, and
 * socat is not something a Run may spawn. Attendee code runs in this same
 * process and could close these listeners; it would only cut itself off.
 *
 * Every handle is unref'd: an idle keep-alive connection must not keep the
 * attendee's program alive after its own work is done.
 */
import { connect, createServer, type Server } from 'node:net';

interface BlockingHandle {
  setBlocking?: (blocking: boolean) => unknown;
}
for (const stream of [process.stdout, process.stderr]) {
  (stream as unknown as { _handle?: BlockingHandle })._handle?.setBlocking?.(true);
}


function parseBridges(spec: string): { port: number; socketPath: string }[] {
  return spec
    .split(',')
    .filter((pair) => pair.length > 0)
    .map((pair) => {
      const at = pair.indexOf('=');
      return { port: Number(pair.slice(0, at)), socketPath: pair.slice(at + 1) };
    });
}

function bridge(socketPath: string): Server {
  const server = createServer({ pauseOnConnect: true }, (client) => {
    const upstream = connect(socketPath);
    client.unref();
    upstream.unref();
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    upstream.once('connect', () => {
      client.pipe(upstream).pipe(client);
      client.resume();
    });
  });
  return server;
}

function listen(server: Server, port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => {
      server.unref();
      resolve(true);
    });
  });
}

// `port=socketPath` pairs, comma-separated: set by the runner (environment.ts
// BRIDGE_VARIABLE; spelled out here because the bridge may read no other
// file), removed before attendee code runs.
const spec = process.env.KEYLESS_RUN_BRIDGE ?? '';
delete process.env.KEYLESS_RUN_BRIDGE;
await Promise.all(
  parseBridges(spec).map(async ({ port, socketPath }) => {
    if (!(await listen(bridge(socketPath), port, '127.0.0.1'))) throw new Error(`The Run's network could not be set up (port ${String(port)}).`);
    // `localhost` may resolve to ::1 first; the mTLS URL uses that name.
    await listen(bridge(socketPath), port, '::1');
  }),
);
