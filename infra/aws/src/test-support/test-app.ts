import { fileURLToPath } from 'node:url';
import { App, type AppProps } from 'aws-cdk-lib';
import { LAMBDA_BUNDLE_CACHE_CONTEXT } from '../constructs/lambda-bundling/lambda-code.ts';

/**
 * Where the tests keep Lambda bundles between test files and runs (the
 * repository's node_modules/.cache, which `npm ci` starts empty). Reuse is
 * keyed by every file a bundle was built from, so an edited Lambda is
 * bundled again, once.
 */
export const TEST_LAMBDA_BUNDLE_CACHE = fileURLToPath(new URL('../../../../node_modules/.cache/keyless-lambdas/', import.meta.url));

/**
 * The App settings of a Template test, as production's except for two costs
 * a test pays for nothing:
 * - Lambda bundles are reused while every file they were built from is
 *   unchanged (constructs/lambda-bundling/README.md), not rebuilt per file;
 * - CDK's built-in CloudFormation validation is off: starting its WASM
 *   engine takes about 5 s of CPU in every test process, and its findings
 *   only warn (they never fail a test); the production synth still runs it.
 */
export function testAppProps(props: AppProps = {}): AppProps {
  return {
    ...props,
    builtinCloudFormationValidation: false,
    context: { ...props.context, [LAMBDA_BUNDLE_CACHE_CONTEXT]: TEST_LAMBDA_BUNDLE_CACHE },
  };
}

/** A CDK App for a Template test (see testAppProps). */
export function testApp(props: AppProps = {}): App {
  return new App(testAppProps(props));
}
