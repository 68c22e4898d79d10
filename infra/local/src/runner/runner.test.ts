import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { RunRequest, SandboxInstance } from '@keyless/labs/sandbox';
import { chooseJail } from './jail.ts';
import { createProcessRunner, RunRequestError, type ProcessRunner } from './index.ts';

const nodeModulesDir = resolve(import.meta.dirname, '../../../../node_modules');
const bwrapWorks = chooseJail('auto').kind === 'bwrap';
// CI installs bubblewrap: there its absence is a failure, not a skip.
const jails = ['permission-only', 'bwrap'] as const;

for (const jail of jails) {
  describe(
    `instance runner (${jail})`,
    { skip: jail === 'bwrap' && !bwrapWorks && !process.env.CI ? 'bwrap unavailable here' : false },
    () => {
      // Layout of the real server: <data>/secret.txt next to <data>/runs.
      const dataDir = mkdtempSync(join(tmpdir(), `keyless-runner-${jail}-`));
      const workRoot = join(dataDir, 'runs');
      const secretPath = join(dataDir, 'events.sqlite');
      let runner: ProcessRunner;
      let instance: SandboxInstance;
      const run = (files: Record<string, string>, extra: Partial<RunRequest> = {}) =>
        instance.run({ files: files, entry: 'main.ts', ...extra });

      before(() => {
        writeFileSync(secretPath, 'TOP-SECRET');
        process.env.KEYLESS_TEST_SERVER_SECRET = 'server-secret-value';
        runner = createProcessRunner({
          workRoot,
          nodeModulesDir,
          jail,
          limits: { timeoutMs: 5_000, maxOutputBytes: 4096, maxHeapMb: 48 },
          log: () => {},
        });
        instance = runner.instanceFor({
          attendeeId: 'Attendee 7',
          env: { AWS_REGION: 'eu-west-1', COGNITO_USER_POOL_ID: 'eu-west-1_abc' },
        });
      });
      after(async () => {
        await runner.close();
        delete process.env.KEYLESS_TEST_SERVER_SECRET;
        rmSync(dataDir, { recursive: true, force: true });
      });

      test('reports the jail it uses', () => assert.equal(runner.jail, jail));

      test('returns exit code, stdout and stderr', async () => {
        const result = await run({ 'main.ts': `console.log('out'); console.error('err'); process.exitCode = 3;` });
        assert.deepEqual([result.exitCode, result.signal, result.stdout, result.stderr], [3, null, 'out\n', 'err\n']);
        assert.deepEqual([result.timedOut, result.outputTruncated, result.outOfMemory], [false, false, false]);
        assert.ok(result.durationMs > 0);
      });

      test("stack traces name project files, not the server's run directory", async () => {
        const chunks: string[] = [];
        const result = await run({ 'main.ts': `throw new Error('boom');` }, { onOutput: (_stream, chunk) => chunks.push(chunk) });
        assert.match(result.stderr, /main\.ts:1/);
        assert.ok(!result.stderr.includes(workRoot), result.stderr);
        assert.ok(!chunks.join('').includes(workRoot));
      });

      test('passes sandbox and request env, nothing of the server env', async () => {
        const result = await run({ 'main.ts': `console.log(JSON.stringify(process.env));` }, { env: { EXTRA: '1' } });
        const env = JSON.parse(result.stdout) as Record<string, string>;
        assert.equal(env.AWS_REGION, 'eu-west-1');
        assert.equal(env.COGNITO_USER_POOL_ID, 'eu-west-1_abc');
        assert.equal(env.EXTRA, '1');
        assert.equal(env.KEYLESS_TEST_SERVER_SECRET, undefined);
        assert.equal(env.NODE_OPTIONS, undefined);
        assert.equal(env.PATH, '/usr/bin:/bin');
        assert.ok(!result.stdout.includes('server-secret-value'));
      });

      test('refuses env that could widen the jail', async () => {
        await assert.rejects(run({ 'main.ts': '' }, { env: { NODE_OPTIONS: '--allow-fs-read=*' } }), RunRequestError);
        await assert.rejects(run({ 'main.ts': '' }, { env: { LD_PRELOAD: '/x.so' } }), /reserved/);
      });

      test('runs TypeScript with types, across files, and resolves jose and the AWS SDK', async () => {
        const result = await run({
          'main.ts': [
            `import * as jose from 'jose';`,
            `import type { CognitoIdentityProviderClientConfig } from '@aws-sdk/client-cognito-identity-provider';`,
            `import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';`,
            `import { greet, type Greeting } from './lib/greet.ts';`,
            `interface Claims { scope: string }`,
            `const claims: Claims = { scope: 'orders/read' } satisfies Claims;`,
            `const config: CognitoIdentityProviderClientConfig = { region: process.env.AWS_REGION };`,
            `const g: Greeting = greet<string>('lab');`,
            `console.log(g, claims.scope, typeof jose.jwtVerify, typeof new CognitoIdentityProviderClient(config).send);`,
          ].join('\n'),
          'lib/greet.ts': `export type Greeting = string;\nexport function greet<T extends string>(name: T): Greeting { return 'hello ' + name; }\n`,
        });
        assert.equal(result.stderr, '');
        assert.equal(result.stdout, 'hello lab orders/read function function\n');
      });

      test('cannot read the data dir next to the run dir, by relative or absolute path', async () => {
        const result = await run({
          'main.ts': `
import { readFileSync, readdirSync } from 'node:fs';
for (const attempt of [() => readFileSync('../../events.sqlite', 'utf8'), () => readFileSync(${JSON.stringify(secretPath)}, 'utf8'), () => readdirSync('..')]) {
  try { console.log('READ', attempt()); } catch (error) { console.log('denied', (error as NodeJS.ErrnoException).code); }
}`,
        });
        assert.ok(!result.stdout.includes('TOP-SECRET'), result.stdout);
        assert.ok(!result.stdout.includes('READ'), result.stdout);
        assert.equal(result.stdout.split('denied').length - 1, 3, result.stdout);
      });

      test('can write only its scratch dir, and cannot spawn processes', async () => {
        const result = await run({
          'main.ts': `
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
writeFileSync(join(process.env.TMPDIR!, 'ok.txt'), 'fine');
for (const attempt of [() => writeFileSync('main.ts', 'x'), () => writeFileSync('node_modules/planted.js', 'x'), async () => (await import('node:child_process')).execSync('id')]) {
  try { await attempt(); console.log('ALLOWED'); } catch (error) { console.log('denied', (error as NodeJS.ErrnoException).code); }
}`,
        });
        assert.equal(result.stderr, '');
        assert.ok(!result.stdout.includes('ALLOWED'), result.stdout);
      });

      test('rejects path traversal and absolute file names', async () => {
        for (const name of ['../escape.ts', '/etc/passwd', 'a/../../b.ts', 'node_modules/jose/index.js', 'a\\b.ts', './main.ts']) {
          await assert.rejects(instance.run({ files: { 'main.ts': '', [name]: 'x' }, entry: 'main.ts' }), RunRequestError, name);
        }
        await assert.rejects(instance.run({ files: { 'main.ts': '' }, entry: 'missing.ts' }), /not among the project files/);
      });

      test('kills an infinite loop at the timeout', async () => {
        const result = await run({ 'main.ts': `console.log('spin'); for (;;) {}` }, { timeoutMs: 1_000 });
        assert.equal(result.timedOut, true);
        assert.equal(result.signal, 'SIGKILL');
        assert.equal(result.exitCode, null);
        assert.equal(result.stdout, 'spin\n');
        // A lower bound only: how soon after the limit the kill lands depends on the machine's load.
        assert.ok(result.durationMs >= 990, `stopped after ${result.durationMs} ms, before its limit`);
      });

      test('stops an output flood and keeps the first bytes', async () => {
        const result = await run({ 'main.ts': `const line = 'é'.repeat(999) + '\\n'; for (;;) process.stdout.write(line);` });
        assert.equal(result.outputTruncated, true);
        assert.equal(result.timedOut, false);
        assert.ok(Buffer.byteLength(result.stdout) <= 4096);
        assert.ok(Buffer.byteLength(result.stdout) >= 4094, 'keeps up to the cap, minus a split character');
        assert.ok(!result.stdout.includes('\uFFFD'), 'never emits half a character');
      });

      test('detects running out of heap', async () => {
        const result = await run({ 'main.ts': `const hoard: number[][] = []; for (;;) hoard.push(new Array(100_000).fill(1.5));` });
        assert.equal(result.outOfMemory, true, result.stderr);
        assert.notEqual(result.exitCode, 0);
        assert.equal(result.timedOut, false);
      });

      test('kills a run hoarding memory outside the JS heap (Linux)', { skip: process.platform !== 'linux' && 'needs /proc' }, async () => {
        // 48 MiB heap cap → 352 MiB resident cap; Buffers are off-heap.
        const result = await run({
          'main.ts': `const hoard: Buffer[] = []; for (;;) { hoard.push(Buffer.alloc(16 * 1024 * 1024, 1)); await new Promise((r) => setTimeout(r, 5)); }`,
        });
        assert.equal(result.outOfMemory, true);
        assert.equal(result.signal, 'SIGKILL');
        assert.equal(result.timedOut, false);
      });

      test('streams output before the process exits', async () => {
        let settled = false;
        const chunks: { stream: string; text: string; settled: boolean }[] = [];
        const pending = instance.run({
          files: { 'main.ts': `console.log('first'); await new Promise((r) => setTimeout(r, 400)); console.error('second');` },
          entry: 'main.ts',
          onOutput: (stream, text) => chunks.push({ stream, text, settled }),
        });
        const result = await pending.finally(() => (settled = true));
        assert.deepEqual(chunks, [
          { stream: 'stdout', text: 'first\n', settled: false },
          { stream: 'stderr', text: 'second\n', settled: false },
        ]);
        assert.equal(result.stdout, 'first\n');
      });

      test('an abort signal kills the run; an early abort never starts it', async () => {
        const controller = new AbortController();
        const pending = instance.run({
          files: { 'main.ts': `console.log('started'); setInterval(() => {}, 1000);` },
          entry: 'main.ts',
          signal: controller.signal,
          onOutput: () => controller.abort(),
        });
        const result = await pending;
        assert.equal(result.signal, 'SIGKILL');
        assert.equal(result.timedOut, false, 'killed by the abort, not by the time limit');
        await assert.rejects(instance.run({ files: { 'main.ts': '' }, entry: 'main.ts', signal: AbortSignal.abort() }), {
          name: 'AbortError',
        });
      });

      test('after warm(), runs still work and cannot write the compile cache', async () => {
        await runner.warm?.();
        const cacheDir = join(workRoot, '.compile-cache');
        const cacheEntries = () => (jail === 'bwrap' ? readdirSync(cacheDir, { recursive: true }).length : 0);
        const before = cacheEntries();
        if (jail === 'bwrap') assert.ok(before > 10, 'warm() filled the cache');
        const result = await run({
          'main.ts': `
import { writeFileSync } from 'node:fs';
import * as jose from 'jose';
try { writeFileSync(${JSON.stringify(join(cacheDir, 'planted'))}, 'x'); console.log('PLANTED'); } catch (error) { console.log('denied', (error as NodeJS.ErrnoException).code); }
console.log(typeof jose.SignJWT);`,
        });
        assert.equal(result.stderr, '');
        // bwrap: Node's permission model lets Node write the cache, the read-only mount stops it.
        assert.equal(result.stdout, `denied ${jail === 'bwrap' ? 'EROFS' : 'ERR_ACCESS_DENIED'}\nfunction\n`);
        assert.equal(cacheEntries(), before, 'runs add nothing to the shared cache');
        // What is left: the cache, the warm-up module, and the run dirs of processes waiting in the pool for their Run.
        const left = readdirSync(workRoot).filter((name) => name !== '.compile-cache' && name !== '.warm');
        assert.ok(
          left.every((name) => name.startsWith('run-')),
          JSON.stringify(left),
        );
        assert.ok(left.length <= runner.pooled + 1, `${String(left.length)} run dirs for ${String(runner.pooled)} pooled processes`);
      });

      test('many attendees running at once all complete', async () => {
        const instances = Array.from({ length: 6 }, (_, i) => runner.instanceFor({ attendeeId: `attendee-${String(i)}`, env: {} }));
        const results = await Promise.all(
          instances.map((each, i) => each.run({ files: { 'main.ts': `console.log(${i});` }, entry: 'main.ts' })),
        );
        assert.deepEqual(
          results.map((r) => r.stdout),
          ['0\n', '1\n', '2\n', '3\n', '4\n', '5\n'],
        );
      });

      test('one attendee has at most one Run: a second while the first runs is refused with a clear line', async () => {
        const first = run({ 'main.ts': `await new Promise((resolve) => setTimeout(resolve, 300)); console.log('first');` });
        await assert.rejects(run({ 'main.ts': `console.log('second');` }), /previous Run is still running/);
        assert.equal((await first).stdout, 'first\n');
      });
    },
  );
}

test('jail: "bwrap" fails loudly where bubblewrap cannot run', { skip: bwrapWorks ? 'bwrap works here' : false }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyless-runner-'));
  mkdirSync(join(dir, 'runs'));
  try {
    assert.throws(() => createProcessRunner({ workRoot: join(dir, 'runs'), nodeModulesDir, jail: 'bwrap' }), /bubblewrap/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
