import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { visibleToCaller } from '../channels/caller.ts';
import { transaction } from '../sqlite/index.ts';
import { newApiId, newApiKey, newDomainPrefix, newUserPoolId } from './ids.ts';

/** The ids of one attendee's emulated resources. */
export interface AttendeeRecord {
  readonly attendeeId: string;
  readonly userPoolId: string;
  readonly userPoolName: string;
  readonly domainPrefix: string;
  /** The Orders API behind the Cognito authorizer. */
  readonly apiId: string;
  /** The Orders API behind IAM (SigV4) authorization. */
  readonly iamApiId: string;
  /** The Orders API that requires an API key, and that key. */
  readonly keyApiId: string;
  readonly apiKey: string;
  readonly createdAt: number;
}

/** The resource server every attendee pool gets, as the lab's event stack creates it on AWS. */
export const ORDERS_RESOURCE_SERVER = {
  identifier: 'orders',
  name: 'Orders API',
  scopes: [
    { ScopeName: 'read', ScopeDescription: 'List orders' },
    { ScopeName: 'write', ScopeDescription: 'Create orders' },
  ],
} as const;

interface AttendeeRow {
  attendee_id: string;
  user_pool_id: string;
  user_pool_name: string;
  domain_prefix: string;
  api_id: string;
  iam_api_id: string;
  key_api_id: string;
  api_key: string;
  created_at: number;
}

const COLUMNS = 'attendee_id, user_pool_id, user_pool_name, domain_prefix, api_id, iam_api_id, key_api_id, api_key, created_at';

/**
 * Which attendee owns which pool, domain and API, and provisioning of those.
 * Lookups go to SQLite every time (an indexed read costs microseconds) rather
 * than a cache, so a reset made by another process is seen at once.
 */
export class AttendeeRegistry {
  readonly #db: DatabaseSync;
  readonly #now: () => number;
  readonly #region: string;
  readonly #byAttendee: StatementSync;
  readonly #byPool: StatementSync;
  readonly #byDomain: StatementSync;
  readonly #byApi: StatementSync;
  readonly #byIamApi: StatementSync;
  readonly #byKeyApi: StatementSync;
  readonly #insert: StatementSync;
  readonly #insertResourceServer: StatementSync;
  readonly #resetStatements: readonly StatementSync[];

