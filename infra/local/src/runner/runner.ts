import { randomBytes } from 'node:crypto';
import { mkdirSync, realpathSync } from 'node:fs';
import { mkdir, readdir, rm, symlink } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { RunRequest, RunResult, SandboxInstance } from '@keyless/labs/sandbox';
import type { RunChannelOpener, RunChannelSet } from '../channels/types.ts';
import { warmCompileCache } from './compile-cache.ts';
import { BRIDGE_VARIABLE, buildChildEnv } from './environment.ts';
import { explainRun } from './explain.ts';
import { chooseJail, JAIL_CHANNEL_DIR, JAIL_SCRATCH_DIR, jailCommand, type JailKind, type RunNetwork } from './jail.ts';
import { effectiveTimeout, resolveLimits, type RunLimits } from './limits.ts';
import { validateProject, writeProject } from './project-files.ts';
import { createRunQueue } from './queue.ts';
import { rssCapBytes } from './memory-watch.ts';
import { runProcess } from './run-process.ts';

export interface ProcessRunnerOptions {
  /** Where per-run directories are created (under the data dir). */
  workRoot: string;
  /** The directory attendee imports resolve from (holds @aws-sdk/*, jose). */
  nodeModulesDir: string;
  /** Defaults: timeoutMs 10_000, maxOutputBytes 64 KiB per stream, maxHeapMb 128. */
  limits?: Partial<RunLimits>;
  /** 'auto' (default) uses bubblewrap when it works here, else Node's permission model alone. */
  jail?: 'auto' | 'bwrap' | 'permission-only';
  /** Runs at once; more wait in a queue. Default: 2 × available cores. */
  maxConcurrentRuns?: number;
  /** Runs waiting at most (one per attendee); past it a Run is refused with a retry time. Default 400. */
  maxQueuedRuns?: number;
  /** Node binary for attendee code. Default: the server's own (`process.execPath`, Node 24). */
  nodePath?: string;
  /** Default: `<workRoot>/.compile-cache`. */
  compileCacheDir?: string;
  /** Where the runner says how it is jailed. Default: console.warn. */
  log?: (message: string) => void;
}

export interface ProcessRunner {
  readonly jail: JailKind;
  /** `own`: every Run has a network namespace of its own; `host`: Runs share the server's network (reduced isolation). */
  readonly network: RunNetwork;
  /** Why isolation is reduced, when it is (no bwrap, or no network namespace). */
  readonly reducedIsolation: string | undefined;
  /**
   * A SandboxInstance for one attendee, with that attendee's env baked in.
   * `openChannels` gives each Run its channels to the attendee's sandbox
   * (required for Runs to reach anything when they have their own network).
   */
  instanceFor(context: { attendeeId: string; env: Readonly<Record<string, string>>; openChannels?: RunChannelOpener }): SandboxInstance;
  /** Pre-warms caches so the first attendee Run is fast (optional but recommended). */
  warm?(): Promise<void>;
  /** Removes the runner's private channel dir; Runs in flight should have ended. */
  close(): Promise<void>;
}

const RUN_DIR_PREFIX = 'run-';

