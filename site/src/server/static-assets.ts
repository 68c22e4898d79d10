/**
 * Serves the built client files, compressed where the browser accepts it.
 *
 * The `.br`/`.gz` variants are written at build time (src/build/precompress.ts);
 * here we only pick one. The server never compresses per request: brotli at
 * the quality that makes Monaco 540 KB instead of 2.6 MB takes seconds of CPU,
 * and this process also runs every attendee's sandbox.
 */
import { readdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, sep } from 'node:path';
import send from 'send';
import { COMPRESSIBLE_TYPES, VARIANTS } from '../build/precompress.ts';
import { sendPlain } from './request-guard.ts';

type Encoding = (typeof VARIANTS)[number]['encoding'] | 'identity';

/** Answers a GET/HEAD for a built file; resolves false (nothing sent) when there is none, so Astro answers. */
export type StaticHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<boolean>;

/** Hashed build output: its content never changes under a name, so browsers may keep it for a year without asking. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Indexes which files have variants once, at start-up: the client bundle does
 * not change while the server runs (the server entry is loaded once too), and a
 * lookup in a Set cannot be steered to a file outside the directory.
 */
export async function staticAssets(root: string): Promise<StaticHandler> {
  const variants = await indexVariants(root);
  return (req, res, pathname) => {
    const available = variants.get(decodeOrUndefined(pathname) ?? '') ?? [];
    const encoding = chooseEncoding(req.headers['accept-encoding'], available);
    return sendFile(req, res, root, pathname, encoding, available.length > 0);
  };
}

/** URL path of each original ("/_astro/x.js") → the encodings precompressed for it. */
async function indexVariants(root: string): Promise<Map<string, Encoding[]>> {
  const files = new Set((await readdir(root, { recursive: true })).map((file) => `/${file.split(sep).join('/')}`));
  const index = new Map<string, Encoding[]>();
  for (const file of files) {
    const encodings = VARIANTS.filter((variant) => files.has(file + variant.suffix)).map((variant) => variant.encoding);
    if (encodings.length > 0 && extname(file) in COMPRESSIBLE_TYPES) index.set(file, encodings);
  }
  return index;
}

function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  pathname: string,
  encoding: Encoding,
  varies: boolean,
): Promise<boolean> {
  const suffix = VARIANTS.find((variant) => variant.encoding === encoding)?.suffix ?? '';
  const immutable = pathname.startsWith('/_astro/');
  return new Promise((resolve) => {
    // `send` decodes the path itself and refuses NUL and "..": it gets the path as sent (".br" needs no encoding).
    send(req, pathname + suffix, {
      root,
      index: false,
      dotfiles: 'deny',
      // A byte range of the compressed file is not a range of the original: for a variant, Range is
      // ignored and the whole variant sent (200), which HTTP allows.
      acceptRanges: suffix === '',
      // Unhashed files (favicon) may change with a rebuild: cached, but revalidated by ETag/Last-Modified every time.
      cacheControl: false,
    })
      // Fires only once the file is found, before `send` writes its own headers, so a miss leaves `res` untouched for Astro.
      .on('headers', () => {
        res.setHeader('cache-control', immutable ? IMMUTABLE : 'no-cache');
        // A cross-origin isolated lab page (COOP/COEP, for the WebContainer) only starts workers whose
        // script says COEP too (Monaco's editor and TypeScript workers); same-origin files say so.
        res.setHeader('cross-origin-embedder-policy', 'require-corp');
        res.setHeader('cross-origin-resource-policy', 'same-origin');
        // Caches must key on Accept-Encoding whenever another request could get another encoding.
        if (varies) res.setHeader('vary', 'Accept-Encoding');
        if (suffix === '') return;
        res.setHeader('content-encoding', encoding);
        res.setHeader('accept-ranges', 'none');
        // The type of the original, not of ".br"; `send` keeps a Content-Type already set.
        res.setHeader('content-type', COMPRESSIBLE_TYPES[extname(pathname)] ?? 'application/octet-stream');
      })
      .on('error', (error: { status?: number }) => {
        // 412 (If-Match) and 416 (bad range) are answers about this file; anything else (404, dotfile, bad path) goes to Astro as before.
        const status = error.status ?? 500;
        if (status !== 412 && status !== 416) return resolve(false);
        const contentRange = res.getHeader('content-range');
        for (const name of res.getHeaderNames()) res.removeHeader(name);
        sendPlain(res, {
          status,
          message: status === 416 ? 'Range not satisfiable.' : 'Precondition failed.',
          ...(contentRange ? { headers: { 'content-range': String(contentRange) } } : {}),
        });
        resolve(true);
      })
      .on('end', () => resolve(true))
      .pipe(res);
    res.once('close', () => resolve(true));
  });
}

/**
 * Picks the encoding to send from Accept-Encoding (RFC 9110 §12.5.3): the
 * highest q among the variants we have, brotli before gzip on a tie. No header
 * means identity. Identity stays acceptable as the last resort even when the
 * header excludes it: sending the file beats a 406 for a static asset.
 */
export function chooseEncoding(header: string | string[] | undefined, available: readonly Encoding[]): Encoding {
  if (header === undefined || available.length === 0) return 'identity';
  const weights = parseAcceptEncoding(Array.isArray(header) ? header.join(',') : header);
  const star = weights.get('*');
  // Not listed and no "*": identity is still fine, but loses to any coding listed with q > 0.
  const identity = weights.get('identity') ?? star ?? 0;
  let best: Encoding = 'identity';
  let bestWeight = 0;
  for (const encoding of available) {
    const weight = weights.get(encoding) ?? (encoding === 'gzip' ? weights.get('x-gzip') : undefined) ?? star ?? 0;
    if (weight > bestWeight) [best, bestWeight] = [encoding, weight];
  }
  return bestWeight > 0 && bestWeight >= identity ? best : 'identity';
}

/** coding → q. Entries that do not parse (bad token, q out of range) are skipped, never thrown on. */
export function parseAcceptEncoding(header: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const entry of header.split(',')) {
    const [name = '', ...params] = entry.split(';').map((part) => part.trim());
    const coding = name.toLowerCase();
    if (!TOKEN.test(coding)) continue;
    let weight = 1;
    for (const param of params) {
      const match = /^q\s*=\s*(.*)$/i.exec(param);
      if (match) weight = QVALUE.test(match[1] ?? '') ? Number(match[1]) : NaN;
    }
    // A coding listed twice keeps its first weight, as most servers do.
    if (!Number.isNaN(weight) && !weights.has(coding)) weights.set(coding, weight);
  }
  return weights;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;
/** RFC 9110 §12.4.2: 0 to 1 with at most three decimals. */
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

function decodeOrUndefined(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}