  constructor(db: DatabaseSync, options: { now: () => number; region: string }) {
    this.#db = db;
    this.#now = options.now;
    this.#region = options.region;
    this.#byAttendee = db.prepare(`SELECT ${COLUMNS} FROM attendees WHERE attendee_id = ?`);
    this.#byPool = db.prepare(`SELECT ${COLUMNS} FROM attendees WHERE user_pool_id = ?`);
    this.#byDomain = db.prepare(`SELECT ${COLUMNS} FROM attendees WHERE domain_prefix = ?`);
    this.#byApi = db.prepare(`SELECT ${COLUMNS} FROM attendees WHERE api_id = ?`);
    this.#byIamApi = db.prepare(`SELECT ${COLUMNS} FROM attendees WHERE iam_api_id = ?`);
    this.#byKeyApi = db.prepare(`SELECT ${COLUMNS} FROM attendees WHERE key_api_id = ?`);
    this.#insert = db.prepare(`INSERT INTO attendees (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#insertResourceServer = db.prepare(
      'INSERT OR IGNORE INTO resource_servers (user_pool_id, identifier, name, scopes) VALUES (?, ?, ?, ?)',
    );
    // Everything the attendee made or caused. The account, its roles and their
    // sessions survive: a reset does not replace the instance or its role.
    this.#resetStatements = [
      db.prepare('DELETE FROM user_pool_clients WHERE attendee_id = ?'),
      db.prepare('DELETE FROM orders WHERE attendee_id = ?'),
      db.prepare('DELETE FROM issued_tokens WHERE attendee_id = ?'),
      db.prepare('DELETE FROM evidence WHERE attendee_id = ?'),
      db.prepare('DELETE FROM resource_servers WHERE user_pool_id IN (SELECT user_pool_id FROM attendees WHERE attendee_id = ?)'),
      db.prepare('DELETE FROM attendees WHERE attendee_id = ?'),
    ];
  }

  get(attendeeId: string): AttendeeRecord | undefined {
    return toRecord(this.#byAttendee.get(attendeeId));
  }
  byUserPoolId(userPoolId: string): AttendeeRecord | undefined {
    return visible(toRecord(this.#byPool.get(userPoolId)));
  }
  byDomainPrefix(domainPrefix: string): AttendeeRecord | undefined {
    return visible(toRecord(this.#byDomain.get(domainPrefix)));
  }
  byApiId(apiId: string): AttendeeRecord | undefined {
    return visible(toRecord(this.#byApi.get(apiId)));
  }
  byIamApiId(apiId: string): AttendeeRecord | undefined {
    return visible(toRecord(this.#byIamApi.get(apiId)));
  }
  byKeyApiId(apiId: string): AttendeeRecord | undefined {
    return visible(toRecord(this.#byKeyApi.get(apiId)));
  }

  /** Idempotent: returns the attendee's resources, creating them on first use. */
  provision(attendeeId: string): AttendeeRecord {
    validateAttendeeId(attendeeId);
    return this.get(attendeeId) ?? transaction(this.#db, () => this.get(attendeeId) ?? this.#create(attendeeId));
  }

  /**
   * Discards the attendee's clients, orders, tokens and evidence and
   * provisions fresh resources with new ids, so tokens from before the reset
   * fail the Orders API's issuer check instead of lingering.
   */
  reset(attendeeId: string): AttendeeRecord {
    validateAttendeeId(attendeeId);
    return transaction(this.#db, () => {
      for (const statement of this.#resetStatements) statement.run(attendeeId);
      return this.#create(attendeeId);
    });
  }

  #create(attendeeId: string): AttendeeRecord {
    const record: AttendeeRecord = {
      attendeeId,
      userPoolId: newUserPoolId(this.#region),
      userPoolName: `keyless-${attendeeId}`.slice(0, 128),
      domainPrefix: newDomainPrefix(),
      apiId: newApiId(),
      iamApiId: newApiId(),
      keyApiId: newApiId(),
      apiKey: newApiKey(),
      createdAt: this.#now(),
    };
    this.#insert.run(
      record.attendeeId,
      record.userPoolId,
      record.userPoolName,
      record.domainPrefix,
      record.apiId,
      record.iamApiId,
      record.keyApiId,
      record.apiKey,
      record.createdAt,
    );
    const server = ORDERS_RESOURCE_SERVER;
    this.#insertResourceServer.run(record.userPoolId, server.identifier, server.name, JSON.stringify(server.scopes));
    return record;
  }
}

function validateAttendeeId(attendeeId: string): void {
  if (attendeeId.length === 0 || attendeeId.length > 128) {
    throw new Error(`Attendee ids must be 1-128 characters; got ${JSON.stringify(attendeeId)}.`);
  }
}

/**
 * Lookups by resource id answer only for the calling Run's own attendee: a
 * request on attendee A's channel that names B's user pool, domain or API
 * finds nothing, exactly as if the id did not exist.
 */
function visible(record: AttendeeRecord | undefined): AttendeeRecord | undefined {
  return record && visibleToCaller(record.attendeeId) ? record : undefined;
}

function toRecord(row: unknown): AttendeeRecord | undefined {
  if (!row) return undefined;
  const r = row as AttendeeRow;
  return {
    attendeeId: r.attendee_id,
    userPoolId: r.user_pool_id,
    userPoolName: r.user_pool_name,
    domainPrefix: r.domain_prefix,
    apiId: r.api_id,
    iamApiId: r.iam_api_id,
    keyApiId: r.key_api_id,
    apiKey: r.api_key,
    createdAt: r.created_at,
  };
}
