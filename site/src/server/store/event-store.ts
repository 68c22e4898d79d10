import { randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { SandboxMode } from '@keyless/labs/sandbox';

export type { SandboxMode };

/** A workshop session: who may join, when, with which labs and sandboxes. */
export interface WorkshopEvent {
  readonly id: string;
  readonly name: string;
  readonly startsAt: number;
  readonly endsAt: number;
  /** Lab ids in the order attendees do them. */
  readonly labs: readonly string[];
  readonly sandboxMode: SandboxMode;
  readonly capacity: number;
  /** No progress for this long on a step marks an attendee as stuck. */
  readonly stuckAfterMinutes: number;
  readonly status: 'open' | 'closed';
  readonly isDemo: boolean;
  readonly createdAt: number;
  readonly closedAt: number | null;
  /** The event's IANA zone for every time the instructor pages show; null: the server's (events created before zones). */
  readonly timeZone: string | null;
}

export type NewEvent = Pick<WorkshopEvent, 'name' | 'startsAt' | 'endsAt' | 'labs' | 'sandboxMode' | 'capacity' | 'stuckAfterMinutes'> & {
  readonly isDemo?: boolean;
  readonly createdBy?: string;
  /** Already validated (event-input.ts). */
  readonly timeZone?: string | undefined;
};

/** Events. Closing keeps every row: a closed event only stops accepting joins. */
export class EventStore {
  readonly #insert;
  readonly #get;
  readonly #list;
  readonly #demo;
  readonly #close;
  readonly #setEnd;

  constructor(db: DatabaseSync) {
    this.#insert = db.prepare(`
      INSERT INTO events (id, name, starts_at, ends_at, labs, sandbox_mode, capacity, stuck_after_minutes, status, is_demo, created_by, created_at, time_zone)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)`);
    this.#get = db.prepare('SELECT * FROM events WHERE id = ?');
    this.#list = db.prepare("SELECT * FROM events ORDER BY status = 'closed', starts_at DESC");
    this.#demo = db.prepare('SELECT * FROM events WHERE is_demo = 1');
    this.#close = db.prepare("UPDATE events SET status = 'closed', closed_at = ? WHERE id = ? AND status = 'open'");
    this.#setEnd = db.prepare('UPDATE events SET ends_at = ? WHERE id = ?');
  }

  create(input: NewEvent, at: number): WorkshopEvent {
    const id = `evt_${randomBytes(8).toString('hex')}`;
    this.#insert.run(
      id,
      input.name,
      input.startsAt,
      input.endsAt,
      JSON.stringify(input.labs),
      input.sandboxMode,
      input.capacity,
      input.stuckAfterMinutes,
      input.isDemo ? 1 : 0,
      input.createdBy ?? null,
      at,
      input.timeZone ?? null,
    );
    const created = this.get(id);
    if (!created) throw new Error(`event ${id} vanished after insert`);
    return created;
  }

  get(id: string): WorkshopEvent | undefined {
    const row = this.#get.get(id) as EventRow | undefined;
    return row ? toEvent(row) : undefined;
  }

  list(): WorkshopEvent[] {
    return (this.#list.all() as unknown as EventRow[]).map(toEvent);
  }

  /** The demo event local mode creates on first start, if it exists. */
  demo(): WorkshopEvent | undefined {
    const row = this.#demo.get() as EventRow | undefined;
    return row ? toEvent(row) : undefined;
  }

  close(id: string, at: number): void {
    this.#close.run(at, id);
  }

  setEndsAt(id: string, endsAt: number): void {
    this.#setEnd.run(endsAt, id);
  }
}

interface EventRow {
  id: string;
  name: string;
  starts_at: number;
  ends_at: number;
  labs: string;
  sandbox_mode: SandboxMode;
  capacity: number;
  stuck_after_minutes: number;
  status: 'open' | 'closed';
  is_demo: number;
  created_at: number;
  closed_at: number | null;
  time_zone: string | null;
}

function toEvent(row: EventRow): WorkshopEvent {
  return {
    id: row.id,
    name: row.name,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    labs: JSON.parse(row.labs) as string[],
    sandboxMode: row.sandbox_mode,
    capacity: row.capacity,
    stuckAfterMinutes: row.stuck_after_minutes,
    status: row.status,
    isDemo: row.is_demo === 1,
    createdAt: row.created_at,
    closedAt: row.closed_at,
    timeZone: row.time_zone,
  };
}
