import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadLabs } from './loader.ts';
import { partialSolution, regionBodies } from './partial-solution.ts';

test('region bodies are read between markers', () => {
  const bodies = regionBodies('a\n// #region one\nx\ny\n// #endregion\nb');
  assert.deepEqual(bodies.get('one'), ['x', 'y']);
});

for (const lab of loadLabs(fileURLToPath(new URL('../content', import.meta.url)))) {
  test(`${lab.folder}: step 0 is the starter, the last step is the solution, each step changes only its regions`, () => {
    assert.deepEqual(partialSolution(lab, 0), lab.starter);
    assert.deepEqual(partialSolution(lab, lab.steps.length), lab.solution);
    for (const step of lab.steps) {
      const before = partialSolution(lab, step.number - 1);
      const after = partialSolution(lab, step.number);
      for (const [file, source] of Object.entries(after)) {
        const changed = [...regionBodies(source)].filter(([name, body]) => regionBodies(before[file] ?? '').get(name)?.join('\n') !== body.join('\n')).map(([name]) => name);
        for (const name of changed) assert.ok(step.frontmatter.regions.includes(name), `step ${step.number} changed region ${name} it does not own`);
      }
    }
  });
}
