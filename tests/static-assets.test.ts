/**
 * The built site's assets on the wire: the build leaves brotli and gzip
 * variants beside the big files, and the real server sends them to a browser
 * that asks, so a room opening the lab at once does not pull Monaco raw.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestServer } from '@keyless/site/test-server';
import { freshDataDir, repoRoot } from './test-support/repo.ts';

const assets = join(repoRoot, 'site', 'dist', 'client', '_astro');
const monacoChunk = readdirSync(assets).find((name) => /^monaco-editor\..+\.js$/.test(name));
const LAB_PAGE = '/labs/cognito-client-credentials/01-create-client';
let server: Awaited<ReturnType<typeof startTestServer>>;

before(async () => {
  server = await startTestServer(freshDataDir());
});

// eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed, which its type cannot say
after(() => server?.close());

/** node:http, not fetch: fetch sends its own Accept-Encoding and decodes the body. */
function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(new URL(path, server.site.url), { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

test('the build writes brotli and gzip variants of the Monaco chunk that decode to its bytes', () => {
  assert.ok(monacoChunk, 'a monaco-editor chunk in dist/client/_astro');
  const original = readFileSync(join(assets, monacoChunk));
  const br = readFileSync(join(assets, `${monacoChunk}.br`));
  const gz = readFileSync(join(assets, `${monacoChunk}.gz`));
  assert.ok(brotliDecompressSync(br).equals(original));
  assert.ok(gunzipSync(gz).equals(original));
  assert.ok(br.length < original.length / 3, `brotli ${br.length} of ${original.length}`);
});

test('every CSS and JS file over 1 KB has both variants', () => {
  const big = readdirSync(assets).filter((name) => /\.(js|css)$/.test(name) && readFileSync(join(assets, name)).length >= 1024);
  for (const name of big) {
    assert.ok(existsSync(join(assets, `${name}.br`)) && existsSync(join(assets, `${name}.gz`)), name);
  }
});

test("a browser's Accept-Encoding gets the lab page's assets in brotli, cached for a year", async () => {
  const html = (await get(LAB_PAGE)).body.toString();
  const referenced = [...html.matchAll(/(?:src|href)="(\/_astro\/[^"]+\.(?:js|css))"/g)].map((match) => match[1] ?? '');
  assert.ok(referenced.length > 0, 'the lab page references built assets');
  for (const path of [...referenced, `/_astro/${monacoChunk}`]) {
    const response = await get(path, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    const original = readFileSync(join(assets, path.slice('/_astro/'.length)));
    assert.equal(response.status, 200, path);
    assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable', path);
    if (original.length < 1024) continue;
    assert.equal(response.headers['content-encoding'], 'br', path);
    assert.equal(response.headers.vary, 'Accept-Encoding', path);
    assert.match(response.headers['content-type'] ?? '', path.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
    assert.ok(brotliDecompressSync(response.body).equals(original), path);
  }
});

test('the real server: gzip, identity, revalidation of the unhashed favicon', async () => {
  const path = `/_astro/${monacoChunk}`;
  const gzip = await get(path, { 'accept-encoding': 'gzip' });
  assert.equal(gzip.headers['content-encoding'], 'gzip');
  const plain = await get(path);
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(Number(plain.headers['content-length']), readFileSync(join(assets, monacoChunk ?? '')).length);
  const icon = await get('/favicon.svg');
  assert.equal(icon.headers['cache-control'], 'no-cache');
  assert.equal((await get('/favicon.svg', { 'if-none-match': icon.headers.etag ?? '' })).status, 304);
  // A missing asset still reaches Astro's 404 page, without the asset's caching headers.
  const missing = await get('/_astro/missing.js', { 'accept-encoding': 'br' });
  assert.equal(missing.status, 404);
  assert.notEqual(missing.headers['cache-control'], 'public, max-age=31536000, immutable');
});
