import { randomBytes } from 'node:crypto';
import { mkdirSync, symlinkSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RunResult } from '@keyless/labs/sandbox';
import type { ChannelEndpoint } from '../channels/types.ts';
import { buildChildEnv } from './environment.ts';
import { JAIL_CHANNEL_DIR, JAIL_SCRATCH_DIR, jailCommand, type JailChoice } from './jail.ts';
import type { RunLimits } from './limits.ts';
import { rssCapBytes } from './memory-watch.ts';
import type { PoolSlot } from './process-pool.ts';
import { writeProject } from './project-files.ts';
import { startProcess, type JailedProcess } from './run-process.ts';
import { stripProjectTypes } from './strip-types.ts';

export const RUN_DIR_PREFIX = 'run-';

/** What every slot of one runner shares. */
export interface SlotConfig {
  readonly choice: JailChoice;
  readonly limits: RunLimits;
  readonly workRoot: string;
  readonly nodePath: string;
  readonly nodeModulesDirs: readonly string[];
  /** Where channel dirs are made (own network only). */
  readonly channelRoot: string | undefined;
  /** The compile cache, once warm (read-only in the jail). */
  readonly compileCacheDir: () => string | undefined;
  /** The warm module and its dir. */
  readonly warm: { readonly dir: string; readonly module: string };
  /** The preload and the launcher as JavaScript, in the warm dir (jail-modules.ts). */
  readonly jailModules: { readonly preload: string; readonly launcher: string };
  /** The startup snapshot of the template's packages, once built (snapshot/). */
  readonly snapshotBlob: () => string | undefined;
}

/** One Run's assignment: what the process learns when a Run takes it. */
export interface SlotAssignment {
  readonly files: Readonly<Record<string, string>>;
  readonly entry: string;
  /** The complete Run environment (sandbox outputs and request env, checked). */
  readonly env: Readonly<Record<string, string>>;
  readonly endpoints: readonly ChannelEndpoint[];
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  readonly onOutput: ((stream: 'stdout' | 'stderr', chunk: string) => void) | undefined;
}

/** A jailed process with its own run dir (and channel dir), waiting for one Run. */
export interface RunSlot extends PoolSlot {
  readonly runDir: string;
  /** Host dir the Run's channel sockets go in; mounted in the jail at spawn. */
  readonly channelDir: string | undefined;
  /** Writes the Run's files, hands the process its assignment, waits for it to exit. Once. */
  run(assignment: SlotAssignment): Promise<RunResult>;
}

/**
 * Starts a jailed process with an empty run dir bound into its jail: the
 * files arrive with the Run (the bind mount shows them), as do the
 * environment and the network bridges (through stdin, see jail-launcher.ts).
 */
export function startRunSlot(config: SlotConfig, options: { warm: boolean; snapshot: boolean }): RunSlot {
  const { choice, limits } = config;
  const id = randomBytes(6).toString('hex');
  const runDir = join(config.workRoot, `${RUN_DIR_PREFIX}${id}`);
  const tmpDir = choice.kind === 'bwrap' ? JAIL_SCRATCH_DIR : join(runDir, '.tmp');
  const channelDir = config.channelRoot === undefined ? undefined : join(config.channelRoot, id);
  mkdirSync(runDir, { mode: 0o700 });
  if (choice.kind !== 'bwrap') mkdirSync(tmpDir, { mode: 0o700 });
  if (channelDir !== undefined) mkdirSync(channelDir, { mode: 0o700 });
  symlinkSync(config.nodeModulesDirs[0] ?? '', join(runDir, 'node_modules'));
  const compileCacheDir = config.compileCacheDir();
  // Only what Node needs at start; the Run's own variables come with its assignment.
  const env = buildChildEnv({ sandboxEnv: {}, requestEnv: undefined, runDir, tmpDir, compileCacheDir });
  // A process started for a Run that is waiting loads only what that Run imports.
  if (options.warm) env.KEYLESS_WARM_MODULE = config.warm.module;
  const command = jailCommand(choice, {
    nodePath: config.nodePath,
    runDir,
    tmpDir,
    scratchBytes: limits.maxScratchBytes,
    channelDir,
    nodeModulesDirs: config.nodeModulesDirs,
    compileCacheDir,
    entryPath: config.jailModules.launcher,
    maxHeapMb: limits.maxHeapMb,
    preloadPath: config.jailModules.preload,
    readOnlyPaths: [config.warm.dir],
    snapshotBlob: options.snapshot ? config.snapshotBlob() : undefined,
  });
  let process: JailedProcess;
  try {
    process = startProcess({
      command,
      env,
      cwd: runDir,
      maxOutputBytes: limits.maxOutputBytes,
      maxRssBytes: rssCapBytes(limits.maxHeapMb),
      exitCodeEncodesSignal: choice.kind === 'bwrap',
    });
  } catch (error) {
    void removeDirs(runDir, channelDir);
    throw error;
  }
  let used = false;
  return {
    runDir,
    channelDir,
    get alive() {
      return !used && !process.exited;
    },
    async discard() {
      used = true;
      process.kill();
      await removeDirs(runDir, channelDir);
    },
    async run(assignment) {
      if (used) throw new Error('A jailed process runs one Run only.');
      used = true;
      try {
        await writeProject(runDir, assignment.files);
        const bridges = assignment.endpoints.map((endpoint) => ({
          port: endpoint.jailPort,
          socketPath: `${JAIL_CHANNEL_DIR}/${endpoint.name}.sock`,
        }));
        const stripped = Object.fromEntries(
          Object.entries(stripProjectTypes(assignment.files)).map(([name, source]) => [
            pathToFileURL(join(runDir, ...name.split('/'))).href,
            source,
          ]),
        );
        return await process.begin({
          timeoutMs: assignment.timeoutMs,
          signal: assignment.signal,
          onOutput: assignment.onOutput,
          stdin: JSON.stringify({ env: assignment.env, entry: join(runDir, ...assignment.entry.split('/')), bridges, stripped }),
        });
      } finally {
        process.kill();
        await removeDirs(runDir, channelDir);
      }
    },
  };
}

async function removeDirs(runDir: string, channelDir: string | undefined): Promise<void> {
  await rm(runDir, { recursive: true, force: true, maxRetries: 2 });
  if (channelDir !== undefined) await rm(channelDir, { recursive: true, force: true });
}
