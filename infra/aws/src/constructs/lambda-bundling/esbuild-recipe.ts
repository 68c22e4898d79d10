import { createHash } from 'node:crypto';
import path from 'node:path';
import { version as esbuildVersion, type BuildOptions } from 'esbuild';

/**
 * How one Lambda entry is built: the esbuild options, the same ones
 * NodejsFunction passed its esbuild CLI before (CommonJS for Node 24,
 * minified, no source map, every dependency bundled, the AWS SDK too, so
 * what runs is the version the tests ran). Paths in the output are relative
 * to `projectRoot`, as they were under NodejsFunction, so the asset hash,
 * the bundle's own fingerprint, is unchanged.
 */
export interface EsbuildRecipe {
  readonly entryPath: string;
  readonly projectRoot: string;
  readonly options: BuildOptions;
}

export function esbuildRecipe(entryPath: string, projectRoot: string): EsbuildRecipe {
  return {
    entryPath,
    projectRoot,
    options: {
      entryPoints: [entryPath],
      absWorkingDir: projectRoot,
      bundle: true,
      platform: 'node',
      target: 'node24',
      format: 'cjs',
      minify: true,
      sourcemap: false,
      external: [],
      logLevel: 'warning',
    },
  };
}

/**
 * The part of a cache key known before building: the entry, every option and
 * the esbuild version (a new esbuild may emit other bytes from the same inputs).
 */
export function recipeKey(recipe: EsbuildRecipe): string {
  const entry = path.relative(recipe.projectRoot, recipe.entryPath);
  return createHash('sha256')
    .update(JSON.stringify({ esbuildVersion, entry, options: recipe.options }))
    .digest('hex');
}
