/**
 * Reading an API route's JSON body defensively. serve.ts already bounds
 * bodies per route before Astro; this is the second fence for any other
 * way a Request reaches a route (dev server, tests), plus a nesting limit:
 * JSON.parse copes with 100 000 nested arrays, but code that walks the
 * value recursively (validation, JSON.stringify into a log) may not.
 */

/** Above the largest per-route limit in body-limits.ts. */
export const MAX_JSON_BYTES = 4 * 1024 * 1024;
/** No request this site takes nests deeper than a handful of levels. */
export const MAX_JSON_DEPTH = 32;

export class JsonBodyError extends Error {
  readonly status: 400 | 413;
  constructor(status: 400 | 413, message: string) {
    super(message);
    this.status = status;
  }
}

/** The body as text, refusing more than `maxBytes` (declared or streamed). */
export async function readTextCapped(request: Request, maxBytes = MAX_JSON_BYTES): Promise<string> {
  const tooLarge = new JsonBodyError(413, `Request body too large (more than ${maxBytes} bytes).`);
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) throw tooLarge;
  if (!request.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge;
    }
    chunks.push(value);
  }
  // Invalid UTF-8 (overlong forms, lone surrogate halves) becomes U+FFFD, as request.json() would do.
  return new TextDecoder().decode(Buffer.concat(chunks, size));
}

/** JSON.parse, refusing text nested deeper than `maxDepth`; throws JsonBodyError(400) with a reason. */
export function parseJsonBounded(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  if (nestingDepth(text) > maxDepth) throw new JsonBodyError(400, `The request body nests deeper than ${maxDepth} levels.`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new JsonBodyError(400, 'The request body is not valid JSON.');
  }
}

/** Deepest [ / { nesting outside strings; one pass, no recursion. Malformed text is left for JSON.parse to refuse. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c)
        index++; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (char === 0x5d || char === 0x7d) depth--;
  }
  return deepest;
}
