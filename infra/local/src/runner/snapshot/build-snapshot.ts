import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundleEntrySource, deferredBuiltinData, snapshotBuilderSource, TEMPLATE_PACKAGES_KEY } from './snapshot-source.ts';

const run = promisify(execFile);

/** A V8 startup snapshot that holds the lab template's packages, already evaluated. */
export interface StartupSnapshot {
  /** `node --snapshot-blob <blobPath> …` starts from it. */
  readonly blobPath: string;
  /** The bare specifiers it holds (what the launcher maps to it). */
  readonly packages: readonly string[];
}

export interface BuildSnapshotInput {
  /** The Node that will start from it: a snapshot only loads in the build that made it. */
  readonly nodePath: string;
  /** A dir with a `node_modules` that resolves the packages exactly as a Run does (the warm dir). */
  readonly resolveDir: string;
  readonly packages: readonly string[];
  /** Where blobs are kept across restarts, keyed by what they were built from. */
  readonly cacheDir: string;
}

/**
 * Bundles the template's packages with rolldown (Node snapshots one script,
 * not a module graph), builds the snapshot with the Runs' own Node and checks
 * that a process started from it sees every package. The blob is named after
 * a hash of the builder script and the Node build, so a restart with the
 * same packages reuses it and an upgrade of either builds a new one.
 *
 * The builder runs our bundle of the installed packages, outside the jail
 * but with an empty environment: whatever their top-level code reads from
 * the environment is then what a fresh Run would read before its own
 * variables arrive. Throws when anything fails; the caller falls back to
 * plain imports.
 */
export async function buildStartupSnapshot(input: BuildSnapshotInput): Promise<StartupSnapshot> {
  const packages = [...new Set(input.packages)].sort();
  const env = { PATH: '/usr/bin:/bin' };
  const { stdout: nodeBuild } = await run(input.nodePath, ['-p', 'process.version + " " + process.arch + " " + process.versions.v8'], {
    env,
  });
  if (nodeBuild.trim() !== `${process.version} ${process.arch} ${process.versions.v8}`) {
    // The built-in data below is read from this process's Node; it must be the Runs' Node.
    throw new Error(`the Runs' Node (${nodeBuild.trim()}) is not the server's (${process.version})`);
  }
  const entryPath = join(input.resolveDir, 'snapshot-entry.cjs');
  await writeFile(entryPath, bundleEntrySource(packages));
  const bundle = await bundleScript(entryPath, input.resolveDir);
  const source = snapshotBuilderSource(
    bundle,
    deferredBuiltinData(createRequire(import.meta.url) as (id: string) => Record<string, unknown>),
  );
  const key = createHash('sha256').update(nodeBuild).update('\0').update(source).digest('hex').slice(0, 24);
  await mkdir(input.cacheDir, { recursive: true, mode: 0o755 });
  const blobPath = join(input.cacheDir, `template-${key}.blob`);
  if (!(await exists(blobPath))) {
    const builderPath = join(input.resolveDir, 'snapshot-builder.cjs');
    const configPath = join(input.resolveDir, 'snapshot-config.json');
    const partial = `${blobPath}.${String(process.pid)}.partial`;
    await writeFile(builderPath, source);
    // Without V8's code cache: it doubles the blob, and deserializing it costs
    // more start-up than compiling the few functions a Run calls (measured).
    await writeFile(configPath, JSON.stringify({ builder: builderPath, withoutCodeCache: true }));
    try {
      await run(input.nodePath, ['--snapshot-blob', partial, '--build-snapshot-config', configPath], {
        env,
        cwd: input.resolveDir,
        maxBuffer: 16 * 1024 * 1024,
        timeout: 120_000,
      });
      await rename(partial, blobPath);
    } finally {
      await rm(partial, { force: true });
    }
  }
  await checkSnapshot(input.nodePath, blobPath, packages, env);
  await removeOtherBlobs(input.cacheDir, blobPath);
  return { blobPath, packages };
}

async function bundleScript(entryPath: string, cwd: string): Promise<string> {
  // Loaded only here: a runner without a bundler still works, with plain imports.
  const { rolldown } = await import('rolldown');
  const bundler = await rolldown({ input: entryPath, cwd, platform: 'node', logLevel: 'silent' });
  // One script: the SDK's lazy `import()`s are inlined rather than split into chunks.
  const result = await bundler.generate({ format: 'cjs', codeSplitting: false, minify: false }).finally(() => bundler.close());
  const chunk = result.output.find((item) => item.type === 'chunk');
  if (chunk === undefined) throw new Error('the bundler produced no script');
  return chunk.code;
}

/** Starts the blob once: every package must be there, each with exports. */
async function checkSnapshot(nodePath: string, blobPath: string, packages: readonly string[], env: Record<string, string>): Promise<void> {
  const probe = `const held = globalThis[Symbol.for(${JSON.stringify(TEMPLATE_PACKAGES_KEY)})] ?? {};
const missing = ${JSON.stringify(packages)}.filter((name) => Object.keys(held[name] ?? {}).length === 0);
if (missing.length > 0) { console.error('missing: ' + missing.join(', ')); process.exit(1); }`;
  const dir = join(blobPath, '..');
  const probePath = join(dir, `probe-${String(process.pid)}.cjs`);
  await writeFile(probePath, probe);
  try {
    await run(nodePath, ['--snapshot-blob', blobPath, probePath], { env, cwd: dir, timeout: 30_000 });
  } finally {
    await rm(probePath, { force: true });
  }
}

async function removeOtherBlobs(cacheDir: string, keep: string): Promise<void> {
  for (const name of await readdir(cacheDir)) {
    const path = join(cacheDir, name);
    if (path !== keep && name.startsWith('template-')) await rm(path, { force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
