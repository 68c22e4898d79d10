/**
 * Lab code is the same in both modes: no lab file (starter, solution, shared
 * code, step text with its code, templates) names an environment variable
 * only local mode sets. Those are the endpoint overrides (SandboxOutputs'
 * `endpointOverrides`): taken here from a real local sandbox's outputs, and
 * also every name of the SDK's endpoint-override family, so a variable local
 * mode adds later is caught too. Against AWS they are simply absent.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import type { LocalSandboxes } from '@keyless/local-sandbox';
import { newAttendeeId, startLocalSandboxes } from './test-support/local-sandboxes.ts';
import { labsDir, repoRoot } from './test-support/repo.ts';

/** The SDK's endpoint overrides and the metadata-service override: `AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_EC2_METADATA_SERVICE_ENDPOINT*`. */
const OVERRIDE_FAMILY = /\bAWS_ENDPOINT_URL(?:_[A-Z0-9_]+)?\b|\bAWS_EC2_METADATA_SERVICE_ENDPOINT(?:_MODE)?\b/g;

let sandboxes: LocalSandboxes;
let localOnly: string[] = [];

before(async () => {
  sandboxes = await startLocalSandboxes({ jail: 'permission-only', runner: { poolSize: 0, startupSnapshot: false } });
  const outputs = await (await sandboxes.provider.forAttendee(newAttendeeId())).outputs();
  localOnly = Object.keys(outputs.endpointOverrides);
});
after(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed
  await sandboxes?.close();
});

function labFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(path).isDirectory() ? labFiles(path) : [path];
  });
}

test('local mode’s overrides are what this test looks for', () => {
  assert.ok(localOnly.length >= 2, `local mode sets endpoint overrides: ${localOnly.join(', ')}`);
  for (const name of localOnly) assert.match(name, new RegExp(OVERRIDE_FAMILY.source), `${name} is an override by the SDK's naming`);
});

/**
 * Where code depends on a variable: it reads `process.env.X` (or `process.env['X']`)
 * with no fallback, or hands the name to a helper as a string ('X'). A read
 * with a fallback to AWS's own default (`?? 'http://169.254.169.254'`) does not
 * depend on it: the SDK itself reads these names the same way. Comments and
 * prose may mention them.
 */
function localOnlyDependencies(code: string, names: readonly string[]): string[] {
  const stripped = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  const found = new Set<string>();
  for (const name of names) {
    const read = new RegExp(String.raw`process\.env(?:\.${name}\b|\[\s*['"\x60]${name}['"\x60]\s*\])(?!\s*(?:\?\?|\|\|))`);
    const quoted = new RegExp(String.raw`['"\x60]${name}['"\x60]`, 'g');
    const withFallback = new RegExp(String.raw`process\.env\[\s*['"\x60]${name}['"\x60]\s*\]\s*(?:\?\?|\|\|)`, 'g');
    const byName = (stripped.match(quoted)?.length ?? 0) - (stripped.match(withFallback)?.length ?? 0);
    if (read.test(stripped) || byName > 0) found.add(name);
  }
  return [...found];
}

/** Code in a file: the whole of a source file, the fenced code blocks of step text. */
function codeOf(path: string): string {
  const text = readFileSync(path, 'utf8');
  if (!/\.mdx?$/.test(path)) return text;
  return [...text.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((match) => match[1] ?? '').join('\n');
}

test('the detector tells depending on a variable from mentioning it or falling back to AWS’s default', () => {
  const names = ['AWS_ENDPOINT_URL_STS', 'AWS_EC2_METADATA_SERVICE_ENDPOINT'];
  assert.deepEqual(localOnlyDependencies('const url = process.env.AWS_ENDPOINT_URL_STS!;', names), ['AWS_ENDPOINT_URL_STS']);
  assert.deepEqual(localOnlyDependencies("const url = required('AWS_EC2_METADATA_SERVICE_ENDPOINT');", names), [
    'AWS_EC2_METADATA_SERVICE_ENDPOINT',
  ]);
  assert.deepEqual(localOnlyDependencies("const u = process.env['AWS_ENDPOINT_URL_STS'];", names), ['AWS_ENDPOINT_URL_STS']);
  assert.deepEqual(
    localOnlyDependencies(
      "// AWS_ENDPOINT_URL_STS points it at the sandbox\nconst imds = process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT ?? 'http://169.254.169.254';",
      names,
    ),
    [],
  );
});

test('no lab file depends on an environment variable that only local mode sets', () => {
  const files = [...labFiles(labsDir), ...labFiles(join(repoRoot, 'labs', 'templates'))].filter((path) =>
    /\.(?:ts|mts|cts|js|mjs|cjs|mdx|md)$/.test(path),
  );
  assert.ok(files.length > 50, 'the labs were found');
  const offenders: string[] = [];
  for (const path of files) {
    const code = codeOf(path);
    const family = [...new Set(code.match(OVERRIDE_FAMILY) ?? [])];
    for (const name of localOnlyDependencies(code, [...new Set([...localOnly, ...family])]))
      offenders.push(`${relative(repoRoot, path)}: ${name}`);
  }
  assert.deepEqual(
    offenders,
    [],
    'lab code must not depend on a local-only variable; it runs unchanged against AWS, where they are absent',
  );
});
