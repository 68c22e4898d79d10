import { randomUUID } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { visibleToCaller } from '../channels/caller.ts';
import { arns, ROLE_NAMES, type Iam } from '../iam/index.ts';
import { rolesAnywhereArn } from './arns.ts';

/**
 * The profile every attendee account gets, as the per-attendee stack would
 * create it. Settings are code (like the IAM role catalogue); only ids are stored.
 * `acceptRoleSessionName` is false, the AWS default, so a request naming a
 * session is refused as on AWS; the session is then named after the
 * certificate's serial number.
 */
export const PROFILE_SETTINGS = {
  name: 'keyless-workshop',
  durationSeconds: 3600,
  acceptRoleSessionName: false,
  enabled: true,
} as const;
export const TRUST_ANCHOR_NAME = 'keyless-workshop-ca';

/** An attendee account's Roles Anywhere configuration: a trust anchor for the workshop CA, one profile, one role. */
export interface RolesAnywhereResources {
  readonly attendeeId: string;
  readonly accountId: string;
  readonly trustAnchorId: string;
  readonly trustAnchorArn: string;
  readonly profileId: string;
  readonly profileArn: string;
  /** The profile's roleArns: the attendee's `keyless-rolesanywhere-role`. */
  readonly roleArns: readonly string[];
  readonly durationSeconds: number;
  readonly acceptRoleSessionName: boolean;
  readonly enabled: boolean;
}

interface Row {
  attendee_id: string;
  trust_anchor_id: string;
  profile_id: string;
}

/**
 * Each attendee's trust anchor and profile. They live in the attendee's own
 * account (Roles Anywhere needs trust anchor, profile and role in one
 * account), and every trust anchor's source is the one workshop CA.
 */
export class RolesAnywhereStore {
  readonly #iam: Iam;
  readonly #region: string;
  readonly #now: () => number;
  readonly #byAttendee: StatementSync;
  readonly #byTrustAnchor: StatementSync;
  readonly #byProfile: StatementSync;
  readonly #insert: StatementSync;
  readonly #delete: StatementSync;

  constructor(db: DatabaseSync, options: { iam: Iam; region: string; now: () => number }) {
    this.#iam = options.iam;
    this.#region = options.region;
    this.#now = options.now;
    this.#byAttendee = db.prepare('SELECT attendee_id, trust_anchor_id, profile_id FROM rolesanywhere_resources WHERE attendee_id = ?');
    this.#byTrustAnchor = db.prepare(
      'SELECT attendee_id, trust_anchor_id, profile_id FROM rolesanywhere_resources WHERE trust_anchor_id = ?',
    );
    this.#byProfile = db.prepare('SELECT attendee_id, trust_anchor_id, profile_id FROM rolesanywhere_resources WHERE profile_id = ?');
    this.#insert = db.prepare(
      'INSERT OR IGNORE INTO rolesanywhere_resources (attendee_id, trust_anchor_id, profile_id, created_at) VALUES (?, ?, ?, ?)',
    );
    this.#delete = db.prepare('DELETE FROM rolesanywhere_resources WHERE attendee_id = ?');
  }

  /** The attendee's resources, created on first use (idempotent, also across processes). */
  forAttendee(attendeeId: string): RolesAnywhereResources {
    let row = this.#byAttendee.get(attendeeId) as Row | undefined;
    if (!row) {
      this.#insert.run(attendeeId, randomUUID(), randomUUID(), this.#now());
      row = this.#byAttendee.get(attendeeId) as unknown as Row;
    }
    return this.#describe(row);
  }

  byTrustAnchorId(id: string): RolesAnywhereResources | undefined {
    const row = this.#byTrustAnchor.get(id) as Row | undefined;
    return row && visibleToCaller(row.attendee_id) ? this.#describe(row) : undefined;
  }

  byProfileId(id: string): RolesAnywhereResources | undefined {
    const row = this.#byProfile.get(id) as Row | undefined;
    return row && visibleToCaller(row.attendee_id) ? this.#describe(row) : undefined;
  }

  /** Sandbox reset: the next use creates a trust anchor and profile with new ids. */
  reset(attendeeId: string): void {
    this.#delete.run(attendeeId);
  }

  #describe(row: Row): RolesAnywhereResources {
    const { accountId } = this.#iam.account(row.attendee_id);
    return {
      attendeeId: row.attendee_id,
      accountId,
      trustAnchorId: row.trust_anchor_id,
      trustAnchorArn: rolesAnywhereArn(this.#region, accountId, 'trust-anchor', row.trust_anchor_id),
      profileId: row.profile_id,
      profileArn: rolesAnywhereArn(this.#region, accountId, 'profile', row.profile_id),
      roleArns: [arns.role(accountId, ROLE_NAMES.rolesAnywhere)],
      durationSeconds: PROFILE_SETTINGS.durationSeconds,
      acceptRoleSessionName: PROFILE_SETTINGS.acceptRoleSessionName,
      enabled: PROFILE_SETTINGS.enabled,
    };
  }
}
