import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Metafile } from 'esbuild';
import { LOCKFILE } from './project-root.ts';

/** Files that steer how esbuild resolves and compiles a module without being bundled themselves. */
const RESOLUTION_FILES = ['package.json', 'tsconfig.json', 'jsconfig.json'];
const TSCONFIG_VARIANT = /^(tsconfig|jsconfig)\..+\.json$/;

/**
 * Every file a bundle depends on, relative to the project root: each input
 * esbuild's metafile reports (its namespaced virtual modules aside), the
 * package.json and tsconfig files of every directory from an input up to the
 * root (a changed `exports`, `main`, `sideEffects` or compiler option changes
 * the bundle without touching an input; a missing one is watched for
 * appearing), and the lockfile (an install can move which copy of a package
 * resolves). A cached bundle is reused only while all of these are unchanged.
 */
export function watchedFiles(metafile: Metafile, projectRoot: string): string[] {
  const root = path.resolve(projectRoot);
  const inputs = Object.keys(metafile.inputs).filter((input) => !isVirtualModule(input));
  const watched = new Set([...inputs, LOCKFILE]);
  const visited = new Set<string>();
  for (const input of inputs) {
    for (let dir = path.dirname(path.resolve(root, input)); !visited.has(dir); dir = path.dirname(dir)) {
      visited.add(dir);
      for (const name of [...RESOLUTION_FILES, ...tsconfigVariantsIn(dir)]) watched.add(path.relative(root, path.join(dir, name)));
      if (dir === root || path.dirname(dir) === dir) break;
    }
  }
  return [...watched].sort();
}

/** `<define:…>`, `(disabled):…` and plugin namespaces are not files on disk. */
function isVirtualModule(input: string): boolean {
  return input.startsWith('<') || /^[^/\\]*:/.test(input);
}

function tsconfigVariantsIn(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => TSCONFIG_VARIANT.test(name));
  } catch {
    return [];
  }
}
