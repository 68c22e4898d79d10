import { join } from 'node:path';
import { startLocalAws, type LocalAws } from './local-aws.ts';
import { LocalSandboxProvider } from './provider/index.ts';
import { createProcessRunner, type ProcessRunner, type ProcessRunnerOptions } from './runner/index.ts';

export interface LocalSandboxesOptions {
  /** Where `sandbox.db` and the Runs' directories (`runs/`) live. */
  readonly dataDir: string;
  /** node_modules that attendee code imports from. */
  readonly nodeModulesDir: string;
  /** Packages every jailed process loads before its Run (the lab template's dependencies), so a Run does not pay for them. */
  readonly warmImports?: readonly string[];
  /** Port of the emulated AWS sandbox (always on loopback); 0 (default) picks a free one. */
  readonly awsPort?: number;
  /** The runner's jail; default 'auto' (bubblewrap with a network namespace where it works). */
  readonly jail?: 'auto' | 'permission-only';
  /** Where the site listens (default loopback); anything but loopback is room mode, where every Run needs a network of its own. */
  readonly siteHost?: string;
  /** Room mode on a machine where Runs cannot have a network of their own: start anyway. */
  readonly allowRunsOnSharedNetwork?: boolean;
  /** The runner's pool and start-up snapshot (benchmarks compare them); defaults as in createProcessRunner. */
  readonly runner?: Pick<ProcessRunnerOptions, 'poolSize' | 'startupSnapshot'>;
}

/** Local mode's sandboxes: the emulated AWS sandbox, the instance runner, and the provider that joins them per attendee. */
export interface LocalSandboxes {
  readonly provider: LocalSandboxProvider;
  /** The emulator ("local AWS"). */
  readonly aws: LocalAws;
  readonly runner: ProcessRunner;
  /** Stops the emulator, then the runner. */
  close(): Promise<void>;
}

/** The flag that lets room mode start with reduced isolation; its name says what it gives up. */
export const SHARED_NETWORK_FLAG = 'KEYLESS_ALLOW_RUNS_ON_SHARED_NETWORK';

/** Room mode refused: Runs would share this machine's network with every attendee's sandbox. */
export class ReducedIsolationError extends Error {
  override readonly name = 'ReducedIsolationError';
}

/**
 * Composes local mode's sandboxes: the instance runner first (it decides
 * whether Runs get a network of their own, and room mode refuses to start
 * without one), then the emulator, then the provider that gives each
 * attendee a Sandbox on both.
 */
export async function createLocalSandboxes(options: LocalSandboxesOptions): Promise<LocalSandboxes> {
  const runner = createProcessRunner({
    workRoot: join(options.dataDir, 'runs'),
    nodeModulesDir: options.nodeModulesDir,
    jail: options.jail ?? 'auto',
    // Every jailed process loads these before its Run, so a Run does not pay for them.
    warmImports: options.warmImports ?? [],
    ...options.runner,
  });
  const siteHost = options.siteHost ?? '127.0.0.1';
  if (runner.reducedIsolation !== undefined && !isLoopback(siteHost) && options.allowRunsOnSharedNetwork !== true) {
    await runner.close();
    throw new ReducedIsolationError(
      `Room mode (KEYLESS_HOST=${siteHost}) needs every Run in a network of its own, and this machine cannot give it one: ${runner.reducedIsolation}.\n` +
        `Attendees' code could then reach each other's sandbox endpoints. Install bubblewrap on Linux (apt-get install bubblewrap), ` +
        `or accept that risk explicitly with ${SHARED_NETWORK_FLAG}=1.`,
    );
  }
  let aws: LocalAws;
  try {
    // The emulator listens on loopback only, whatever the site's host: the site
    // and the checker are in this process, and Runs reach it through channels.
    aws = await startLocalAws({
      dbPath: join(options.dataDir, 'sandbox.db'),
      host: '127.0.0.1',
      port: options.awsPort ?? 0,
      runNetwork: runner.network === 'own' ? 'namespace' : 'host',
    });
  } catch (error) {
    await runner.close();
    throw error;
  }
  const provider = new LocalSandboxProvider({ aws, createInstance: (context) => runner.instanceFor(context) });
  await runner.warm?.();
  return {
    provider,
    aws,
    runner,
    async close() {
      await aws.close();
      await runner.close();
    },
  };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
