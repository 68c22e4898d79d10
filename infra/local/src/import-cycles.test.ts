import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importCycles, importGraph } from './test-support/import-graph.ts';

describe('infra/local imports', () => {
  it('form no circle: every module can be read, tested and moved without the ones that import it (type imports included)', () => {
    const cycles = importCycles(importGraph(fileURLToPath(new URL('.', import.meta.url))));
    assert.deepEqual(
      cycles.map((cycle) => cycle.join(' -> ')),
      [],
    );
  });

  it('finds a circle when there is one', () => {
    const graph = {
      files: new Map([
        ['a.ts', ['b.ts']],
        ['b.ts', ['c.ts']],
        ['c.ts', ['a.ts']],
        ['d.ts', ['a.ts']],
      ]),
      packages: new Map(),
    };
    assert.deepEqual(importCycles(graph), [['a.ts', 'b.ts', 'c.ts']]);
  });
});
