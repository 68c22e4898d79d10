import type { LabReport } from '@keyless/checker';
import type { Lab } from '@keyless/labs';
import type { EvidenceLog, RunResult, SandboxMode } from '@keyless/labs/sandbox';
import type { Events } from './events/index.ts';
import type { RoomAddress } from './events/room-url.ts';
import type { SigningKeyRotator } from './events/signing-key-rotation.ts';
import type { BrowserRuns } from './browser-runs.ts';
import type { InstructorAuth } from './instructors/instructor-auth.ts';
import type { Attendee, AttendeeStore, ProgressStore, RunStore, WorkspaceFiles, WorkspaceStore } from './store/index.ts';

/**
 * Everything a page or API route needs, handed to Astro as `locals.runtime`
 * by the server entry. Pages import only these types, so the Astro bundle
 * never holds a second copy of the store or the sandbox.
 */
export interface KeylessRuntime {
  readonly mode: SandboxMode;
  readonly labs: readonly Lab[];
  findLab(id: string): Lab | undefined;
  readonly attendees: AttendeeStore;
  readonly progress: ProgressStore;
  readonly workspaces: WorkspaceStore;
  readonly runs: RunStore;
  /** Events, access codes, joins, the dashboard grid and the live activity bus. */
  readonly events: Events;
  readonly instructors: InstructorAuth;
  /** Room mode: the addresses attendees reach the site at (empty on loopback); the dashboard and table cards print them. */
  readonly room?: RoomAddress;
  /** Local mode's emulated AWS, which can rotate the attendees' user-pool signing keys on the instructor's request; absent in AWS mode. */
  readonly aws?: SigningKeyRotator;
  /** Runs in the attendee's browser (WebContainer): their short-lived environment and the emulator's CORS; absent where a browser cannot reach the sandbox (room mode, AWS mode). */
  readonly browserRuns?: BrowserRuns;
  /** Why Runs are less isolated than designed (no bubblewrap, or no network namespace); the lab page says so. */
  readonly reducedIsolation: string | undefined;
  /** Creates the attendee's sandbox now (local mode: at join), so their first Run does not wait for it. */
  prepareSandbox(attendeeId: string): Promise<void>;
  /** Runs the attendee's files on their sandbox instance and records the result. */
  run(attendee: Attendee, lab: Lab, files: WorkspaceFiles, options: RunOptions): Promise<RunResult>;
  /** Evaluates the lab's checks against the attendee's sandbox and records progress. */
  check(attendee: Attendee, lab: Lab): Promise<LabReport>;
  /** What the attendee's sandbox saw, scoped to that attendee by construction (the Wire view reads it). */
  evidenceOf(attendeeId: string): Promise<EvidenceLog>;
}

export interface RunOptions {
  readonly signal?: AbortSignal;
  readonly onOutput?: (stream: 'stdout' | 'stderr', chunk: string) => void;
  /** While the Run waits for the runner: how many Runs are ahead of it. */
  readonly onQueued?: (ahead: number) => void;
  /** When the Run leaves the queue and starts, with its id where known (its evidence carries it). */
  readonly onStarted?: (runId?: string) => void;
}

/** Rejects files a lab does not have, and oversized content, before anything runs. */
export function validateWorkspaceFiles(lab: Lab, files: unknown): WorkspaceFiles | string {
  if (typeof files !== 'object' || files === null || Array.isArray(files)) return 'files must be an object of file name → content';
  const allowed = new Set(Object.keys(lab.starter));
  const result: Record<string, string> = {};
  for (const [name, content] of Object.entries(files)) {
    if (!allowed.has(name)) return `unknown file "${name}": this lab has ${[...allowed].join(', ')}`;
    if (typeof content !== 'string') return `content of ${name} must be text`;
    if (content.length > 200_000) return `${name} is larger than 200 kB`;
    result[name] = content;
  }
  for (const name of allowed) if (!(name in result)) return `missing file "${name}"`;
  return result;
}
