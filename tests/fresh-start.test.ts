/**
 * `npm start` on a machine whose `node` is Node 20 (which cannot run .ts):
 * npm computes PATH before the first install creates node_modules/.bin, so
 * the launcher, not PATH, must find the project's Node 24. Here the launcher
 * runs on Node 20 with node_modules/.bin off PATH, as on a fresh clone's first
 * start; node_modules already exists, so no network is needed. The install
 * decision itself is tested with a fake file system and a fake spawn.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ensureInstalled, InstallError, installReason, type InstallDeps } from '../scripts/ensure-installed.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** A Node 20–23 (cannot strip types by default, or not at all), or undefined. */
function findOldNode(): string | undefined {
  const onPath = (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'node'));
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node', ...onPath]) {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stdout is null when the candidate cannot be spawned (ENOENT), which Node's types do not say
    const version = spawnSync(candidate, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
    if (/^v2[0-3]\./.test(version)) return candidate;
  }
  return undefined;
}

describe('npm start on a machine whose node is Node 20', () => {
  const oldNode = findOldNode();
  const children: ChildProcess[] = [];
  // Graceful first: the launcher forwards SIGTERM to start.ts in its own process group.
  after(() => children.filter((child) => child.exitCode === null && child.signalCode === null).forEach((child) => child.kill('SIGTERM')));

  test(
    'the launcher installs-if-needed, starts on Node 24, prints the URL and stops on SIGTERM',
    { skip: oldNode ? false : 'no Node 20–23 on this machine (looked at /usr/bin/node, /usr/local/bin/node and PATH)', timeout: 240_000 },
    async () => {
      assert.ok(oldNode);
      // `node` is Node 20 and no node_modules/.bin anywhere on PATH: what npm gives a fresh clone.
      const path = [
        dirname(oldNode),
        ...(process.env.PATH ?? '').split(delimiter).filter((dir) => dir && !dir.includes('node_modules')),
      ].join(delimiter);
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PATH: path,
        KEYLESS_PORT: '0',
        KEYLESS_AWS_PORT: '0',
        KEYLESS_DATA_DIR: mkdtempSync(join(tmpdir(), 'keyless-fresh-start-')),
      };
      delete env.NODE_OPTIONS;
      assert.match(spawnSync('node', ['--version'], { env, encoding: 'utf8' }).stdout, /^v2[0-3]\./, 'PATH should put the old Node first');

      const child = spawn('node', ['scripts/start.mjs'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.once('exit', (code, signal) => resolve({ code, signal })),
      );
      let output = '';
      // The first start may build the site (about a minute); a crash ends the wait early.
      const url = await new Promise<string>((resolve, reject) => {
        const read = (chunk: Buffer): void => {
          output += chunk.toString();
          const match = /Open\s+(http:\/\/\S+)/.exec(output);
          if (match?.[1]) resolve(match[1]);
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        void exited.then(({ code, signal }) =>
          reject(new Error(`launcher exited (${String(code ?? signal)}) before printing the URL:\n${output}`)),
        );
      });
      assert.doesNotMatch(output, /ERR_UNKNOWN_FILE_EXTENSION/);

      const response = await fetch(url);
      assert.ok(response.status < 500, `GET ${url} answered ${response.status}`);
      await response.body?.cancel();

      child.kill('SIGTERM');
      assert.deepEqual(await exited, { code: 0, signal: null }, `launcher should exit 0 after start.ts shuts down:\n${output}`);
      // start.ts ran in its own process group: the server is gone too, not orphaned.
      await assert.rejects(fetch(url), 'the server should stop with the launcher');
    },
  );
});

describe('ensureInstalled decides whether to install', () => {
  const root = '/repo';
  const node24 = '/repo/node_modules/node/bin/node';

  /** A fake tree of files with mtimes, and an npm that (when it succeeds) lays down a current install. */
  function fakeTree(files: Record<string, number>, npmStatus = 0) {
    const tree = new Map(Object.entries(files));
    const calls: string[] = [];
    const deps: InstallDeps = {
      exists: (path) => tree.has(path),
      mtimeMs: (path) => tree.get(path) ?? assert.fail(`no ${path}`),
      spawnSync: (command, args) => {
        calls.push([command, ...args].join(' '));
        if (command === 'npm') {
          if (npmStatus === 0) tree.set(node24, 100).set('/repo/node_modules/.package-lock.json', 100);
          return { status: npmStatus, stdout: '' };
        }
        return { status: 0, stdout: command === node24 ? 'v24.9.0\n' : 'v20.20.2\n' };
      },
      log: () => undefined,
    };
    return { deps, calls };
  }

  const current = { [node24]: 10, '/repo/node_modules/.package-lock.json': 10, '/repo/package-lock.json': 5 };

  test('a current install is left alone and its Node 24 returned', () => {
    const { deps, calls } = fakeTree(current);
    assert.equal(installReason(root, deps), undefined);
    assert.equal(ensureInstalled(root, deps), node24);
    assert.deepEqual(calls, [`${node24} --version`]);
  });

  test('a lock newer than the last install (a stale marker) installs', () => {
    const { deps, calls } = fakeTree({ ...current, '/repo/package-lock.json': 20 });
    assert.match(installReason(root, deps) ?? '', /newer than the last install/);
    assert.equal(ensureInstalled(root, deps), node24);
    assert.deepEqual(calls, ['npm install --no-audit --no-fund', `${node24} --version`]);
  });

  test('a fresh clone (no node_modules) installs', () => {
    const { deps, calls } = fakeTree({ '/repo/package-lock.json': 5 });
    assert.match(installReason(root, deps) ?? '', /no project Node/);
    assert.equal(ensureInstalled(root, deps), node24);
    assert.equal(calls[0], 'npm install --no-audit --no-fund');
  });

  test('a missing marker installs; .bin/node alone is enough to find Node', () => {
    const { deps } = fakeTree({ '/repo/node_modules/.bin/node': 10 });
    assert.match(installReason(root, deps) ?? '', /no node_modules\/\.package-lock\.json/);
    const binOnly = fakeTree({ '/repo/node_modules/.bin/node': 10, '/repo/node_modules/.package-lock.json': 10 });
    assert.equal(installReason(root, binOnly.deps), undefined);
  });

  test('a failed npm install is an InstallError with npm’s exit code', () => {
    const { deps } = fakeTree({}, 7);
    assert.throws(
      () => ensureInstalled(root, deps),
      (error) => error instanceof InstallError && error.exitCode === 7 && /npm install" failed/.test(error.message),
    );
  });

  test('a project Node older than 24 is refused with what to do', () => {
    const { deps } = fakeTree({ '/repo/node_modules/.bin/node': 10, '/repo/node_modules/.package-lock.json': 10 });
    assert.throws(() => ensureInstalled(root, deps), /Expected Node 24\+ .* found "v20\.20\.2"\. Run "npm install"/);
  });
});
