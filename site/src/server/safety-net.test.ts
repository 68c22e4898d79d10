/**
 * The safety net in a child process (the test runner has its own
 * uncaughtException listener, which would claim the error first): a handler
 * that throws, rejects, or throws later from a timer costs that request a
 * 500, the log names method and route but never the query, and the server
 * keeps serving.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const SAFETY_NET = fileURLToPath(new URL('./safety-net.ts', import.meta.url));

const SERVER = `
import { createServer } from 'node:http';
const { guardListener } = await import(${JSON.stringify(SAFETY_NET)});
const server = createServer(guardListener(async (req, res) => {
  if (req.url.startsWith('/sync')) throw new Error('sync bug');
  if (req.url.startsWith('/async')) { await Promise.resolve(); throw new Error('async bug'); }
  if (req.url.startsWith('/later')) { setTimeout(() => { throw new Error('timer bug'); }, 1); return; }
  res.end('fine');
}));
server.listen(0, '127.0.0.1', () => console.log('PORT ' + server.address().port));
`;

test('an error in a request handler is logged with method and route, answered 500, and the server keeps serving', async () => {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', '--input-type=module', '--eval', SERVER], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    const [line] = (await once(child.stdout, 'data')) as [Buffer];
    const base = `http://127.0.0.1:${/PORT (\d+)/.exec(line.toString())?.[1] ?? ''}`;
    for (const path of ['/sync', '/async', '/later']) {
      const response = await fetch(`${base}${path}?token=secret-in-query`);
      assert.equal(response.status, 500, path);
      assert.match(await response.text(), /keeps serving/);
      assert.equal(await (await fetch(`${base}/ok`)).text(), 'fine', `still serving after ${path}`);
    }
    for (const [path, bug] of [
      ['/sync', 'sync bug'],
      ['/async', 'async bug'],
      ['/later', 'timer bug'],
    ]) {
      assert.match(stderr, new RegExp(`unexpected error answering GET ${path}:\\n.*${bug}`));
    }
    assert.doesNotMatch(stderr, /secret-in-query/, 'query strings are never logged');
    assert.equal(child.exitCode, null, 'the process is still running');
  } finally {
    child.kill();
  }
});
