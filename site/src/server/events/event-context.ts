import type { DatabaseSync } from 'node:sqlite';
import type { Lab } from '@keyless/labs';
import {
  AccessCodeStore,
  ActionLog,
  EventAttendeeStore,
  EventStore,
  SandboxPoolStore,
  UnlockStore,
  type AttendeeStore,
  type ProgressStore,
  type RunStore,
} from '../store/index.ts';
import type { EventBus } from './event-bus.ts';
import { localTimeZone } from './event-time.ts';

/** What the event services share: the stores over one database, the labs, the bus and the clock. */
export interface EventContext {
  readonly db: DatabaseSync;
  readonly events: EventStore;
  readonly codes: AccessCodeStore;
  readonly members: EventAttendeeStore;
  readonly attendees: AttendeeStore;
  readonly progress: ProgressStore;
  readonly runs: RunStore;
  readonly unlocks: UnlockStore;
  readonly pool: SandboxPoolStore;
  readonly actions: ActionLog;
  readonly bus: EventBus;
  readonly labs: readonly Lab[];
  readonly now: () => number;
  /** The zone of events that have none of their own (made before events had one, or through the API without one). */
  readonly serverTimeZone: string;
}

export function createEventContext(options: {
  db: DatabaseSync;
  attendees: AttendeeStore;
  progress: ProgressStore;
  runs: RunStore;
  bus: EventBus;
  labs: readonly Lab[];
  now?: () => number;
  timeZone?: string;
}): EventContext {
  const { db } = options;
  return {
    ...options,
    events: new EventStore(db),
    codes: new AccessCodeStore(db),
    members: new EventAttendeeStore(db),
    unlocks: new UnlockStore(db),
    pool: new SandboxPoolStore(db),
    actions: new ActionLog(db),
    now: options.now ?? Date.now,
    serverTimeZone: options.timeZone ?? localTimeZone(),
  };
}

/** The event's labs that exist in this build, in the event's order. */
export function eventLabs(context: EventContext, labIds: readonly string[]): Lab[] {
  return labIds.map((id) => context.labs.find((lab) => lab.definition.id === id)).filter((lab): lab is Lab => lab !== undefined);
}
