import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { esbuildRecipe } from './esbuild-recipe.ts';
import { EsbuildLocalBundling } from './esbuild-local-bundling.ts';
import { projectRootAbove } from './project-root.ts';

/**
 * The CDK context key naming a directory of reusable Lambda bundles. Unset,
 * as in the production synth, every synth bundles afresh; the tests set it
 * (test-support/test-app.ts, for Template tests and keylessApp) so each
 * entry is bundled once, not once per test file.
 */
export const LAMBDA_BUNDLE_CACHE_CONTEXT = '@keyless/aws-sandbox:lambdaBundleCache';

/**
 * The code of a Lambda function: `entryPath` bundled by esbuild into
 * index.js, staged by CDK like any bundled asset (hashed by its output, only
 * for the stacks being synthesized), with no Docker.
 */
export function lambdaCode(scope: Construct, entryPath: string): lambda.Code {
  const projectRoot = projectRootAbove(entryPath);
  const cacheDir: unknown = scope.node.tryGetContext(LAMBDA_BUNDLE_CACHE_CONTEXT);
  if (cacheDir !== undefined && typeof cacheDir !== 'string')
    throw new Error(`context ${LAMBDA_BUNDLE_CACHE_CONTEXT} must be a directory path, got ${JSON.stringify(cacheDir)}`);
  return lambda.Code.fromAsset(projectRoot, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      local: new EsbuildLocalBundling(esbuildRecipe(entryPath, projectRoot), cacheDir),
      // Never run: local bundling either succeeds or throws; CDK requires an image anyway.
      image: DockerImage.fromRegistry('dummy'),
    },
  });
}
