import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { availableParallelism, freemem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunRequest, RunResult, SandboxInstance } from '@keyless/labs/sandbox';
import type { RunChannelOpener, RunChannelSet } from '../channels/types.ts';
import { warmCompileCache } from './compile-cache.ts';
import { buildChildEnv } from './environment.ts';
import { shapeCrashOutput } from './crash-output.ts';
import { explainRun } from './explain.ts';
import { chooseJail, JAIL_SCRATCH_DIR, type JailKind, type RunNetwork } from './jail.ts';
import { effectiveTimeout, resolveLimits, type RunLimits } from './limits.ts';
import { createProcessPool } from './process-pool.ts';
import { validateProject } from './project-files.ts';
import { createRunQueue } from './queue.ts';
import { RUN_DIR_PREFIX, startRunSlot, type RunSlot } from './run-slot.ts';
import { warmTypeStripper } from './strip-types.ts';
import { writeJailModules } from './jail-modules.ts';
import { writeWarmModule } from './warm-module.ts';
import { buildStartupSnapshot } from './snapshot/build-snapshot.ts';
import { importsAnyOf } from './snapshot/imports-any-of.ts';

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
  /**
   * Packages every jailed process imports before its Run (the lab template's
   * dependencies), so a Run does not pay for loading them. Default none.
   */
  warmImports?: readonly string[];
  /**
   * Start pooled processes, and processes for Runs that import one of the
   * `warmImports` packages, from a V8 startup snapshot that already holds
   * those packages, evaluated (built by `warm()`; see snapshot/). Default
   * true; without it, or until it is built, processes import from disk.
   */
  startupSnapshot?: boolean;
  /** Processes started ahead of the click. Default: 2 × cores, at most 8, less when memory is short; 0 turns the pool off. */
  poolSize?: number;
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
  /** Stops the pooled processes and removes the runner's private channel dir; Runs in flight should have ended. */
  close(): Promise<void>;
  /** Processes waiting for a Run right now (for benchmarks and the start-up line). */
  readonly pooled: number;
}

/** How long the runner must have been without Runs before the pool refills. */
const IDLE_BEFORE_REFILL_MS = 1_000;
/** Resident memory of one waiting process with the SDK loaded, measured ≈ 60–90 MB; kept well under free memory. */
const POOLED_PROCESS_BYTES = 256 * 1024 * 1024;

