import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * The checks every request passes before anything else reads it. A room of
 * attendees shares one process with the emulated AWS, so a request that
 * makes the server throw takes everyone's sandbox with it: whatever is
 * malformed here is answered with a short plain 4xx, never passed on.
 */

/** Node's HTTP server options: bounded header size and time to send a request, against slow or oversized clients. */
export const SERVER_LIMITS = {
  // 16 KiB is Node's default, stated so it is a decision: a few cookies and a long Referer fit easily.
  maxHeaderSize: 16 * 1024,
  // Headers must arrive within 20 s and the whole request (body included) within 60 s; a
  // slow-loris client otherwise holds a socket and a body buffer forever. Responses (a Run's
  // output, the instructor's live grid) are not bounded by these.
  headersTimeout: 20_000,
  requestTimeout: 60_000,
} as const;

export interface Refusal {
  readonly status: number;
  readonly message: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What the site answers at all; pages only GET. Everything else (TRACE, CONNECT, PROPFIND…) is refused before Astro, whose Request constructor throws on some of them. */
const API_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const PAGE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/** A request target, once checked. */
export interface Target {
  /** As sent (still percent-encoded, dot segments resolved), without the query string. */
  readonly pathname: string;
  /** Percent-decoded: what routing sees, so limits and method rules cannot be dodged by encoding a letter. */
  readonly decoded: string;
}

/**
 * Checks the request line: a path we can parse and decode, a method this
 * route can answer. Returns the parsed target, or why it is refused.
 */
export function checkRequestLine(request: IncomingMessage): Target | Refusal {
  const target = request.url ?? '';
  // Only origin-form ("/path?query"). "//host/x" would parse as a host, absolute-form is for proxies.
  if (!target.startsWith('/') || target.startsWith('//')) return { status: 400, message: 'Bad request: malformed path.' };
  // Astro builds the request URL from Host + path: a Host that is not a host name would make it
  // route somewhere else than the path says (or fall back to "/"), so refuse it.
  const host = request.headers.host;
  if (host !== undefined && !HOST.test(host)) return { status: 400, message: 'Bad request: malformed Host header.' };
  let pathname: string;
  let decoded: string;
  try {
    pathname = new URL(target, 'http://localhost').pathname;
    // Invalid UTF-8 (overlong forms, encoded surrogates) and stray "%" throw here, and would
    // throw again in any code that decodes the path later.
    decoded = decodeURIComponent(pathname);
    if (hasControlCharacter(decoded)) return { status: 400, message: 'Bad request: control characters in the path.' };
  } catch {
    return { status: 400, message: 'Bad request: malformed percent-encoding in the path.' };
  }
  // Routes read the query through URLSearchParams, which forgives, but a "%zz" there is as malformed as in the path.
  const query = target.includes('?') ? target.slice(target.indexOf('?') + 1) : '';
  if (!decodes(query)) return { status: 400, message: 'Bad request: malformed percent-encoding in the query.' };
  const method = request.method ?? '';
  const allowed = decoded.startsWith('/api/') ? API_METHODS : PAGE_METHODS;
  if (!allowed.includes(method))
    return { status: 405, message: `Method ${method} is not allowed here.`, headers: { allow: allowed.join(', ') } };
  return { pathname, decoded };
}

/** A DNS name or IPv4 address, or a bracketed IPv6 address, and an optional port: what browsers and HTTP clients send. */
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** C0 controls and DEL (NUL above all): no route or file name has them, and they forge log lines. */
function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

export function isRefusal(value: Target | Refusal): value is Refusal {
  return 'status' in value;
}

/** Same-origin site, no CORS: OPTIONS only says which methods exist. */
export function answerOptions(response: ServerResponse, decodedPath: string): void {
  const allowed = decodedPath.startsWith('/api/') ? API_METHODS : PAGE_METHODS;
  response.writeHead(204, { allow: allowed.join(', '), 'cache-control': 'no-store' }).end();
}

/** A short plain-text answer with an explicit length; `close` drops the connection after it (the body may still be arriving). */
export function sendPlain(response: ServerResponse, refusal: Refusal, close = false): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body = `${refusal.message}\n`;
  response.writeHead(refusal.status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(close ? { connection: 'close' } : {}),
    ...refusal.headers,
  });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}

/** Parser errors (Node's `clientError`) as status lines: llhttp codes → what the client did wrong. */
const CLIENT_ERRORS: Readonly<Record<string, Refusal>> = {
  HPE_HEADER_OVERFLOW: { status: 431, message: 'Request headers too large.' },
  HPE_INVALID_METHOD: { status: 405, message: 'Unknown HTTP method.', headers: { allow: API_METHODS.join(', ') } },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, message: 'Request took too long to arrive.' },
};

/**
 * Answers a request the HTTP parser refused (bad request line, header too
 * large, bad chunked encoding, timeout) with a status and a message, then
 * closes the connection: after a parse error the rest of its bytes mean nothing.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // A response already under way (a timeout mid-body) cannot get a second status line.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight) {
    socket.destroy();
    return;
  }
  refuseOnSocket(socket, CLIENT_ERRORS[error.code ?? ''] ?? { status: 400, message: 'Bad request: malformed HTTP.' });
}

/**
 * CONNECT (a tunnel request) takes the socket away from the request
 * listener; with no `connect` listener Node just drops the connection
 * without a word. The site tunnels nothing: say so. (Upgrade headers need
 * nothing: with no `upgrade` listener Node serves them as plain requests.)
 */
export function refuseConnect(_request: IncomingMessage, socket: Duplex): void {
  refuseOnSocket(socket, { status: 405, message: 'Method CONNECT is not allowed here.', headers: { allow: API_METHODS.join(', ') } });
}

/** Writes a whole plain-text response on a bare socket and closes it. */
function refuseOnSocket(socket: Duplex, refusal: Refusal): void {
  const body = `${refusal.message}\n`;
  const extra = Object.entries(refusal.headers ?? {})
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(
    `HTTP/1.1 ${refusal.status} ${STATUS_TEXT[refusal.status] ?? 'Bad Request'}\r\n` +
      `content-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extra}connection: close\r\n\r\n${body}`,
  );
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};
