import type { IncomingMessage } from 'node:http';

/**
 * Reads a request body up to a limit, before Astro sees the request: a body
 * over the limit is refused from its Content-Length before a byte of it is
 * read, and a chunked body (no length) is refused as soon as it passes the
 * limit, so no oversized body is ever held in memory.
 */
export type BoundedBody = { ok: true; body: Buffer | undefined } | { ok: false; status: 400 | 413; message: string };

/** Whether the request carries a body at all (RFC 9112 §6.3: a length or a transfer coding). */
export function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

export async function readBoundedBody(request: IncomingMessage, maxBytes: number): Promise<BoundedBody> {
  if (!hasBody(request)) return { ok: true, body: undefined };
  const tooLarge = { ok: false, status: 413, message: `Request body too large: this route takes at most ${maxBytes} bytes.` } as const;
  // Node's parser has already refused a malformed or duplicated Content-Length.
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes) return tooLarge;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      // Leaving the loop discards the rest of the body; the 413 then closes the connection.
      if (size > maxBytes) return tooLarge;
      chunks.push(buffer);
    }
  } catch {
    // The client went away mid-body ("aborted", ECONNRESET): its business, not a server error to log.
    return { ok: false, status: 400, message: 'Request body incomplete: the connection closed before it ended.' };
  }
  return { ok: true, body: Buffer.concat(chunks, size) };
}
