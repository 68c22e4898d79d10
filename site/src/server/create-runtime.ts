import { join } from 'node:path';
import { checkLab, compileChecks } from '@keyless/checker';
import { loadLabs, templatePackages, type Lab } from '@keyless/labs';
import { createLocalSandboxes, type LocalAws, type LocalSandboxes } from '@keyless/local-sandbox';
import { createEvents } from './events/index.ts';
import { InstructorAuth } from './instructors/instructor-auth.ts';
import { sandboxesByEventMode, type AwsSandboxesFactory } from './aws-mode.ts';
import type { RoomAddress } from './events/room-url.ts';
import { localBrowserRuns } from './browser-runs.ts';
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
  /** AWS mode: sandboxes of AWS-mode events come from this (docs/aws.md); without it the event form offers local mode only. */
  readonly awsSandboxes?: AwsSandboxesFactory;
}

export interface Runtime extends KeylessRuntime {
  readonly aws: LocalAws;
  readonly runnerJail: string;
  /** `own` network namespace per Run, or `host` (reduced isolation). */
  readonly runNetwork: string;
  /** Filled in by the entry point once the site listens (start-local.ts). */
  readonly room: RoomAddress;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** Composes the site's local-mode runtime: its store and events over local mode's sandboxes (createLocalSandboxes), judged by the checker. */
export async function createLocalRuntime(config: RuntimeConfig): Promise<Runtime> {
  const labs = loadLabs(config.labsDir);
  for (const lab of labs) compileChecks(lab); // fail at start-up, not at the first Check
  const labsById = new Map<string, Lab>(labs.map((lab) => [lab.definition.id, lab]));

  const db = openSiteDatabase(join(config.dataDir, 'keyless.db'));
  const attendees = new AttendeeStore(db);
  const progress = new ProgressStore(db);
  const workspaces = new WorkspaceStore(db);
  const runs = new RunStore(db);

  let local: LocalSandboxes;
  try {
    local = await createLocalSandboxes({
      dataDir: config.dataDir,
      nodeModulesDir: config.nodeModulesDir,
      warmImports: templatePackages(config.labsDir),
      awsPort: config.awsPort,
      jail: config.jail ?? 'auto',
      siteHost: config.host,
      ...(config.allowRunsOnSharedNetwork === true ? { allowRunsOnSharedNetwork: true } : {}),
    });
  } catch (error) {
    db.close();
    throw error;
  }
  const { aws, runner } = local;
  const events = createEvents({
    db,
    attendees,
    progress,
    runs,
    workspaces,
    labs,
    sandboxModes: config.awsSandboxes ? ['local', 'aws'] : ['local'],
    resetSandbox: (attendeeId) => sandboxes.reset(attendeeId),
  });
  const { bus } = events;
  // Attendees of AWS-mode events get the sandbox they claimed from the pool; everyone else local mode's.
  const sandboxes = sandboxesByEventMode(local.provider, config.awsSandboxes, events.context);

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
    room: { urls: [] },
    aws,
    // A browser reaches the emulator on loopback only, so browser Runs exist when the site is on loopback too (self-paced, one machine).
    ...(LOOPBACK.has(config.host) ? { browserRuns: localBrowserRuns(aws) } : {}),
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
    async evidenceOf(attendeeId) {
      return (await sandboxes.forAttendee(attendeeId)).evidence;
    },
    async prepareSandbox(attendeeId) {
      await sandboxes.forAttendee(attendeeId);
    },
    async close() {
      await local.close();
      db.close();
    },
  };
}
