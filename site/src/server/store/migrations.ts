import type { Migration } from '@keyless/local-sandbox/sqlite';

/**
 * Versioned schema of the event database, as data (applied by
 * @keyless/local-sandbox/sqlite). Append only: never edit a migration that
 * has shipped; add the next version instead (fixtures/previous-release.ts
 * keeps what shipped, and store.test.ts upgrades a file made by it).
 */
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
  {
    version: 2,
    name: 'events, access codes, event attendees, instructors, unlocks, sandbox pool',
    sql: `
      CREATE TABLE events (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        starts_at INTEGER NOT NULL,
        ends_at INTEGER NOT NULL,
        -- JSON array of lab ids, in the order attendees do them.
        labs TEXT NOT NULL,
        sandbox_mode TEXT NOT NULL CHECK (sandbox_mode IN ('local', 'aws')),
        capacity INTEGER NOT NULL CHECK (capacity > 0),
        stuck_after_minutes INTEGER NOT NULL CHECK (stuck_after_minutes > 0),
        status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        is_demo INTEGER NOT NULL DEFAULT 0,
        created_by TEXT,
        created_at INTEGER NOT NULL,
        closed_at INTEGER
      );
      CREATE UNIQUE INDEX events_one_demo ON events (is_demo) WHERE is_demo = 1;
      -- Codes are stored as typed-in (canonical form): the instructor prints
      -- them again and again, and a code only lets someone join, never act as
      -- an existing attendee (that takes the resume secret, stored hashed).
      CREATE TABLE access_codes (
        code TEXT PRIMARY KEY,
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('event', 'named')),
        label TEXT,
        status TEXT NOT NULL CHECK (status IN ('active', 'revoked', 'used')),
        created_at INTEGER NOT NULL,
        revoked_at INTEGER,
        used_by TEXT REFERENCES attendees(id),
        used_at INTEGER
      );
      CREATE INDEX access_codes_by_event ON access_codes (event_id, kind, status);
      CREATE TABLE event_attendees (
        attendee_id TEXT PRIMARY KEY REFERENCES attendees(id) ON DELETE CASCADE,
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        -- Case- and space-folded display name: one person per name per event.
        name_key TEXT NOT NULL,
        resume_hash TEXT NOT NULL,
        joined_with TEXT NOT NULL,
        joined_at INTEGER NOT NULL,
        extra_minutes INTEGER NOT NULL DEFAULT 0,
        sandbox_status TEXT NOT NULL CHECK (sandbox_status IN ('ready', 'waiting')),
        sandbox_id TEXT,
        UNIQUE (event_id, name_key)
      );
      CREATE TABLE instructors (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        -- NULL: this account can only sign in with a one-time login link.
        password_hash TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE instructor_sessions (
        token_hash TEXT PRIMARY KEY,
        instructor_id TEXT NOT NULL REFERENCES instructors(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE TABLE instructor_login_links (
        token_hash TEXT PRIMARY KEY,
        instructor_id TEXT NOT NULL REFERENCES instructors(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER
      );
      -- "Solve up to step N": recorded as the instructor's decision, never as
      -- check results, so it cannot be mistaken for evidence.
      CREATE TABLE instructor_unlocks (
        attendee_id TEXT NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
        lab_id TEXT NOT NULL,
        up_to_step INTEGER NOT NULL CHECK (up_to_step > 0),
        unlocked_by TEXT NOT NULL,
        unlocked_at INTEGER NOT NULL,
        PRIMARY KEY (attendee_id, lab_id)
      );
      -- AWS mode: sandboxes the provisioner (infra/aws) made ahead of the
      -- session; joining claims one. Empty in local mode.
      CREATE TABLE sandbox_pool (
        sandbox_id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('ready', 'assigned')),
        attendee_id TEXT REFERENCES attendees(id),
        provisioned_at INTEGER NOT NULL,
        assigned_at INTEGER
      );
      CREATE INDEX sandbox_pool_ready ON sandbox_pool (event_id, status, provisioned_at);
      CREATE TABLE instructor_actions (
        id INTEGER PRIMARY KEY,
        instructor_id TEXT NOT NULL,
        event_id TEXT,
        attendee_id TEXT,
        action TEXT NOT NULL,
        detail TEXT NOT NULL,
        at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'consecutive check failures (stuck detection)',
    sql: `ALTER TABLE check_results ADD COLUMN consecutive_failures INTEGER NOT NULL DEFAULT 0;`,
  },
  {
    version: 4,
    name: 'rate-limit failures (kept across restarts)',
    sql: `
      -- One row per counted failure (a wrong code, resume secret or password),
      -- per limiter and key (an address, a username, or '*' for a global
      -- budget). Rows older than the limiter's window are pruned as it writes,
      -- and rows are only written for compared guesses, which the limits bound.
      CREATE TABLE rate_limit_failures (
        id INTEGER PRIMARY KEY,
        limiter TEXT NOT NULL,
        client TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX rate_limit_failures_by_client ON rate_limit_failures (limiter, client, at);
      CREATE INDEX rate_limit_failures_by_age ON rate_limit_failures (limiter, at);
    `,
  },
  {
    version: 5,
    name: 'attendee tables, event time zones',
    sql: `
      -- The table an attendee sits at in a conference room ("7", "B3"), so the
      -- instructor walks to the table that is stuck. NULL: not given (and every
      -- row from before this step).
      ALTER TABLE event_attendees ADD COLUMN table_label TEXT;
      -- The event's IANA zone ("Europe/Berlin"), for every time the instructor
      -- pages show. NULL: the server's zone, as before this step.
      ALTER TABLE events ADD COLUMN time_zone TEXT;
    `,
  },
];
