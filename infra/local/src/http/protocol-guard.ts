import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * What Node's HTTP parser refuses before any handler runs (bad request line,
 * headers too large, bad chunked encoding, unknown method, CONNECT, an
 * unsupported `Expect`) answered with a status and a JSON message, the shape
 * every emulator error has, instead of Node's bare status line or a dropped
 * connection. After a parse error the connection's remaining bytes mean
 * nothing, so each answer closes it. The site has its own, plain-text twin
 * (site/src/server/request-guard.ts); the packages share no HTTP code.
 */
export function guardProtocol(server: Server): void {
  // Slow clients cannot hold a connection open forever; responses are not limited.
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight) {
      socket.destroy();
      return;
    }
    const [status, message] = PARSER_ERRORS[error.code ?? ''] ?? [400, 'Bad request: malformed HTTP.'];
    answerOnSocket(socket, status, message);
  });
  server.on('connect', (_request: IncomingMessage, socket: Duplex) =>
    answerOnSocket(socket, 405, 'Method CONNECT is not supported by the local sandbox.'),
  );
  server.on('checkExpectation', (_request: IncomingMessage, response: ServerResponse) => {
    const body = JSON.stringify({ message: 'Only "Expect: 100-continue" is supported.' });
    response
      .writeHead(417, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' })
      .end(body);
  });
}

/** llhttp's codes → what the client did wrong. */
const PARSER_ERRORS: Readonly<Record<string, readonly [number, string]>> = {
  HPE_HEADER_OVERFLOW: [431, 'Request headers too large.'],
  HPE_INVALID_METHOD: [405, 'Unknown HTTP method.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request took too long to arrive.'],
};

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

function answerOnSocket(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ message });
  socket.end(
    `HTTP/1.1 ${String(status)} ${STATUS_TEXT[status] ?? 'Bad Request'}\r\ncontent-type: application/json\r\ncontent-length: ${String(Buffer.byteLength(body))}\r\nconnection: close\r\n\r\n${body}`,
  );
}
