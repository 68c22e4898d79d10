import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { precompressDir } from '../build/precompress.ts';
import { chooseEncoding, parseAcceptEncoding, staticAssets } from './static-assets.ts';

// A tiny client bundle: a hashed script, an unhashed icon, a file too small to compress, an already-compressed font.
const root = mkdtempSync(join(tmpdir(), 'keyless-static-'));
mkdirSync(join(root, '_astro'));
const script = Buffer.from(Array.from({ length: 400 }, (_, index) => `export const value${index} = ${index};\n`).join(''));
const icon = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg">${'<circle r="1"/>'.repeat(100)}</svg>`);
writeFileSync(join(root, '_astro', 'app.Ab12Cd.js'), script);
writeFileSync(join(root, '_astro', 'tiny.Ef34.js'), 'export {};\n');
writeFileSync(join(root, '_astro', 'font.Gh56.woff2'), Buffer.alloc(4096, 7));
writeFileSync(join(root, 'favicon.svg'), icon);

let server: Server;
let base: string;

before(async () => {
  await precompressDir(root);
  const serveStatic = await staticAssets(root);
  server = createServer((req, res) => {
    void serveStatic(req, res, new URL(req.url ?? '/', 'http://localhost').pathname).then((sent) => {
      if (!sent) res.writeHead(404).end('not found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** node:http, not fetch: fetch sends its own Accept-Encoding and decodes the body. */
function get(
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

test('precompression writes .br and .gz beside compressible files only, and they decode to the original', () => {
  const file = join(root, '_astro', 'app.Ab12Cd.js');
  assert.deepEqual(brotliDecompressSync(readFileSync(`${file}.br`)), script);
  assert.deepEqual(gunzipSync(readFileSync(`${file}.gz`)), script);
  assert.ok(existsSync(join(root, 'favicon.svg.br')));
  assert.equal(existsSync(join(root, '_astro', 'tiny.Ef34.js.br')), false, 'under 1 KB: not worth it');
  assert.equal(existsSync(join(root, '_astro', 'font.Gh56.woff2.gz')), false, 'woff2 is already compressed');
});

test('the encoding follows Accept-Encoding, with the original type and length of what is sent', async () => {
  const cases: [string | undefined, string | undefined][] = [
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    [undefined, undefined],
    ['identity', undefined],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', undefined],
    ['*', 'br'],
    ['*;q=0', undefined],
    ['gzip;q=1, br;q=0.5', 'gzip'],
    ['identity;q=1, br;q=0.5', undefined],
    ['BR', 'br'],
  ];
  for (const [acceptEncoding, expected] of cases) {
    const response = await get('/_astro/app.Ab12Cd.js', acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding });
    const label = `Accept-Encoding: ${acceptEncoding ?? '(absent)'}`;
    assert.equal(response.status, 200, label);
    assert.equal(response.headers['content-encoding'], expected, label);
    assert.equal(response.headers['content-type'], 'text/javascript; charset=utf-8', label);
    assert.equal(response.headers.vary, 'Accept-Encoding', label);
    assert.equal(Number(response.headers['content-length']), response.body.length, label);
    const decoded =
      expected === 'br' ? brotliDecompressSync(response.body) : expected === 'gzip' ? gunzipSync(response.body) : response.body;
    assert.deepEqual(decoded, script, label);
  }
});

test('malformed Accept-Encoding never throws and falls back to what still parses', async () => {
  for (const header of [
    ';;;',
    ',,,',
    'br;q=',
    'br;q=2',
    'br;q=-1',
    'br;q=abc',
    'br;q=0.0001',
    '\u00e9\u00e9',
    'q=1',
    ';q=1,gzip',
    'br ; q = 0.5',
    'a'.repeat(8000),
  ]) {
    const response = await get('/_astro/app.Ab12Cd.js', { 'accept-encoding': header });
    assert.equal(response.status, 200, header);
  }
  assert.equal(chooseEncoding('br;q=2, gzip', ['br', 'gzip']), 'gzip', 'q above 1 is invalid: that entry is skipped');
  assert.equal(chooseEncoding('br ; q = 0.5', ['br', 'gzip']), 'br');
  assert.equal(chooseEncoding(['gzip', 'br'], ['br', 'gzip']), 'br', 'repeated headers are one list');
  assert.deepEqual([...parseAcceptEncoding(';q=1,gzip;q=0.250')], [['gzip', 0.25]]);
});

test('hashed files are immutable for a year; unhashed ones are revalidated', async () => {
  const hashed = await get('/_astro/app.Ab12Cd.js', { 'accept-encoding': 'br' });
  assert.equal(hashed.headers['cache-control'], 'public, max-age=31536000, immutable');
  const icon = await get('/favicon.svg', { 'accept-encoding': 'gzip' });
  assert.equal(icon.headers['cache-control'], 'no-cache');
  assert.equal(icon.headers['content-type'], 'image/svg+xml');
  assert.equal(icon.headers['content-encoding'], 'gzip');
  assert.ok(icon.headers.etag && icon.headers['last-modified']);
});

test('built files may be loaded by a cross-origin isolated lab page: Monaco workers start only from a script that says COEP', async () => {
  const script = await get('/_astro/app.Ab12Cd.js', { 'accept-encoding': 'br' });
  assert.equal(script.headers['cross-origin-embedder-policy'], 'require-corp');
  assert.equal(script.headers['cross-origin-resource-policy'], 'same-origin');
});

test('revalidation answers 304 per encoding; each encoding has its own ETag', async () => {
  const br = await get('/favicon.svg', { 'accept-encoding': 'br' });
  const plain = await get('/favicon.svg');
  assert.notEqual(br.headers.etag, plain.headers.etag);
  const revalidated = await get('/favicon.svg', { 'accept-encoding': 'br', 'if-none-match': br.headers.etag ?? '' });
  assert.equal(revalidated.status, 304);
  assert.equal(revalidated.body.length, 0);
  assert.equal(revalidated.headers.vary, 'Accept-Encoding');
  // The brotli ETag does not validate the identity representation.
  assert.equal((await get('/favicon.svg', { 'if-none-match': br.headers.etag ?? '' })).status, 200);
  assert.equal((await get('/favicon.svg', { 'if-modified-since': plain.headers['last-modified'] ?? '' })).status, 304);
});

test('HEAD sends the headers of the chosen variant and no body', async () => {
  const head = await get('/_astro/app.Ab12Cd.js', { 'accept-encoding': 'gzip' }, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.headers['content-encoding'], 'gzip');
  assert.equal(Number(head.headers['content-length']), readFileSync(join(root, '_astro', 'app.Ab12Cd.js.gz')).length);
  assert.equal(head.body.length, 0);
});

test('a Range on a compressed variant gets the whole variant; on the original, the range', async () => {
  const compressed = await get('/_astro/app.Ab12Cd.js', { 'accept-encoding': 'br', range: 'bytes=0-9' });
  assert.equal(compressed.status, 200);
  assert.equal(compressed.headers['content-range'], undefined);
  assert.deepEqual(brotliDecompressSync(compressed.body), script);
  const ranged = await get('/_astro/app.Ab12Cd.js', { range: 'bytes=0-9' });
  assert.equal(ranged.status, 206);
  assert.equal(ranged.headers['content-range'], `bytes 0-9/${script.length}`);
  assert.deepEqual(ranged.body, script.subarray(0, 10));
  const unsatisfiable = await get('/_astro/app.Ab12Cd.js', { range: `bytes=${script.length + 10}-` });
  assert.equal(unsatisfiable.status, 416);
  assert.equal(unsatisfiable.headers['cache-control'], 'no-store', 'a refusal is not cached as the file');
});

test('files without variants, missing files and odd paths', async () => {
  const tiny = await get('/_astro/tiny.Ef34.js', { 'accept-encoding': 'br' });
  assert.equal(tiny.headers['content-encoding'], undefined);
  assert.equal(tiny.headers.vary, undefined, 'nothing else could be sent');
  assert.equal((await get('/_astro/missing.js', { 'accept-encoding': 'br' })).status, 404);
  for (const path of ['/_astro/%E0%A4%A', '/_astro/%2e%2e/%2e%2e/etc/passwd', '/_astro/..%2f..%2fetc%2fpasswd', '/.hidden.js']) {
    const response = await get(path, { 'accept-encoding': 'br' });
    assert.ok([400, 403, 404].includes(response.status), `${path}: ${response.status}`);
  }
});
