import path from 'node:path';
import { buildSync, type Metafile } from 'esbuild';
import type { EsbuildRecipe } from './esbuild-recipe.ts';

/** The one file a bundle holds; the Lambda handler is `index.handler`. */
export const BUNDLE_FILE = 'index.js';

/**
 * Bundles the recipe's entry into `outputDir/index.js` with esbuild, now,
 * and returns esbuild's metafile: every input file it read. Synchronous
 * because CDK stages assets while constructs are created.
 */
export function buildLambda(recipe: EsbuildRecipe, outputDir: string): Metafile {
  const result = buildSync({ ...recipe.options, outfile: path.join(outputDir, BUNDLE_FILE), metafile: true });
  return result.metafile;
}