export function createProcessRunner(options: ProcessRunnerOptions): ProcessRunner {
  const limits = resolveLimits(options.limits);
  const log = options.log ?? ((message: string) => console.warn(message));
  const choice = chooseJail(options.jail ?? 'auto');
  const reducedIsolation = choice.network === 'own' ? undefined : (choice.reason ?? 'no reason given');
  if (choice.kind === 'permission-only') {
    log(
      `instance runner: REDUCED ISOLATION. Attendee code runs under Node's permission model only (${reducedIsolation ?? ''}): no OS-level jail, and every Run shares this machine's network.`,
    );
  } else if (choice.network === 'host') {
    log(
      `instance runner: REDUCED ISOLATION. Runs are in a bubblewrap file jail but share this machine's network (${reducedIsolation ?? ''}).`,
    );
  }
  // One-time setup at server start; real paths, because Node's permission
  // model and module loader compare resolved paths (macOS: /var -> /private/var).
  mkdirSync(options.workRoot, { recursive: true, mode: 0o700 });
  const workRoot = realpathSync(options.workRoot);
  const createdAt = Date.now() - 1;
  const nodePath = realpathSync(options.nodePath ?? process.execPath);
  const nodeModulesDirs = [...new Set([resolve(options.nodeModulesDir), realpathSync(options.nodeModulesDir)])];
  const cacheDir = resolve(options.compileCacheDir ?? join(workRoot, '.compile-cache'));
  const concurrency = options.maxConcurrentRuns ?? 2 * availableParallelism();
  const queue = createRunQueue({ concurrency, maxQueued: options.maxQueuedRuns ?? 400 });
  // Short and private: Unix socket paths are limited to ~100 bytes, and a data dir can be deep.
  const channelRoot = choice.network === 'own' ? mkdtempSync(join(tmpdir(), 'keyless-ch-')) : undefined;
  warmTypeStripper();
  const warm = writeWarmModule(workRoot, nodeModulesDirs[0] ?? options.nodeModulesDir, options.warmImports ?? []);
  const jailModules = writeJailModules(warm.dir);
  let cacheReady = false;
  let snapshotBlob: string | undefined;
  let warming: Promise<void> | undefined;
  const poolSize =
    options.poolSize ?? Math.max(0, Math.min(8, 2 * availableParallelism(), Math.floor(freemem() / (4 * POOLED_PROCESS_BYTES))));
  let lastRunEndedAt = -Infinity;
  const pool = createProcessPool<RunSlot>({
    size: poolSize,
    start: (slot) =>
      startRunSlot(
        {
          choice,
          limits,
          workRoot,
          nodePath,
          nodeModulesDirs,
          channelRoot,
          compileCacheDir: () => (cacheReady ? cacheDir : undefined),
          warm,
          jailModules,
          snapshotBlob: () => snapshotBlob,
        },
        slot,
      ),
    // Idle means no Run waiting, none running and none for a second: a
    // pooled process imports every template package (~0.5 s of CPU), more
    // than a Run that starts its own process and imports only what it uses,
    // so under a steady stream of Runs the pool would only add load.
    busy: () => queue.waiting > 0 || queue.running > 0 || performance.now() - lastRunEndedAt < IDLE_BEFORE_REFILL_MS,
    log,
  });
  const scratchDirOf = (runDir: string): string => (choice.kind === 'bwrap' ? JAIL_SCRATCH_DIR : join(runDir, '.tmp'));

  interface RunPlan {
    readonly attendeeId: string;
    readonly runId: string;
    readonly sandboxEnv: Readonly<Record<string, string>>;
    readonly timeoutMs: number;
    readonly openChannels: RunChannelOpener | undefined;
  }

  const execute = async (plan: RunPlan, request: RunRequest): Promise<RunResult> => {
    const { runId } = plan;
    // A process started for this Run now (the pool is empty: a busy room) is made
    // for the least CPU: from the snapshot when the Run imports a package it holds
    // (10–30 % less than importing from disk), else a bare start (a start from the
    // snapshot costs about twice a bare Node start). Measured with
    // infra/local/bench/run-cost.ts.
    const slot = pool.take({ snapshot: snapshotBlob !== undefined && importsAnyOf(request.files, options.warmImports ?? []) });
    let channels: RunChannelSet | undefined;
    try {
      channels = await plan.openChannels?.({ attendeeId: plan.attendeeId, labId: request.labId, runId }, slot.channelDir);
      const env = buildChildEnv({
        sandboxEnv: plan.sandboxEnv,
        requestEnv: request.env,
        runDir: slot.runDir,
        tmpDir: scratchDirOf(slot.runDir),
        compileCacheDir: cacheReady ? cacheDir : undefined,
      });
      // Stack traces name files by absolute path; the attendee only needs `main.ts:12:3`.
      const hideRunDir = runDirScrubber(slot.runDir, warm.dir, nodeModulesDirs);
      const onOutput = request.onOutput;
      const endpoints = channels?.endpoints ?? [];
      const result = await slot.run({
        files: request.files,
        entry: request.entry,
        env,
        endpoints,
        timeoutMs: plan.timeoutMs,
        signal: request.signal,
        onOutput: onOutput
          ? (stream, chunk) => onOutput(stream, stream === 'stderr' ? shapeCrashOutput(hideRunDir(chunk)) : hideRunDir(chunk))
          : undefined,
      });
      const scrubbed = { ...result, stdout: hideRunDir(result.stdout), stderr: shapeCrashOutput(hideRunDir(result.stderr)), runId };
      const notes = explainRun(scrubbed, {
        limits,
        timeoutMs: plan.timeoutMs,
        network: choice.network,
        sandboxPorts: endpoints.map((endpoint) => endpoint.jailPort),
      });
      return notes.length > 0 ? { ...scrubbed, notes } : scrubbed;
    } finally {
      if (slot.alive) await slot.discard(); // channels failed to open: the process never got its Run
      await channels?.close();
      lastRunEndedAt = performance.now();
      setTimeout(() => pool.refill(), IDLE_BEFORE_REFILL_MS + 50).unref();
    }
  };

  return {
    jail: choice.kind,
    network: choice.network,
    reducedIsolation,
    get pooled() {
      return pool.ready;
    },
    instanceFor(context) {
      const sandboxEnv = { ...context.env };
      return {
        async run(request) {
          // Refuse bad requests before queueing, with errors that say how to fix them.
          validateProject(request.files, request.entry);
          const timeoutMs = effectiveTimeout(request.timeoutMs, limits);
          // Checked now, so a bad variable is refused before the Run waits its turn.
          buildChildEnv({ sandboxEnv, requestEnv: request.env, runDir: workRoot, tmpDir: workRoot, compileCacheDir: undefined });
          const runId = `r-${randomBytes(6).toString('hex')}`;
          const plan: RunPlan = { attendeeId: context.attendeeId, runId, sandboxEnv, timeoutMs, openChannels: context.openChannels };
          return queue.schedule(
            context.attendeeId,
            () => {
              request.onStarted?.(runId);
              return execute(plan, request);
            },
            {
              ...(request.signal ? { signal: request.signal } : {}),
              ...(request.onQueued ? { onQueued: request.onQueued } : {}),
            },
          );
        },
      };
    },
    async close() {
      await pool.close();
      if (channelRoot !== undefined) await rm(channelRoot, { recursive: true, force: true });
    },
    warm() {
      warming ??= (async () => {
        // Leftovers of a crashed server: dirs made before this runner existed.
        for (const entry of await readdir(workRoot)) {
          const path = join(workRoot, entry);
          if (!entry.startsWith(RUN_DIR_PREFIX) && !entry.startsWith('warm-')) continue;
          const made = await stat(path).then(
            (info) => info.mtimeMs,
            () => Infinity,
          );
          if (made < createdAt) await rm(path, { recursive: true, force: true });
        }
        // Without bwrap nothing can mount the cache read-only, and Node only
        // uses a cache it may write: a shared cache would let one attendee
        // plant compiled code in the next attendee's run. A private copy per
        // run is safe but costs more than it saves (measured), so no cache.
        if (choice.kind === 'bwrap') {
          await warmCompileCache({
            jail: choice,
            scratchBytes: limits.maxScratchBytes,
            preloadPath: jailModules.preload,
            nodePath,
            nodeModulesDirs,
            cacheDir,
            scratchDir: join(workRoot, `warm-${randomBytes(6).toString('hex')}`),
            maxHeapMb: limits.maxHeapMb,
          });
          cacheReady = true;
        }
        const packages = options.warmImports ?? [];
        if (options.startupSnapshot !== false && packages.length > 0) {
          try {
            snapshotBlob = (await buildStartupSnapshot({ nodePath, resolveDir: warm.dir, packages, cacheDir: join(workRoot, '.snapshot') }))
              .blobPath;
          } catch (error) {
            log(
              `instance runner: no startup snapshot (${error instanceof Error ? error.message.slice(0, 300) : String(error)}); Runs import the template's packages from disk, which costs each Run more CPU.`,
            );
          }
        }
        await pool.recycle(); // processes started before the cache was warm would never use it
      })().catch((error: unknown) => {
        warming = undefined; // a later warm() may try again
        throw error;
      });
      return warming;
    },
  };
}

