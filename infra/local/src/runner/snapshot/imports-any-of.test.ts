import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importsAnyOf } from './imports-any-of.ts';

const PACKAGES = ['@aws-sdk/client-sts', 'jose'];

test('finds a snapshotted package however the Run imports it, in any file', () => {
  for (const source of [
    `import { STSClient } from '@aws-sdk/client-sts';`,
    `import * as jose from "jose";`,
    `export { SignJWT } from 'jose';`,
    `const sts = await import('@aws-sdk/client-sts');`,
    `const sts = require( "@aws-sdk/client-sts" );`,
    `import 'jose';`,
  ]) {
    assert.equal(importsAnyOf({ 'main.ts': `console.log(1);`, 'lib/helper.ts': source }, PACKAGES), true, source);
  }
});

test('a Run that imports nothing the snapshot holds starts without it', () => {
  for (const source of [
    `import { readFileSync } from 'node:fs';`,
    `import { HttpRequest } from '@smithy/protocol-http';`,
    `import { x } from '@aws-sdk/client-sts/dist-cjs/index.js';`,
    `import { helper } from './jose';`,
    `// talks about '@aws-sdk/client-sts' in a comment only`,
  ]) {
    assert.equal(importsAnyOf({ 'main.ts': source }, PACKAGES), false, source);
  }
  assert.equal(importsAnyOf({ 'main.ts': `import 'jose';` }, []), false);
});
