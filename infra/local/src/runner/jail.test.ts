import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { chooseJail, JAIL_SCRATCH_DIR, jailCommand, nodeArgs, PRELOAD_MODULE, type JailPlan } from './jail.ts';

const choice = chooseJail('auto');
const dataDirs: string[] = [];
after(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

function fixture(): { dataDir: string; plan: JailPlan } {
  const dataDir = realpathSync(mkdtempSync(join(tmpdir(), 'keyless-jail-')));
  dataDirs.push(dataDir);
  const runDir = join(dataDir, 'runs', 'run-a');
  const otherRun = join(dataDir, 'runs', 'run-b');
  mkdirSync(join(runDir, '.tmp'), { recursive: true });
  mkdirSync(otherRun, { recursive: true });
  writeFileSync(join(dataDir, 'events.sqlite'), 'TOP-SECRET');
  writeFileSync(join(otherRun, 'main.ts'), 'OTHER-ATTENDEE');
  const plan: JailPlan = {
    nodePath: process.execPath,
    runDir,
    tmpDir: choice.kind === 'bwrap' ? JAIL_SCRATCH_DIR : join(runDir, '.tmp'),
    scratchBytes: 1024 * 1024,
    preloadPath: PRELOAD_MODULE,
    nodeModulesDirs: [],
    compileCacheDir: undefined,
    entryPath: join(runDir, 'main.ts'),
    maxHeapMb: 64,
  };
  return { dataDir, plan };
}

test('node flags: permission model, reads and writes only where planned', () => {
  const args = nodeArgs({ ...fixture().plan, nodeModulesDirs: ['/nm'], compileCacheDir: '/cache' });
  assert.equal(args[0], '--permission');
  assert.ok(args.includes('--allow-fs-read=/nm'));
  assert.ok(args.includes('--allow-fs-write=/cache'));
  assert.ok(args.includes('--max-old-space-size=64'));
  assert.ok(!args.some((arg) => /allow-(child-process|worker|addons|wasi)/.test(arg)));
  assert.ok(args.at(-1)?.endsWith('main.ts'));
});

// The OS layer on its own, with a shell instead of Node: proves bwrap blocks
// the data dir even if Node's permission model had a hole.
test(
  'bwrap alone hides the data dir and other run dirs, and keeps the run dir read-only',
  { skip: choice.kind !== 'bwrap' && 'bwrap unavailable' },
  () => {
    const { dataDir, plan } = fixture();
    const { command, args } = jailCommand(choice, plan);
    const jailOnly = args.slice(0, args.indexOf('--') + 1);
    const script = [
      `cat ${dataDir}/events.sqlite 2>&1 || echo no-secret`,
      `cat ${dataDir}/runs/run-b/main.ts 2>&1 || echo no-other-run`,
      `ls ${dataDir} ${dataDir}/runs`,
      `touch ${plan.runDir}/x 2>/dev/null || echo run-dir-ro`,
      `touch ${plan.tmpDir}/x && echo tmp-rw`,
      `id -u; ls /proc | grep -c '^[0-9]'`,
    ].join('; ');
    const result = spawnSync(command, [...jailOnly, '/bin/sh', '-c', script], { encoding: 'utf8', env: {} });
    assert.ok(!result.stdout.includes('TOP-SECRET') && !result.stdout.includes('OTHER-ATTENDEE'), result.stdout);
    assert.match(result.stdout, /no-secret/);
    assert.match(result.stdout, /no-other-run/);
    assert.match(result.stdout, /run-dir-ro/);
    assert.match(result.stdout, /tmp-rw/);
    assert.match(result.stdout, /\n65534\n[1-5]\n$/, 'nobody, in its own pid namespace');
  },
);

test(
  'bwrap alone: a network namespace with only lo, and a scratch dir with a quota',
  { skip: choice.network !== 'own' && 'no network namespace here' },
  () => {
    const { plan } = fixture();
    const { command, args } = jailCommand(choice, plan);
    const jailOnly = args.slice(0, args.indexOf('--') + 1);
    const script = [
      `tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '`,
      `head -c 2097152 /dev/zero > ${plan.tmpDir}/fill 2>/dev/null || echo scratch-full`,
    ].join('; ');
    const result = spawnSync(command, [...jailOnly, '/bin/sh', '-c', script], { encoding: 'utf8', env: {} });
    assert.equal(result.stdout, 'lo\nscratch-full\n');
  },
);

test('node flags: every Run loads the preload first and may read it', () => {
  const args = nodeArgs(fixture().plan);
  assert.ok(args.includes(`--import=${PRELOAD_MODULE}`));
  assert.ok(args.includes(`--allow-fs-read=${PRELOAD_MODULE}`));
  assert.ok(args.indexOf(`--import=${PRELOAD_MODULE}`) < args.length - 1, 'before the entry');
});

test('jail: "permission-only" never uses bwrap', () => {
  const picked = chooseJail('permission-only');
  assert.equal(picked.kind, 'permission-only');
  assert.equal(jailCommand(picked, fixture().plan).command, process.execPath);
});
