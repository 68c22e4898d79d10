import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importGraph, reachableFrom } from '../../test-support/import-graph.ts';

/** What only a Node server (or the emulator's own machinery) has: none of it may reach the rules a Lambda imports. */
const HOST_ONLY = ['node:http', 'node:https', 'node:http2', 'node:net', 'node:tls', 'node:sqlite', 'node:async_hooks'];

describe('the Orders API rules are host-independent', () => {
  const graph = importGraph(fileURLToPath(new URL('../..', import.meta.url)));
  const reached = [...reachableFrom(graph, 'orders/rules/index.ts')].filter((file) => !file.endsWith('.test.ts'));

  it('reach no Node server module, SQLite or request context, directly or through another file', () => {
    const offenders = reached.flatMap((file) =>
      (graph.packages.get(file) ?? []).filter((name) => HOST_ONLY.includes(name)).map((name) => `${file} imports ${name}`),
    );
    assert.deepEqual(offenders, []);
  });

  it('reach nothing of the emulator outside orders/rules but the constant-time compare', () => {
    assert.deepEqual(
      reached.filter((file) => !file.startsWith('orders/rules/')),
      ['crypto/constant-time.ts'],
    );
  });
});
