import type { BundlingOptions, ILocalBundling } from 'aws-cdk-lib';
import { buildLambda } from './build-lambda.ts';
import type { EsbuildRecipe } from './esbuild-recipe.ts';
import { LambdaBundleCache } from './lambda-bundle-cache.ts';

/**
 * CDK's hook for bundling without Docker: called with the directory CDK
 * stages the asset from. With no cache directory it runs esbuild every time
 * (the production synth: a deploy always ships what the sources say now);
 * with one, it reuses a bundle whose every input is unchanged (the tests).
 *
 * Its fields are part of CDK's in-process asset cache key (CDK serializes
 * the bundling options), so two entries never share one staged asset.
 */
export class EsbuildLocalBundling implements ILocalBundling {
  readonly recipe: EsbuildRecipe;
  readonly cacheDir: string | undefined;

  constructor(recipe: EsbuildRecipe, cacheDir?: string) {
    this.recipe = recipe;
    this.cacheDir = cacheDir;
  }

  tryBundle(outputDir: string, _options: BundlingOptions): boolean {
    if (this.cacheDir === undefined) buildLambda(this.recipe, outputDir);
    else new LambdaBundleCache(this.cacheDir).bundleInto(this.recipe, outputDir);
    return true;
  }
}
