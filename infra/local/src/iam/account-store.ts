import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { visibleToCaller } from '../channels/caller.ts';
import { newAccountId, newInstanceId, newInstanceProfileId, newOidcId, newRequestToken, newRoleId } from '../attendees/ids.ts';

/** An attendee's emulated AWS account and the EC2 instance in it. */
export interface Account {
  readonly attendeeId: string;
  /** 12 digits, unique per attendee, so every ARN is isolated. */
  readonly accountId: string;
  readonly instanceId: string;
  readonly instanceProfileId: string;
  /** Path segment of the attendee's CI OIDC issuer. */
  readonly oidcId: string;
  readonly oidcRequestToken: string;
  /** Last port the instance's IMDS listened on. */
  readonly imdsPort: number | undefined;
  readonly createdAt: number;
}

interface AccountRow {
  attendee_id: string;
  account_id: string;
  instance_id: string;
  instance_profile_id: string;
  oidc_id: string;
  oidc_request_token: string;
  imds_port: number | null;
  created_at: number;
}

const COLUMNS = 'attendee_id, account_id, instance_id, instance_profile_id, oidc_id, oidc_request_token, imds_port, created_at';

/** Accounts and role ids, in SQLite; created on first use, never by a reset. */
export class AccountStore {
  readonly #now: () => number;
  readonly #byAttendee: StatementSync;
  readonly #byAccount: StatementSync;
  readonly #byOidc: StatementSync;
  readonly #insert: StatementSync;
  readonly #setPort: StatementSync;
  readonly #roleId: StatementSync;
  readonly #insertRole: StatementSync;

  constructor(db: DatabaseSync, now: () => number) {
    this.#now = now;
    this.#byAttendee = db.prepare(`SELECT ${COLUMNS} FROM accounts WHERE attendee_id = ?`);
    this.#byAccount = db.prepare(`SELECT ${COLUMNS} FROM accounts WHERE account_id = ?`);
    this.#byOidc = db.prepare(`SELECT ${COLUMNS} FROM accounts WHERE oidc_id = ?`);
    // OR IGNORE on the attendee key: two processes provisioning at once agree on the first row.
    this.#insert = db.prepare(`INSERT OR IGNORE INTO accounts (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)`);
    this.#setPort = db.prepare('UPDATE accounts SET imds_port = ? WHERE attendee_id = ?');
    this.#roleId = db.prepare('SELECT role_id FROM roles WHERE account_id = ? AND role_name = ?');
    this.#insertRole = db.prepare('INSERT OR IGNORE INTO roles (account_id, role_name, role_id, created_at) VALUES (?, ?, ?, ?)');
  }

  /** The attendee's account, created on first use. */
  ensure(attendeeId: string): Account {
    const existing = this.get(attendeeId);
    if (existing) return existing;
    this.#insert.run(attendeeId, newAccountId(), newInstanceId(), newInstanceProfileId(), newOidcId(), newRequestToken(), this.#now());
    const created = this.get(attendeeId);
    if (!created) throw new Error(`Could not create the account of attendee ${attendeeId}.`);
    return created;
  }

  get(attendeeId: string): Account | undefined {
    return toAccount(this.#byAttendee.get(attendeeId));
  }
  byAccountId(accountId: string): Account | undefined {
    return visibleAccount(toAccount(this.#byAccount.get(accountId)));
  }
  byOidcId(oidcId: string): Account | undefined {
    return visibleAccount(toAccount(this.#byOidc.get(oidcId)));
  }

  setImdsPort(attendeeId: string, port: number): void {
    this.#setPort.run(port, attendeeId);
  }

  /** The role's unique id (AROA…), created the first time it is asked for. */
  roleId(accountId: string, roleName: string): string {
    const row = this.#roleId.get(accountId, roleName) as { role_id: string } | undefined;
    if (row) return row.role_id;
    this.#insertRole.run(accountId, roleName, newRoleId(), this.#now());
    return (this.#roleId.get(accountId, roleName) as { role_id: string }).role_id;
  }
}

function toAccount(row: unknown): Account | undefined {
  if (!row) return undefined;
  const r = row as AccountRow;
  return {
    attendeeId: r.attendee_id,
    accountId: r.account_id,
    instanceId: r.instance_id,
    instanceProfileId: r.instance_profile_id,
    oidcId: r.oidc_id,
    oidcRequestToken: r.oidc_request_token,
    imdsPort: r.imds_port ?? undefined,
    createdAt: r.created_at,
  };
}

/** Lookups by id answer only for the calling Run's own attendee (see channels/caller.ts). */
function visibleAccount(account: Account | undefined): Account | undefined {
  return account && visibleToCaller(account.attendeeId) ? account : undefined;
}