/**
 * Replaces `file:///…/run-x/` and `/…/run-x/` with nothing, leaving paths
 * relative to the project, and drops stack frames of the runner's own
 * modules (the launcher that imported the attendee's entry): they name a
 * server path and mean nothing to the attendee. A package's file is named
 * from `node_modules/` on, and code from the startup snapshot (which Node
 * prints as the builder script's path, e.g. above an uncaught SDK error) as
 * the lab's packages.
 */
function runDirScrubber(runDir: string, runnerDir: string, nodeModulesDirs: readonly string[]): (text: string) => string {
  const escape = (path: string): string => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const project = new RegExp(`(?:file://)?${escape(runDir)}/`, 'g');
  // The launcher's frame is the last one; when the error has properties Node opens their block (` {`) on it, so the brace stays.
  const ownFrames = new RegExp(`\\n[ \\t]*at [^\\n]*${escape(runnerDir)}/[^\\n]*?( \\{)?(?=\\n|$)`, 'g');
  const snapshotCode = new RegExp(`(?:file://)?${escape(runnerDir)}/snapshot-builder\\.cjs`, 'g');
  const packages = nodeModulesDirs.map((dir) => new RegExp(`(?:file://)?${escape(dir)}/`, 'g'));
  return (text) => {
    let scrubbed = text.replace(project, '').replace(ownFrames, '$1').replace(snapshotCode, "(the lab's packages)");
    for (const dir of packages) scrubbed = scrubbed.replace(dir, 'node_modules/');
    return scrubbed;
  };
}
