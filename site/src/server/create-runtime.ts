import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkLab, compileChecks } from '@keyless/checker';
import { loadLabs, type Lab } from '@keyless/labs';
import { LocalSandboxProvider, startLocalAws, type LocalAws } from '@keyless/local-sandbox';
import { createProcessRunner } from '@keyless/local-sandbox/runner';
import { createEvents } from './events/index.ts';
import { InstructorAuth } from './instructors/instructor-auth.ts';
import type { KeylessRuntime } from './runtime.ts';
import { AttendeeStore, InstructorStore, openSiteDatabase, ProgressStore, RunStore, WorkspaceStore } from './store/index.ts';

export interface RuntimeConfig {
  /** Where SQLite files and run directories live. */
  readonly dataDir: string;
  readonly labsDir: string;
  /** node_modules that attendee code imports from. */
  readonly nodeModulesDir: string;
  /** Where the site listens; anything but loopback is room mode. */
  readonly host: string;
  /** Port of the emulated AWS sandbox (always on loopback); 0 picks a free one. */
  readonly awsPort: number;
  /** Room mode on a machine where Runs cannot have a network of their own: start anyway. */
  readonly allowRunsOnSharedNetwork?: boolean;
  /** The runner's jail; default 'auto' (bubblewrap with a network namespace where it works). */
  readonly jail?: 'auto' | 'permission-only';
}

/** The flag that lets room mode start with reduced isolation; its name says what it gives up. */
export const SHARED_NETWORK_FLAG = 'KEYLESS_ALLOW_RUNS_ON_SHARED_NETWORK';

/** Room mode refused: Runs would share this machine's network with every attendee's sandbox. */
export class ReducedIsolationError extends Error {}

export interface Runtime extends KeylessRuntime {
  readonly aws: LocalAws;
  readonly runnerJail: string;
  /** `own` network namespace per Run, or `host` (reduced isolation). */
  readonly runNetwork: string;
  close(): Promise<void>;
}

/** Composes the local-mode runtime: store, emulated AWS, instance runner, checker. */
export async function createLocalRuntime(config: RuntimeConfig): Promise<Runtime> {
  const labs = loadLabs(config.labsDir);
  for (const lab of labs) compileChecks(lab); // fail at start-up, not at the first Check
  const labsById = new Map<string, Lab>(labs.map((lab) => [lab.definition.id, lab]));

  const db = openSiteDatabase(join(config.dataDir, 'keyless.db'));
  const attendees = new AttendeeStore(db);
  const progress = new ProgressStore(db);
  const workspaces = new WorkspaceStore(db);
  const runs = new RunStore(db);

  const runner = createProcessRunner({
    workRoot: join(config.dataDir, 'runs'),
    nodeModulesDir: config.nodeModulesDir,
    jail: config.jail ?? 'auto',
    // Every jailed process loads these before its Run, so a Run does not pay for them.
    warmImports: templatePackages(config.labsDir),
  });
  if (runner.reducedIsolation !== undefined && !isLoopback(config.host) && config.allowRunsOnSharedNetwork !== true) {
    db.close();
    throw new ReducedIsolationError(
      `Room mode (KEYLESS_HOST=${config.host}) needs every Run in a network of its own, and this machine cannot give it one: ${runner.reducedIsolation}.\n` +
        `Attendees' code could then reach each other's sandbox endpoints. Install bubblewrap on Linux (apt-get install bubblewrap), ` +
        `or accept that risk explicitly with ${SHARED_NETWORK_FLAG}=1.`,
    );
  }
  // The emulator listens on loopback only, whatever the site's host: the site
  // and the checker are in this process, and Runs reach it through channels.
  const aws = await startLocalAws({
    dbPath: join(config.dataDir, 'sandbox.db'),
    host: '127.0.0.1',
    port: config.awsPort,
    runNetwork: runner.network === 'own' ? 'namespace' : 'host',
  });
  const sandboxes = new LocalSandboxProvider({ aws, createInstance: (context) => runner.instanceFor(context) });
  await runner.warm?.();
  const events = createEvents({
    db, attendees, progress, runs, workspaces, labs,
    sandboxModes: ['local'],
    resetSandbox: (attendeeId) => sandboxes.reset(attendeeId),
  });
  const { bus } = events;

  return {
    mode: 'local',
    labs,
    findLab: (id) => labsById.get(id),
    attendees,
    progress,
    workspaces,
    runs,
    events,
    instructors: new InstructorAuth(new InstructorStore(db)),
    aws,
    runnerJail: runner.jail,
    runNetwork: runner.network,
    reducedIsolation: runner.reducedIsolation,
    async run(attendee, lab, files, options) {
      const startedAt = Date.now();
      workspaces.save(attendee.id, lab.definition.id, files, startedAt);
      const sandbox = await sandboxes.forAttendee(attendee.id);
      const result = await sandbox.instance.run({
        files,
        entry: lab.definition.entry,
        labId: lab.definition.id,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onOutput ? { onOutput: options.onOutput } : {}),
        ...(options.onQueued ? { onQueued: options.onQueued } : {}),
        ...(options.onStarted ? { onStarted: options.onStarted } : {}),
      });
      runs.record(attendee.id, lab.definition.id, { ...result, startedAt });
      bus.publish({ type: 'ran', attendeeId: attendee.id, labId: lab.definition.id, at: Date.now() });
      return result;
    },
    async check(attendee, lab) {
      const sandbox = await sandboxes.forAttendee(attendee.id);
      const report = await checkLab({ lab, sandbox });
      progress.record(attendee.id, lab.definition.id, report.results, report.checkedAt);
      // After the write: a dashboard that hears this reads what was just committed.
      bus.publish({ type: 'checked', attendeeId: attendee.id, labId: lab.definition.id, at: report.checkedAt });
      return report;
    },
    async prepareSandbox(attendeeId) {
      await sandboxes.forAttendee(attendeeId);
    },
    async close() {
      await aws.close();
      await runner.close();
      db.close();
    },
  };
}

/** The packages lab code may import: the lab template's dependencies. */
function templatePackages(labsDir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(labsDir, '..', 'templates', 'node', 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return Object.keys(manifest.dependencies ?? {});
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
