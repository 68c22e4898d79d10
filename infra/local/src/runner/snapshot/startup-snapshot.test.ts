import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { SandboxInstance } from '@keyless/labs/sandbox';
import { chooseJail } from '../jail.ts';
import { createProcessRunner, type ProcessRunner } from '../index.ts';
import { buildStartupSnapshot } from './build-snapshot.ts';

const nodeModulesDir = resolve(import.meta.dirname, '../../../../../node_modules');
const SNAPSHOTTED = ['@aws-sdk/client-sts', 'jose'];

describe('startup snapshot of the template packages', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyless-snapshot-'));
  const resolveDir = join(dataDir, 'resolve');
  const cacheDir = join(dataDir, 'cache');
  mkdirSync(resolveDir);
  symlinkSync(nodeModulesDir, join(resolveDir, 'node_modules'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('is built once and reused while the packages and Node stay the same', async () => {
    const first = await buildStartupSnapshot({ nodePath: process.execPath, resolveDir, packages: SNAPSHOTTED, cacheDir });
    const builtAt = statSync(first.blobPath).mtimeMs;
    const second = await buildStartupSnapshot({ nodePath: process.execPath, resolveDir, packages: [...SNAPSHOTTED].reverse(), cacheDir });
    assert.equal(second.blobPath, first.blobPath);
    assert.equal(statSync(second.blobPath).mtimeMs, builtAt);
    assert.deepEqual(second.packages, SNAPSHOTTED);
  });

  test('a package that cannot be bundled fails the build with its name', async () => {
    await assert.rejects(
      buildStartupSnapshot({
        nodePath: process.execPath,
        resolveDir,
        packages: ['@keyless/no-such-package'],
        cacheDir: join(dataDir, 'broken'),
      }),
      /no-such-package/,
    );
  });
});

const bwrapWorks = chooseJail('auto').kind === 'bwrap';
for (const jail of ['permission-only', 'bwrap'] as const) {
  describe(
    `Runs started from the snapshot (${jail})`,
    { skip: jail === 'bwrap' && !bwrapWorks && !process.env.CI ? 'bwrap unavailable here' : false },
    () => {
      const dataDir = mkdtempSync(join(tmpdir(), `keyless-snapshot-runs-${jail}-`));
      let runner: ProcessRunner;
      let instance: SandboxInstance;
      const run = async (code: string): Promise<string> => {
        const result = await instance.run({ files: { 'main.ts': code }, entry: 'main.ts' });
        assert.equal(result.exitCode, 0, result.stderr);
        return result.stdout.trim();
      };

      before(async () => {
        // Must never reach a Run: the snapshot is built with an empty environment.
        process.env.KEYLESS_TEST_SNAPSHOT_SECRET = 'server-secret';
        // No pool: pooled processes import from disk (they are made in idle time, for latency); a process
        // started for a waiting Run starts from the snapshot when the Run imports a package it holds.
        runner = createProcessRunner({
          workRoot: join(dataDir, 'runs'),
          nodeModulesDir,
          jail,
          warmImports: SNAPSHOTTED,
          poolSize: 0,
          log: () => {},
        });
        await runner.warm?.();
        instance = runner.instanceFor({ attendeeId: 'attendee-1', env: { AWS_REGION: 'eu-west-1' } });
      });
      after(async () => {
        await runner.close();
        delete process.env.KEYLESS_TEST_SNAPSHOT_SECRET;
        rmSync(dataDir, { recursive: true, force: true });
      });

      test("import, default import and require of a snapshotted package all give the snapshot's objects", async () => {
        const out = await run(`
        import { STSClient } from '@aws-sdk/client-sts';
        import sts from '@aws-sdk/client-sts';
        import * as jose from 'jose';
        import { createRequire } from 'node:module';
        const held = (globalThis as Record<symbol, Record<string, Record<string, unknown>>>)[Symbol.for('keyless.templatePackages')];
        const required = createRequire(import.meta.url)('@aws-sdk/client-sts') as { STSClient: unknown };
        console.log(JSON.stringify([held?.['@aws-sdk/client-sts']?.STSClient === STSClient, sts.STSClient === STSClient, required.STSClient === STSClient, typeof jose.SignJWT, Object.keys(held ?? {}).sort()]));
      `);
        assert.deepEqual(JSON.parse(out), [true, true, true, 'function', SNAPSHOTTED]);
      });

      test('a package outside the snapshot still loads from disk, beside the snapshotted ones', async () => {
        const out = await run(
          `import { HttpRequest } from '@smithy/protocol-http'; import 'jose'; console.log(typeof HttpRequest, Symbol.for('keyless.templatePackages') in globalThis);`,
        );
        assert.equal(out, 'function true');
      });

      test('with no process waiting, a Run that imports none of the snapshotted packages starts without the snapshot (a bare start is cheaper)', async () => {
        const cold = createProcessRunner({
          workRoot: join(dataDir, 'runs-cold'),
          nodeModulesDir,
          jail,
          warmImports: SNAPSHOTTED,
          poolSize: 0,
          log: () => {},
        });
        try {
          await cold.warm?.();
          const coldInstance = cold.instanceFor({ attendeeId: 'attendee-2', env: {} });
          const probe = (imports: string) =>
            coldInstance.run({
              files: { 'main.ts': `${imports}\nconsole.log(Symbol.for('keyless.templatePackages') in globalThis);` },
              entry: 'main.ts',
            });
          assert.equal((await probe(`import { createHash } from 'node:crypto';`)).stdout, 'false\n');
          assert.equal((await probe(`import { SignJWT } from 'jose';`)).stdout, 'true\n');
        } finally {
          await cold.close();
        }
      });

      test('the SDK sends after start-up (its HTTP modules load then) and the server env never arrives', async () => {
        const out = await run(`
        import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
        const client = new STSClient({ endpoint: 'http://127.0.0.1:9', maxAttempts: 1, credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'test' } });
        const error = await client.send(new GetCallerIdentityCommand({})).then(() => undefined, (caught: unknown) => caught as { code?: string });
        console.log(JSON.stringify([error?.code, process.env.KEYLESS_TEST_SNAPSHOT_SECRET ?? null, process.env.AWS_REGION]));
      `);
        assert.deepEqual(JSON.parse(out), ['ECONNREFUSED', null, 'eu-west-1']);
      });

      test("an uncaught SDK error names the lab's packages, not a server path", async () => {
        const result = await instance.run({
          files: {
            'main.ts': `import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';\nawait new STSClient({ endpoint: 'http://127.0.0.1:9', maxAttempts: 1 }).send(new GetCallerIdentityCommand({}));\n`,
          },
          entry: 'main.ts',
        });
        assert.equal(result.exitCode, 1);
        assert.match(result.stderr, /CredentialsProviderError/);
        assert.match(result.stderr, /\(the lab's packages\):\d+/);
        assert.match(result.stderr, /main\.ts:2/);
        assert.ok(!result.stderr.includes(dataDir), result.stderr);
      });

      test('what one Run changes in a snapshotted package is not there for the next', async () => {
        const probe = `
        import { STSClient } from '@aws-sdk/client-sts';
        const proto = STSClient.prototype as unknown as Record<string, unknown>;
        console.log(String(proto.planted ?? 'clean'));
        proto.planted = 'planted by an earlier Run';
      `;
        assert.equal(await run(probe), 'clean');
        assert.equal(await run(probe), 'clean');
      });

      test("the blob holds nothing of the server's environment", () => {
        const dir = join(dataDir, 'runs', '.snapshot');
        const blobs = readdirSync(dir).filter((name) => name.endsWith('.blob'));
        assert.equal(blobs.length, 1);
        assert.ok(!readFileSync(join(dir, blobs[0] ?? '')).includes('server-secret'));
      });

      test('every Run gets its own randomness', async () => {
        // Imports a snapshotted package, so the process starts from the snapshot (see importsAnyOf).
        const code = `import 'jose';
console.log(Symbol.for('keyless.templatePackages') in globalThis, Math.random(), crypto.randomUUID());`;
        const [first, second] = [await run(code), await run(code)];
        assert.match(first, /^true /);
        assert.notEqual(first, second);
      });
    },
  );
}
