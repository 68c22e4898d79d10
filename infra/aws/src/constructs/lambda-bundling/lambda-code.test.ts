import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { fixtureProject, type FixtureProject } from './fixture-project.ts';
import { LAMBDA_BUNDLE_CACHE_CONTEXT, lambdaCode } from './lambda-code.ts';

/** Synthesizes one function of the fixture's entry; returns its asset key and the staged index.js. */
function synth(project: FixtureProject, app: App): { s3Key: string; code: string } {
  const stack = new Stack(app, 'Test');
  new lambda.Function(stack, 'Fn', {
    code: lambdaCode(stack, project.entry),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_24_X,
  });
  const [fn] = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'));
  const s3Key = (fn?.Properties as { Code: { S3Key: string } }).Code.S3Key;
  const staged = path.join(app.outdir, `asset.${s3Key.replace(/\.zip$/, '')}`, 'index.js');
  return { s3Key, code: readFileSync(staged, 'utf8') };
}

/** An App that bundles as the production synth does: no bundle cache. (CloudFormation validation, 5 s of CPU, is beside the point here.) */
const freshApp = (): App => new App({ builtinCloudFormationValidation: false });

function projectFor(t: TestContext): FixtureProject {
  const project = fixtureProject();
  t.after(() => project.remove());
  return project;
}

describe('lambdaCode', () => {
  it('without a bundle cache (the production synth), bundles afresh on every synth: an edit is always deployed', (t) => {
    const project = projectFor(t);
    const before = synth(project, freshApp());
    assert.match(before.code, /hello from one/);
    project.write('src/greeting.ts', "export const greeting: string = 'hello from two';\n");
    const after = synth(project, freshApp());
    assert.match(after.code, /hello from two/);
    assert.notEqual(after.s3Key, before.s3Key);
  });

  it('with a bundle cache, stages the very asset a fresh bundle gives, and follows an edit', (t) => {
    const project = projectFor(t);
    const cachedApp = (): App =>
      new App({ builtinCloudFormationValidation: false, context: { [LAMBDA_BUNDLE_CACHE_CONTEXT]: project.cacheDir } });
    const fresh = synth(project, freshApp());
    assert.deepEqual(synth(project, cachedApp()), fresh);
    assert.deepEqual(synth(project, cachedApp()), fresh);
    project.write('src/greeting.ts', "export const greeting: string = 'hello from two';\n");
    assert.deepEqual(synth(project, cachedApp()), synth(project, freshApp()));
    assert.notEqual(synth(project, cachedApp()).s3Key, fresh.s3Key);
  });
});
