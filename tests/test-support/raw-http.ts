/**
 * HTTP/1.1 over a bare socket, for requests fetch and http.request refuse to
 * send: "//" and "%" in the path, unknown methods, invalid bytes in the
 * request line, a Content-Length the body never matches, bodies streamed in
 * chunks. One request per connection (Connection: close), one response read.
 */
import { connect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

export interface RawRequest {
  readonly method: string;
  /** Sent verbatim: characters above U+007F go out as single bytes (latin1), to send invalid UTF-8. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent whole, with its Content-Length unless `declaredLength` says otherwise. */
  readonly body?: string | Buffer;
  /** Content-Length to announce instead of the body's own (the body is then not sent). */
  readonly declaredLength?: number;
  /** Sent with Transfer-Encoding: chunked, one chunk each, stopping if the server answers first. */
  readonly chunks?: Iterable<Buffer>;
  /** `path` is the whole request head, sent as is (for request lines no formatter would write). */
  readonly raw?: boolean;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Formats the request head; `Host` and `Connection: close` unless given. */
export function formatHead(request: RawRequest, host: string): Buffer {
  if (request.raw) return Buffer.from(request.path, 'latin1');
  const headers: Record<string, string> = { host, connection: 'close' };
  if (request.chunks) headers['transfer-encoding'] = 'chunked';
  else if (request.declaredLength !== undefined) headers['content-length'] = String(request.declaredLength);
  else if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
  // Given headers win, to send lengths and codings that contradict the body.
  Object.assign(headers, request.headers);
  const lines = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return Buffer.from(`${request.method} ${request.path} HTTP/1.1\r\n${lines}\r\n`, 'latin1');
}

/** Sends one request to `baseUrl` (http: or https:) and reads one response. */
export function rawRequest(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const tls = url.protocol === 'https:';
  const socket: Socket = tls
    ? tlsConnect({ host: url.hostname, port: Number(url.port), rejectUnauthorized: false })
    : connect(Number(url.port), url.hostname);
  return exchange(socket, tls ? 'secureConnect' : 'connect', formatHead(request, url.host), request);
}

function exchange(socket: Socket, ready: 'connect' | 'secureConnect', head: Buffer, request: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    let answered = false;
    let settled = false;
    const finish = (closed: boolean): void => {
      if (settled) return;
      settled = true;
      const response = parseResponse(received, request.method, closed);
      if (response) resolve(response);
      else reject(new Error(`no complete HTTP response; got ${JSON.stringify(received.subarray(0, 300).toString('latin1'))}`));
      socket.destroy();
    };
    socket.on('data', (chunk: Buffer) => {
      answered = true;
      received = Buffer.concat([received, chunk]);
      if (parseResponse(received, request.method, false)) finish(false);
    });
    socket.on('close', () => finish(true));
    // The server may close while we still write (an early 413): that is an answer, not a failure.
    socket.on('error', () => undefined);
    socket.once(ready, () => {
      socket.write(head);
      if (request.chunks) void writeChunks(socket, request.chunks, () => answered);
      else if (request.body !== undefined && request.declaredLength === undefined) socket.write(request.body);
    });
  });
}

async function writeChunks(socket: Socket, chunks: Iterable<Buffer>, answered: () => boolean): Promise<void> {
  for (const chunk of chunks) {
    if (answered() || socket.destroyed) return;
    const flushed = socket.write(Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]));
    if (!flushed) await new Promise((resolve) => socket.once('drain', resolve).once('close', resolve));
  }
  if (!answered() && !socket.destroyed) socket.write('0\r\n\r\n');
}

/** A complete response in `bytes`, or undefined if more must arrive. */
function parseResponse(bytes: Buffer, method: string, closed: boolean): RawResponse | undefined {
  // Interim 1xx answers (100 Continue) come before the real one.
  while (/^HTTP\/1\.[01] 1\d\d /.test(bytes.subarray(0, 13).toString('latin1')) && bytes.indexOf('\r\n\r\n') >= 0)
    bytes = bytes.subarray(bytes.indexOf('\r\n\r\n') + 4);
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? NaN);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = bytes.subarray(end + 4);
  if (method === 'HEAD' || status === 204 || status === 304) return { status, headers, body: '' };
  // A live event stream never ends: its first bytes are the answer.
  if (headers['content-type']?.startsWith('text/event-stream')) return { status, headers, body: rest.toString('utf8') || 'event-stream' };
  if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    return rest.length >= length ? { status, headers, body: rest.subarray(0, length).toString('utf8') } : undefined;
  }
  if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
    const body = dechunk(rest);
    return body === undefined ? undefined : { status, headers, body };
  }
  // No length: the body is whatever came before the server closed.
  return closed ? { status, headers, body: rest.toString('utf8') } : undefined;
}

function dechunk(bytes: Buffer): string | undefined {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', offset);
    if (lineEnd < 0) return undefined;
    const size = parseInt(bytes.subarray(offset, lineEnd).toString('latin1'), 16);
    if (size === 0) return Buffer.concat(parts).toString('utf8');
    if (bytes.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}