export function createProcessRunner(options: ProcessRunnerOptions): ProcessRunner {
  const limits = resolveLimits(options.limits);
  const log = options.log ?? ((message: string) => console.warn(message));
  const choice = chooseJail(options.jail ?? 'auto');
  const reducedIsolation = choice.network === 'own' ? undefined : choice.reason ?? 'no reason given';
  if (choice.kind === 'permission-only') {
    log(`instance runner: REDUCED ISOLATION. Attendee code runs under Node's permission model only (${reducedIsolation ?? ''}): no OS-level jail, and every Run shares this machine's network.`);
  } else if (choice.network === 'host') {
    log(`instance runner: REDUCED ISOLATION. Runs are in a bubblewrap file jail but share this machine's network (${reducedIsolation ?? ''}).`);
  }
  // One-time setup at server start; real paths, because Node's permission
  // model and module loader compare resolved paths (macOS: /var -> /private/var).
  mkdirSync(options.workRoot, { recursive: true, mode: 0o700 });
  const workRoot = realpathSync(options.workRoot);
  const nodePath = realpathSync(options.nodePath ?? process.execPath);
  const nodeModulesDirs = [...new Set([resolve(options.nodeModulesDir), realpathSync(options.nodeModulesDir)])];
  const cacheDir = resolve(options.compileCacheDir ?? join(workRoot, '.compile-cache'));
  const queue = createRunQueue({ concurrency: options.maxConcurrentRuns ?? 2 * availableParallelism(), maxQueued: options.maxQueuedRuns ?? 400 });
  // Short and private: Unix socket paths are limited to ~100 bytes, and a data dir can be deep.
  const channelRoot = choice.network === 'own' ? mkdtempSync(join(tmpdir(), 'keyless-ch-')) : undefined;
  let cacheReady = false;
  let warming: Promise<void> | undefined;
  const activeRunDirs = new Set<string>();

  const newRunDir = (attendeeId: string, runId: string): string => {
    const slug = attendeeId.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 32);
    return join(workRoot, `${RUN_DIR_PREFIX}${slug}-${runId}`);
  };
  // Under bwrap the scratch dir is a size-limited tmpfs; permission-only runs get a dir in the run dir.
  const scratchDirOf = (runDir: string): string => (choice.kind === 'bwrap' ? JAIL_SCRATCH_DIR : join(runDir, '.tmp'));

  interface RunPlan {
    readonly attendeeId: string;
    readonly runId: string;
    readonly runDir: string;
    readonly env: Record<string, string>;
    readonly timeoutMs: number;
    readonly openChannels: RunChannelOpener | undefined;
  }

  const execute = async (plan: RunPlan, request: RunRequest): Promise<RunResult> => {
    const { runDir, runId, env } = plan;
    const tmpDir = scratchDirOf(runDir);
    let channels: RunChannelSet | undefined;
    activeRunDirs.add(runDir);
    try {
      await mkdir(runDir, { mode: 0o700 });
      if (choice.kind !== 'bwrap') await mkdir(tmpDir, { mode: 0o700 });
      await symlink(nodeModulesDirs[0] ?? options.nodeModulesDir, join(runDir, 'node_modules'));
      await writeProject(runDir, request.files);
      const channelDir = channelRoot === undefined ? undefined : join(channelRoot, runId);
      channels = await plan.openChannels?.({ attendeeId: plan.attendeeId, labId: request.labId, runId }, channelDir);
      if (channels && channels.endpoints.length > 0) {
        env[BRIDGE_VARIABLE] = channels.endpoints.map((endpoint) => `${String(endpoint.jailPort)}=${JAIL_CHANNEL_DIR}/${endpoint.name}.sock`).join(',');
      }
      const compileCacheDir = cacheReady ? cacheDir : undefined;
      if (compileCacheDir !== undefined) env.NODE_COMPILE_CACHE = compileCacheDir;
      const command = jailCommand(choice, {
        nodePath,
        runDir,
        tmpDir,
        scratchBytes: limits.maxScratchBytes,
        channelDir: channels && channels.endpoints.length > 0 ? channelDir : undefined,
        nodeModulesDirs,
        compileCacheDir,
        entryPath: join(runDir, ...request.entry.split('/')),
        maxHeapMb: limits.maxHeapMb,
      });
      // Stack traces name files by absolute path; the attendee only needs `main.ts:12:3`.
      const hideRunDir = runDirScrubber(runDir);
      const onOutput = request.onOutput;
      const result = await runProcess({
        command,
        env,
        cwd: runDir,
        timeoutMs: plan.timeoutMs,
        maxOutputBytes: limits.maxOutputBytes,
        maxRssBytes: rssCapBytes(limits.maxHeapMb),
        signal: request.signal,
        onOutput: onOutput ? (stream, chunk) => onOutput(stream, hideRunDir(chunk)) : undefined,
        exitCodeEncodesSignal: choice.kind === 'bwrap',
      });
      const scrubbed = { ...result, stdout: hideRunDir(result.stdout), stderr: hideRunDir(result.stderr), runId };
      const notes = explainRun(scrubbed, { limits, timeoutMs: plan.timeoutMs, network: choice.network, sandboxPorts: channels?.endpoints.map((endpoint) => endpoint.jailPort) ?? [] });
      return notes.length > 0 ? { ...scrubbed, notes } : scrubbed;
    } finally {
      await channels?.close();
      await rm(runDir, { recursive: true, force: true, maxRetries: 2 });
      activeRunDirs.delete(runDir);
    }
  };

  return {
    jail: choice.kind,
    network: choice.network,
    reducedIsolation,
    instanceFor(context) {
      const sandboxEnv = { ...context.env };
      return {
        async run(request) {
          // Refuse bad requests before queueing, with errors that say how to fix them.
          validateProject(request.files, request.entry);
          const timeoutMs = effectiveTimeout(request.timeoutMs, limits);
          const runId = `r-${randomBytes(6).toString('hex')}`;
          const runDir = newRunDir(context.attendeeId, runId);
          const env = buildChildEnv({ sandboxEnv, requestEnv: request.env, runDir, tmpDir: scratchDirOf(runDir), compileCacheDir: undefined });
          const plan: RunPlan = { attendeeId: context.attendeeId, runId, runDir, env, timeoutMs, openChannels: context.openChannels };
          return queue.schedule(context.attendeeId, () => {
            request.onStarted?.();
            return execute(plan, request);
          }, {
            ...(request.signal ? { signal: request.signal } : {}),
            ...(request.onQueued ? { onQueued: request.onQueued } : {}),
          });
        },
      };
    },
    async close() {
      if (channelRoot !== undefined) await rm(channelRoot, { recursive: true, force: true });
    },
    warm() {
      warming ??= (async () => {
        // Leftovers of a crashed server (runs in flight are left alone).
        for (const entry of await readdir(workRoot)) {
          const path = join(workRoot, entry);
          if ((entry.startsWith(RUN_DIR_PREFIX) || entry.startsWith('warm-')) && !activeRunDirs.has(path)) {
            await rm(path, { recursive: true, force: true });
          }
        }
        // Without bwrap nothing can mount the cache read-only, and Node only
        // uses a cache it may write: a shared cache would let one attendee
        // plant compiled code in the next attendee's run. A private copy per
        // run is safe but costs more than it saves (measured), so no cache.
        if (choice.kind !== 'bwrap') return;
        await warmCompileCache({
          jail: choice,
          scratchBytes: limits.maxScratchBytes,
          nodePath,
          nodeModulesDirs,
          cacheDir,
          scratchDir: join(workRoot, `warm-${randomBytes(6).toString('hex')}`),
          maxHeapMb: limits.maxHeapMb,
        });
        cacheReady = true;
      })().catch((error: unknown) => {
        warming = undefined; // a later warm() may try again
        throw error;
      });
      return warming;
    },
  };
}

/** Replaces `file:///…/run-x/` and `/…/run-x/` with nothing, leaving paths relative to the project. */
function runDirScrubber(runDir: string): (text: string) => string {
  const escaped = runDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?:file://)?${escaped}/`, 'g');
  return (text) => text.replace(pattern, '');
}
