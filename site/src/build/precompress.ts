/**
 * Writes `file.br` and `file.gz` beside every compressible built asset, once,
 * at build time: brotli at quality 11 is far too slow to run per request, and
 * a room of attendees opening the lab at once would otherwise pull Monaco
 * uncompressed (2.6 MB each) through the venue's Wi-Fi.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { AstroIntegration } from 'astro';

/**
 * What gets compressed, with the Content-Type the server sends for it (the
 * same as `send` gives the original, so a variant never changes the type).
 * Already-compressed formats (woff2, png, jpg) are absent on purpose.
 */
export const COMPRESSIBLE_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.wasm': 'application/wasm',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

/** The precompressed variants, in the server's order of preference (brotli is smaller). */
export const VARIANTS = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

/** Below this, compression saves less than the headers it needs, and some files grow. */
const MIN_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export interface PrecompressSummary {
  readonly files: number;
  readonly originalBytes: number;
  readonly brotliBytes: number;
  readonly gzipBytes: number;
}

/** Compresses every eligible file under `dir`. zlib's async calls run on libuv's thread pool, so files compress in parallel. */
export async function precompressDir(dir: string): Promise<PrecompressSummary> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((entry) => entry.isFile() && extname(entry.name) in COMPRESSIBLE_TYPES)
    .map((entry) => join(entry.parentPath, entry.name));
  const results = await Promise.all(paths.map(precompressFile));
  const done = results.filter((result) => result !== undefined);
  return {
    files: done.length,
    originalBytes: done.reduce((sum, result) => sum + result.original, 0),
    brotliBytes: done.reduce((sum, result) => sum + result.br, 0),
    gzipBytes: done.reduce((sum, result) => sum + result.gzip, 0),
  };
}

async function precompressFile(path: string): Promise<{ original: number; br: number; gzip: number } | undefined> {
  const source = await readFile(path);
  if (source.length < MIN_BYTES) return undefined;
  const isText = !['.wasm', '.ttf', '.otf'].includes(extname(path));
  const [br, gz] = await Promise.all([
    brotli(source, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: isText ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
        [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
      },
    }),
    gzipAsync(source, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  // A variant that is not smaller is not written: the server then sends the original.
  const written = { original: source.length, br: source.length, gzip: source.length };
  if (br.length < source.length) {
    await writeFile(`${path}.br`, br);
    written.br = br.length;
  }
  if (gz.length < source.length) {
    await writeFile(`${path}.gz`, gz);
    written.gzip = gz.length;
  }
  return written;
}

/** The Astro integration: runs once the client bundle (`dir`, dist/client in server output) is written. */
export function precompress(): AstroIntegration {
  return {
    name: 'keyless-precompress',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const summary = await precompressDir(fileURLToPath(dir));
        const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
        logger.info(
          `${summary.files} files: ${kb(summary.originalBytes)} → brotli ${kb(summary.brotliBytes)}, gzip ${kb(summary.gzipBytes)} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
      },
    },
  };
}
