import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { BUNDLE_FILE, buildLambda } from './build-lambda.ts';
import { recipeKey, type EsbuildRecipe } from './esbuild-recipe.ts';
import { fingerprintFiles } from './fingerprint-files.ts';
import { pruneUnusedBundles } from './prune-unused-bundles.ts';
import { watchedFiles } from './watched-files.ts';

/** A file edited this close to (or after) a build's start may not be what esbuild read. */
const EDIT_DURING_BUILD_MS = 2_000;

/**
 * A content-addressed cache of Lambda bundles, shared by every process that
 * points at the same directory (the test files of one suite run, and the
 * runs after it):
 *
 *   <dir>/<recipe key>/watched.json          the files the latest build depended on
 *   <dir>/<recipe key>/<fingerprint>/index.js the bundle built from exactly those contents
 *
 * The recipe key covers the entry, the esbuild options and version; the
 * fingerprint covers every file the build depended on (`watchedFiles`). A
 * bundle is reused only when the files the last build of this recipe read
 * still hash to a stored fingerprint; anything else builds afresh. Entries
 * are written to a temporary name and renamed, so processes racing on one
 * recipe never see half a bundle. See README.md for what the key cannot see.
 */
export class LambdaBundleCache {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** Writes the recipe's bundle to `outputDir/index.js`, from the cache when its inputs are unchanged. */
  bundleInto(recipe: EsbuildRecipe, outputDir: string): 'reused' | 'built' {
    const recipeDir = path.join(this.dir, recipeKey(recipe));
    const watched = readWatched(recipeDir);
    if (watched) {
      const cached = path.join(recipeDir, fingerprintFiles(recipe.projectRoot, watched));
      if (existsSync(path.join(cached, BUNDLE_FILE))) {
        copyFileSync(path.join(cached, BUNDLE_FILE), path.join(outputDir, BUNDLE_FILE));
        const now = new Date();
        utimesSync(cached, now, now);
        return 'reused';
      }
    }
    const startedAt = Date.now();
    const files = watchedFiles(buildLambda(recipe, outputDir), recipe.projectRoot);
    if (editedSince(recipe.projectRoot, files, startedAt - EDIT_DURING_BUILD_MS)) return 'built';
    const fingerprint = fingerprintFiles(recipe.projectRoot, files);
    store(recipeDir, fingerprint, files, path.join(outputDir, BUNDLE_FILE));
    pruneUnusedBundles(recipeDir, fingerprint);
    return 'built';
  }
}

function readWatched(recipeDir: string): string[] | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path.join(recipeDir, 'watched.json'), 'utf8')) as unknown;
    return Array.isArray(parsed) && parsed.every((file) => typeof file === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function editedSince(projectRoot: string, files: readonly string[], since: number): boolean {
  return files.some((file) => (statSync(path.resolve(projectRoot, file), { throwIfNoEntry: false })?.mtimeMs ?? 0) >= since);
}

function store(recipeDir: string, fingerprint: string, files: readonly string[], bundle: string): void {
  mkdirSync(recipeDir, { recursive: true });
  const building = mkdtempSync(path.join(recipeDir, '.building-'));
  copyFileSync(bundle, path.join(building, BUNDLE_FILE));
  try {
    renameSync(building, path.join(recipeDir, fingerprint));
  } catch {
    // Another process stored the same fingerprint first: its bundle is this one.
    rmSync(building, { recursive: true, force: true });
  }
  // Replaced by a rename, never rewritten in place, so a reader sees the old list or the new one.
  writeFileSync(`${building}.watched.json`, JSON.stringify(files));
  renameSync(`${building}.watched.json`, path.join(recipeDir, 'watched.json'));
}
