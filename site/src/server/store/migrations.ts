/**
 * Versioned schema migrations. Append only: never edit a migration that has
 * shipped; add the next version instead.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'attendees, sessions, workspaces, runs, check results',
    sql: `
      CREATE TABLE attendees (
        id TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('self-paced', 'event')),
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL
      );
      -- Session cookies are random 256-bit tokens; only their SHA-256 is stored,
      -- so a copy of the database cannot be replayed as cookies.
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        attendee_id TEXT NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX sessions_by_attendee ON sessions (attendee_id);
      CREATE TABLE workspaces (
        attendee_id TEXT NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
        lab_id TEXT NOT NULL,
        files TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (attendee_id, lab_id)
      );
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        attendee_id TEXT NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
        lab_id TEXT NOT NULL,
        exit_code INTEGER,
        timed_out INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL,
        stdout TEXT NOT NULL,
        stderr TEXT NOT NULL,
        started_at INTEGER NOT NULL
      );
      CREATE INDEX runs_by_attendee_lab ON runs (attendee_id, lab_id, id);
      CREATE TABLE check_results (
        attendee_id TEXT NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
        lab_id TEXT NOT NULL,
        check_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pass', 'fail', 'not-applicable')),
        message_key TEXT NOT NULL,
        explanation TEXT NOT NULL,
        checked_at INTEGER NOT NULL,
        first_passed_at INTEGER,
        PRIMARY KEY (attendee_id, lab_id, check_id)
      );
    `,
  },
];
