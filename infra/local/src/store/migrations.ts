/**
 * Versioned schema of the sandbox database. Each entry upgrades the schema
 * from `version - 1` to `version`; `PRAGMA user_version` records where a file
 * is. Migrations are append-only: never edit one that has shipped, add the
 * next, because attendees' database files outlive a release.
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'attendees, credentials, Cognito, Orders, evidence',
    sql: `
      -- RSA keys the user pools sign with; generated once, shared by all pools
      -- (one JWKS per pool, same keys) so provisioning never generates keys.
      CREATE TABLE signing_keys (
        kid TEXT PRIMARY KEY,
        private_jwk TEXT NOT NULL,
        public_jwk TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      -- One row per attendee: the ids of their emulated resources.
      CREATE TABLE attendees (
        attendee_id TEXT PRIMARY KEY,
        user_pool_id TEXT NOT NULL UNIQUE,
        user_pool_name TEXT NOT NULL,
        domain_prefix TEXT NOT NULL UNIQUE,
        api_id TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL
      );
      -- Temporary credentials standing in for the attendee's instance role.
      CREATE TABLE credentials (
        access_key_id TEXT PRIMARY KEY,
        attendee_id TEXT NOT NULL,
        secret_access_key TEXT NOT NULL,
        session_token TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX credentials_by_attendee ON credentials (attendee_id, expires_at);
      CREATE TABLE resource_servers (
        user_pool_id TEXT NOT NULL,
        identifier TEXT NOT NULL,
        name TEXT NOT NULL,
        scopes TEXT NOT NULL, -- JSON [{ScopeName, ScopeDescription}]
        PRIMARY KEY (user_pool_id, identifier)
      );
      CREATE TABLE user_pool_clients (
        client_id TEXT PRIMARY KEY,
        user_pool_id TEXT NOT NULL,
        attendee_id TEXT NOT NULL,
        client_secret TEXT,
        data TEXT NOT NULL, -- JSON UserPoolClientType without the secret
        created_at INTEGER NOT NULL
      );
      -- Lists page by rowid (creation order), which this index also orders by.
      CREATE INDEX user_pool_clients_by_pool ON user_pool_clients (user_pool_id);
      CREATE TABLE issued_tokens (
        jti TEXT PRIMARY KEY,
        attendee_id TEXT NOT NULL,
        client_id TEXT NOT NULL,
        scopes TEXT NOT NULL,
        issued_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX issued_tokens_by_attendee ON issued_tokens (attendee_id);
      CREATE TABLE orders (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        order_id TEXT NOT NULL UNIQUE,
        attendee_id TEXT NOT NULL,
        item TEXT NOT NULL,
        quantity INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX orders_by_attendee ON orders (attendee_id, seq);
      CREATE TABLE evidence (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        attendee_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        at INTEGER NOT NULL,
        outcome TEXT NOT NULL,
        error TEXT,
        detail TEXT NOT NULL -- JSON: the kind-specific fields
      );
      CREATE INDEX evidence_by_attendee_kind ON evidence (attendee_id, kind, id);
    `,
  },
];
