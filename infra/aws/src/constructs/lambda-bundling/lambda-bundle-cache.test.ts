import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { BUNDLE_FILE, buildLambda } from './build-lambda.ts';
import { esbuildRecipe } from './esbuild-recipe.ts';
import { fixtureProject, type FixtureProject } from './fixture-project.ts';
import { LambdaBundleCache } from './lambda-bundle-cache.ts';

/** Bundles the fixture's entry through the cache into a new directory; returns how, and the bundle. */
function bundle(project: FixtureProject): { how: 'reused' | 'built'; code: string } {
  const outputDir = mkdtempSync(path.join(project.root, 'out-'));
  const how = new LambdaBundleCache(project.cacheDir).bundleInto(esbuildRecipe(project.entry, project.root), outputDir);
  return { how, code: readFileSync(path.join(outputDir, BUNDLE_FILE), 'utf8') };
}

/** A fixture project removed when the test ends. */
function projectFor(t: TestContext): FixtureProject {
  const project = fixtureProject();
  t.after(() => project.remove());
  return project;
}

describe('LambdaBundleCache', () => {
  it('reuses a bundle while its inputs are unchanged, and rebuilds when an input file changes', (t) => {
    const project = projectFor(t);
    const first = bundle(project);
    assert.equal(first.how, 'built');
    assert.match(first.code, /hello from one/);
    assert.deepEqual(bundle(project), { how: 'reused', code: first.code });

    project.write('src/greeting.ts', "export const greeting: string = 'hello from two';\n");
    const edited = bundle(project);
    assert.equal(edited.how, 'built');
    assert.match(edited.code, /hello from two/);
    assert.doesNotMatch(edited.code, /hello from one/);

    project.write('src/greeting.ts', "export const greeting: string = 'hello from one';\n");
    assert.deepEqual(bundle(project), { how: 'reused', code: first.code });
  });

  it('rebuilds when a package.json changes which file a package resolves to', (t) => {
    const project = projectFor(t);
    assert.match(bundle(project).code, /goodbye from a/);
    project.write('node_modules/farewell/package.json', '{"name": "farewell", "main": "b.js"}\n');
    const rebuilt = bundle(project);
    assert.equal(rebuilt.how, 'built');
    assert.match(rebuilt.code, /goodbye from b/);
  });

  it('rebuilds when the lockfile changes (an install may have moved a package)', (t) => {
    const project = projectFor(t);
    bundle(project);
    project.write('package-lock.json', '{"lockfileVersion": 3, "packages": {}}\n');
    assert.equal(bundle(project).how, 'built');
  });

  it('hands out byte for byte what a fresh esbuild run produces', (t) => {
    const project = projectFor(t);
    bundle(project);
    const reused = bundle(project);
    assert.equal(reused.how, 'reused');
    const freshDir = mkdtempSync(path.join(project.root, 'fresh-'));
    buildLambda(esbuildRecipe(project.entry, project.root), freshDir);
    assert.equal(reused.code, readFileSync(path.join(freshDir, BUNDLE_FILE), 'utf8'));
  });

  it('does not keep a bundle whose inputs were written while it was being built', (t) => {
    const project = projectFor(t);
    // Written now, not backdated: esbuild may have read it half-saved.
    writeFileSync(path.join(project.root, 'src/greeting.ts'), "export const greeting: string = 'hello from now';\n");
    assert.equal(bundle(project).how, 'built');
    assert.equal(bundle(project).how, 'built');
  });
});
