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

/** A CDK App for a Template test: as production's, except that it reuses unchanged Lambda bundles. */
export function testApp(props: AppProps = {}): App {
  return new App({ ...props, context: { ...props.context, [LAMBDA_BUNDLE_CACHE_CONTEXT]: TEST_LAMBDA_BUNDLE_CACHE } });
}
