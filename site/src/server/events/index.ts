import type { DatabaseSync } from 'node:sqlite';
import type { Lab } from '@keyless/labs';
import {
  RateLimitStore,
  type AttendeeStore,
  type ProgressStore,
  type RunStore,
  type SandboxMode,
  type WorkspaceStore,
} from '../store/index.ts';
import { AttendeeActions } from './attendee-actions.ts';
import { attendeeEventView, sandboxRefusal, sandboxUnavailable, type AttendeeEventView, type SandboxRefusal } from './attendee-view.ts';
import { EventBus } from './event-bus.ts';
import { createEventContext, type EventContext } from './event-context.ts';
import { EventService } from './event-service.ts';
import { localTimeZone } from './event-time.ts';
import { JoinService } from './join-service.ts';
import { JoinGuard } from './join-guard.ts';

export { formatAccessCode, generateAccessCode, parseAccessCode } from './access-code.ts';
export { JOIN_LIMITS } from './join-guard.ts';
export type { AttendeeDetail } from './attendee-actions.ts';
export type { AttendeeEventView, SandboxRefusal } from './attendee-view.ts';
export { EventBus, type ActivityEvent } from './event-bus.ts';
export type { EventSummary } from './event-service.ts';
export type { CellStatus, GridColumn, GridRow } from './grid.ts';
export type { GridLab, StepState } from './lab-progress.ts';
export type { JoinFailure, JoinSuccess } from './join-service.ts';

/** Everything about events the runtime hands to pages and API routes. */
export interface Events {
  readonly context: EventContext;
  readonly service: EventService;
  readonly join: JoinService;
  readonly attendees: AttendeeActions;
  readonly bus: EventBus;
  readonly sandboxModes: readonly SandboxMode[];
  /** The zone every instructor page shows times in (event-time.ts). */
  readonly timeZone: string;
  view(attendeeId: string): AttendeeEventView | undefined;
  /** Why the attendee may not Run or Check now, or undefined if they may. */
  sandboxRefusal(attendeeId: string): SandboxRefusal | undefined;
  /** Why the attendee has no sandbox to read or reset at all (not assigned yet, or of a mode this server does not run). */
  sandboxUnavailable(attendeeId: string): SandboxRefusal | undefined;
}

export function createEvents(options: {
  db: DatabaseSync;
  attendees: AttendeeStore;
  progress: ProgressStore;
  runs: RunStore;
  workspaces: WorkspaceStore;
  labs: readonly Lab[];
  sandboxModes: readonly SandboxMode[];
  resetSandbox: (attendeeId: string) => Promise<void>;
  bus?: EventBus;
  now?: () => number;
  /** Default: this machine's zone, the room's when the instructor's laptop runs the event. */
  timeZone?: string;
}): Events {
  const bus = options.bus ?? new EventBus();
  const context = createEventContext({ ...options, bus });
  const service = new EventService(context, options.sandboxModes);
  // Per-address, overflow and global budgets of wrong guesses, kept in the database (join-guard.ts has the arithmetic).
  const guard = new JoinGuard({ store: new RateLimitStore(options.db), now: context.now });
  return {
    context,
    service,
    join: new JoinService(context, guard),
    attendees: new AttendeeActions({ context, service, workspaces: options.workspaces, resetSandbox: options.resetSandbox }),
    bus,
    sandboxModes: options.sandboxModes,
    timeZone: options.timeZone ?? localTimeZone(),
    view: (attendeeId) => attendeeEventView(context, attendeeId),
    sandboxRefusal: (attendeeId) => sandboxRefusal(context, attendeeId, options.sandboxModes),
    sandboxUnavailable: (attendeeId) => sandboxUnavailable(context, attendeeId, options.sandboxModes),
  };
}
