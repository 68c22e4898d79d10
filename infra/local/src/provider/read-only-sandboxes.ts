import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';
import type { ControlPlane, Sandbox, UserPoolClientDescription } from '@keyless/labs/sandbox';
import { AttendeeRegistry } from '../attendees/index.ts';
import { CognitoStore } from '../cognito/client-store.ts';
import { EvidenceStore } from '../evidence/evidence-store.ts';
import { assertCurrent, WriteBatch } from '../sqlite/index.ts';
import { SANDBOX_DATABASE } from '../store/database.ts';
import { MIGRATIONS } from '../store/migrations.ts';
import { toDescription } from './control-plane.ts';

/**
 * What a data directory's sandbox recorded, for a process that judges it
 * without serving or changing anything (the `keyless check` CLI): evidence
 * and app clients straight from `sandbox.db`, opened read-only.
 */
export interface ReadOnlySandboxes {
  /** The attendee's sandbox as recorded; undefined when sandbox.db never provisioned this attendee (nothing is provisioned here). */
  forAttendee(attendeeId: string): Sandbox | undefined;
  close(): void;
}

/** Pages of the pool's clients read at once; a pool holds a handful. */
const CLIENT_PAGE = 60;

/**
 * Opens `<dataDir>/sandbox.db` read-only. With a write-ahead log beside it
 * (a server has it open, or was killed), as an ordinary reader, which sees
 * what the server committed; without one (the server stopped cleanly, so
 * everything is in the file), as an immutable file, so that not even the
 * empty `-wal` and `-shm` files a read-only WAL reader leaves behind appear
 * in the data directory. Never migrates: a file at another schema version is
 * refused.
 */
export function openReadOnlySandboxes(options: { dataDir: string; region?: string }): ReadOnlySandboxes {
  const path = join(options.dataDir, 'sandbox.db');
  if (!existsSync(path))
    throw new Error(
      `There is no sandbox database at ${path}: start Keyless on this data directory first (npm start), or pass the right --data-dir.`,
    );
  const db = existsSync(`${path}-wal`)
    ? new DatabaseSync(path, { readOnly: true, timeout: 5000 })
    : new DatabaseSync(immutable(path), { readOnly: true });
  try {
    assertCurrent(db, MIGRATIONS, `${SANDBOX_DATABASE.name} ${path}`);
    const never = (): number => {
      throw new Error('A read-only sandbox has no clock: it records nothing.');
    };
    const attendees = new AttendeeRegistry(db, { now: never, region: options.region ?? 'us-east-1' });
    const evidence = new EvidenceStore(db, never, new WriteBatch(db));
    const clients = new CognitoStore(db);
    return {
      forAttendee(attendeeId) {
        const record = attendees.get(attendeeId);
        if (!record) return undefined;
        return {
          attendeeId,
          mode: 'local',
          consistencyWindowMs: 0,
          outputs: () => Promise.reject(new Error('A read-only sandbox tells no outputs: they come from the running sandbox.')),
          instance: { run: () => Promise.reject(new Error('A read-only sandbox runs nothing: use the site to run code.')) },
          evidence: { query: async (query) => evidence.query(attendeeId, query) },
          controlPlane: recordedControlPlane(clients, record.userPoolId),
        };
      },
      close: () => db.close(),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The pool's app clients as the emulator stores them: what DescribeUserPoolClient would answer for each. */
function recordedControlPlane(clients: CognitoStore, userPoolId: string): ControlPlane {
  return {
    async listUserPoolClients() {
      const all: UserPoolClientDescription[] = [];
      let after = 0;
      for (;;) {
        const page = clients.page(userPoolId, after, CLIENT_PAGE);
        all.push(...page.clients.map(toDescription));
        if (page.next === undefined) return all;
        after = page.next;
      }
    },
    async describeUserPoolClient(clientId) {
      const client = clients.inPool(userPoolId, clientId);
      return client ? toDescription(client) : undefined;
    },
  };
}

/** An SQLite URI for a file no one writes while it is open: no locks, no -wal or -shm (https://sqlite.org/uri.html#uriimmutable). */
function immutable(path: string): URL {
  const url = pathToFileURL(path);
  url.searchParams.set('immutable', '1');
  return url;
}
