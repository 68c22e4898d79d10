import { randomBytes } from 'node:crypto';
import { mkdirSync, realpathSync } from 'node:fs';
import { mkdir, readdir, rm, symlink } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunRequest, RunResult, SandboxInstance } from '@keyless/labs/sandbox';
import { warmCompileCache } from './compile-cache.ts';
import { buildChildEnv } from './environment.ts';
import { chooseJail, jailCommand, type JailKind } from './jail.ts';
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
  /** Node binary for attendee code. Default: the server's own (`process.execPath`, Node 24). */
  nodePath?: string;
  /** Default: `<workRoot>/.compile-cache`. */
  compileCacheDir?: string;
  /** Where the runner says how it is jailed. Default: console.warn. */
  log?: (message: string) => void;
}

export interface ProcessRunner {
  readonly jail: JailKind;
  /** A SandboxInstance for one attendee, with that attendee's env baked in. */
  instanceFor(context: { attendeeId: string; env: Readonly<Record<string, string>> }): SandboxInstance;
  /** Pre-warms caches so the first attendee Run is fast (optional but recommended). */
  warm?(): Promise<void>;
}

const RUN_DIR_PREFIX = 'run-';

export function createProcessRunner(options: ProcessRunnerOptions): ProcessRunner {
  const limits = resolveLimits(options.limits);
  const log = options.log ?? ((message: string) => console.warn(message));
  const choice = chooseJail(options.jail ?? 'auto');
  if (choice.kind === 'permission-only') {
    log(`instance runner: attendee code runs under Node's permission model only (${choice.reason ?? 'no reason given'}); no OS-level jail.`);
  }
  // One-time setup at server start; real paths, because Node's permission
  // model and module loader compare resolved paths (macOS: /var -> /private/var).
  mkdirSync(options.workRoot, { recursive: true, mode: 0o700 });
  const workRoot = realpathSync(options.workRoot);
  const nodePath = realpathSync(options.nodePath ?? process.execPath);
  const nodeModulesDirs = [...new Set([resolve(options.nodeModulesDir), realpathSync(options.nodeModulesDir)])];
  const cacheDir = resolve(options.compileCacheDir ?? join(workRoot, '.compile-cache'));
  const queue = createRunQueue(options.maxConcurrentRuns ?? 2 * availableParallelism());
  let cacheReady = false;
  let warming: Promise<void> | undefined;
  const activeRunDirs = new Set<string>();

  const newRunDir = (attendeeId: string): string => {
    const slug = attendeeId.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 32);
    return join(workRoot, `${RUN_DIR_PREFIX}${slug}-${randomBytes(6).toString('hex')}`);
  };

  const execute = async (runDir: string, request: RunRequest, env: Record<string, string>, timeoutMs: number): Promise<RunResult> => {
    const tmpDir = join(runDir, '.tmp');
    activeRunDirs.add(runDir);
    try {
      await mkdir(runDir, { mode: 0o700 });
      await mkdir(tmpDir, { mode: 0o700 });
      await symlink(nodeModulesDirs[0] ?? options.nodeModulesDir, join(runDir, 'node_modules'));
      await writeProject(runDir, request.files);
      const compileCacheDir = cacheReady ? cacheDir : undefined;
      if (compileCacheDir !== undefined) env.NODE_COMPILE_CACHE = compileCacheDir;
      const command = jailCommand(choice, {
        nodePath,
        runDir,
        tmpDir,
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
        timeoutMs,
        maxOutputBytes: limits.maxOutputBytes,
        maxRssBytes: rssCapBytes(limits.maxHeapMb),
        signal: request.signal,
        onOutput: onOutput ? (stream, chunk) => onOutput(stream, hideRunDir(chunk)) : undefined,
        exitCodeEncodesSignal: choice.kind === 'bwrap',
      });
      return { ...result, stdout: hideRunDir(result.stdout), stderr: hideRunDir(result.stderr) };
    } finally {
      await rm(runDir, { recursive: true, force: true, maxRetries: 2 });
      activeRunDirs.delete(runDir);
    }
  };

  return {
    jail: choice.kind,
    instanceFor(context) {
      const sandboxEnv = { ...context.env };
      return {
        async run(request) {
          // Refuse bad requests before queueing, with errors that say how to fix them.
          validateProject(request.files, request.entry);
          const timeoutMs = effectiveTimeout(request.timeoutMs, limits);
          const runDir = newRunDir(context.attendeeId);
          const env = buildChildEnv({ sandboxEnv, requestEnv: request.env, runDir, tmpDir: join(runDir, '.tmp'), compileCacheDir: undefined });
          return queue.schedule(() => execute(runDir, request, env, timeoutMs), request.signal);
        },
      };
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
