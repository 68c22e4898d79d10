import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { newApiId } from '../attendees/ids.ts';

/**
 * Each attendee's mutual-TLS Orders API id. On API Gateway a method has one
 * authorization type, so the mTLS front door (custom domain + truststore +
 * revocation authorizer) is a REST API of its own, as the IAM and API-key
 * front doors are; its id is the path segment on the mTLS domain.
 */
export class MtlsApiStore {
  readonly #now: () => number;
  readonly #byAttendee: StatementSync;
  readonly #byApi: StatementSync;
  readonly #insert: StatementSync;
  readonly #delete: StatementSync;

  constructor(db: DatabaseSync, now: () => number) {
    this.#now = now;
    this.#byAttendee = db.prepare('SELECT api_id FROM mtls_apis WHERE attendee_id = ?');
    this.#byApi = db.prepare('SELECT attendee_id FROM mtls_apis WHERE api_id = ?');
    this.#insert = db.prepare('INSERT OR IGNORE INTO mtls_apis (attendee_id, api_id, created_at) VALUES (?, ?, ?)');
    this.#delete = db.prepare('DELETE FROM mtls_apis WHERE attendee_id = ?');
  }

  /** The attendee's API id, created on first use. */
  apiIdFor(attendeeId: string): string {
    const row = this.#byAttendee.get(attendeeId) as { api_id: string } | undefined;
    if (row) return row.api_id;
    this.#insert.run(attendeeId, newApiId(), this.#now());
    return (this.#byAttendee.get(attendeeId) as { api_id: string }).api_id;
  }

  ownerOf(apiId: string): string | undefined {
    return (this.#byApi.get(apiId) as { attendee_id: string } | undefined)?.attendee_id;
  }

  /** Sandbox reset: the next use gets a new id, so old URLs answer 403. */
  reset(attendeeId: string): void {
    this.#delete.run(attendeeId);
  }
}
