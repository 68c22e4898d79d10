import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadLabs, type Lab } from './loader.ts';
import { partialSolution } from './partial-solution.ts';
import { regionBodies } from './regions.ts';

test('region bodies are read between markers', () => {
  const bodies = regionBodies('a\n// #region one\nx\ny\n// #endregion\nb');
  assert.deepEqual(bodies.get('one'), ['x', 'y']);
});

/** A lab of one file whose regions nest: step 1 fills in `inner`, step 2 the whole of `outer`. */
function nestedLab(): Lab {
  const starter = [
    'top',
    '// #region outer',
    'outer-start',
    '  // #region inner',
    '  inner-start',
    '  // #endregion',
    'outer-after',
    '// #endregion',
    'bottom',
  ].join('\n');
  const solution = [
    'top',
    '// #region outer',
    'outer-done',
    '  // #region inner',
    '  inner-done',
    '  // #endregion',
    'outer-after-done',
    '// #endregion',
    'bottom',
  ].join('\n');
  const step = (number: number, region: string) => ({
    slug: `0${number}-s`,
    number,
    file: `0${number}-s.mdx`,
    frontmatter: { title: 't', checks: [], regions: [region], minutes: 1, stretch: false, runner: 'auto' as const },
  });
  return {
    definition: { entry: 'main.ts' } as Lab['definition'],
    folder: '00-nested',
    dir: '/nowhere',
    steps: [step(1, 'inner'), step(2, 'outer')],
    starter: { 'main.ts': starter },
    solution: { 'main.ts': solution },
  };
}

test("nested regions: a step owning the inner region fills in only that, inside the starter's outer region", () => {
  const lab = nestedLab();
  assert.equal(
    partialSolution(lab, 1)['main.ts'],
    [
      'top',
      '// #region outer',
      'outer-start',
      '  // #region inner',
      '  inner-done',
      '  // #endregion',
      'outer-after',
      '// #endregion',
      'bottom',
    ].join('\n'),
  );
  assert.deepEqual(partialSolution(lab, 2), lab.solution);
});

test('nested regions: the outer body keeps the inner markers, and both are found', () => {
  const bodies = regionBodies(nestedLab().solution['main.ts'] ?? '');
  assert.deepEqual(bodies.get('outer'), ['outer-done', '  // #region inner', '  inner-done', '  // #endregion', 'outer-after-done']);
  assert.deepEqual(bodies.get('inner'), ['  inner-done']);
});

for (const lab of loadLabs(fileURLToPath(new URL('../content', import.meta.url)))) {
  test(`${lab.folder}: step 0 is the starter, the last step is the solution, each step changes only its regions`, () => {
    assert.deepEqual(partialSolution(lab, 0), lab.starter);
    assert.deepEqual(partialSolution(lab, lab.steps.length), lab.solution);
    for (const step of lab.steps) {
      const before = partialSolution(lab, step.number - 1);
      const after = partialSolution(lab, step.number);
      for (const [file, source] of Object.entries(after)) {
        const changed = [...regionBodies(source)]
          .filter(
            ([name, body]) =>
              regionBodies(before[file] ?? '')
                .get(name)
                ?.join('\n') !== body.join('\n'),
          )
          .map(([name]) => name);
        for (const name of changed)
          assert.ok(step.frontmatter.regions.includes(name), `step ${step.number} changed region ${name} it does not own`);
      }
    }
  });
}
