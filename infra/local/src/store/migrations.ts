import type { Migration } from '../sqlite/index.ts';

/**
 * Versioned schema of the sandbox database, as data (../sqlite/migrate.ts
 * applies it). Each entry upgrades the schema from `version - 1` to
 * `version`. Migrations are append-only: never edit one that has shipped, add
 * the next, because attendees' database files outlive a release.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'attendees, credentials, Cognito, Orders, evidence',
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
  {
    version: 2,
    name: 'IAM accounts, roles and role sessions; Orders API front doors; signing-key rotation',
    sql: `
      -- Each attendee's emulated AWS account and EC2 instance. They survive a
      -- reset (the account and the instance are not replaced, only the lab's resources).
      CREATE TABLE accounts (
        attendee_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL UNIQUE,
        instance_id TEXT NOT NULL UNIQUE,
        instance_profile_id TEXT NOT NULL,
        oidc_id TEXT NOT NULL UNIQUE, -- path segment of the attendee's simulated CI OIDC issuer
        oidc_request_token TEXT NOT NULL, -- bearer a simulated CI job presents to get an ID token
        imds_port INTEGER, -- last port the instance's IMDS listened on, reused after a restart when free
        created_at INTEGER NOT NULL
      );
      -- Role definitions live in code (iam/catalogue.ts); only their unique ids
      -- (AROA...) are stored, so ARNs and UserIds stay stable across restarts.
      CREATE TABLE roles (
        account_id TEXT NOT NULL,
        role_name TEXT NOT NULL,
        role_id TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, role_name)
      );
      -- Temporary credentials of every role session: the instance role (IMDS),
      -- AssumeRole, AssumeRoleWithWebIdentity and Roles Anywhere.
      CREATE TABLE role_sessions (
        access_key_id TEXT PRIMARY KEY,
        attendee_id TEXT NOT NULL,
        role_name TEXT NOT NULL,
        session_name TEXT NOT NULL,
        secret_access_key TEXT NOT NULL,
        session_token TEXT NOT NULL,
        source_identity TEXT,
        tags TEXT NOT NULL, -- JSON object: session (principal) tags
        session_policy TEXT, -- JSON policy passed as Policy, or NULL
        issued_by TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX role_sessions_by_role ON role_sessions (attendee_id, role_name, session_name, expires_at);
      -- v1 credentials were not bound to any role; instances now get role
      -- credentials from their IMDS, so the old sets are dropped.
      DROP TABLE credentials;
      -- The Orders API's IAM and API-key front doors are REST APIs of their own.
      ALTER TABLE attendees ADD COLUMN iam_api_id TEXT;
      ALTER TABLE attendees ADD COLUMN key_api_id TEXT;
      ALTER TABLE attendees ADD COLUMN api_key TEXT;
      UPDATE attendees SET iam_api_id = lower(hex(randomblob(5))), key_api_id = lower(hex(randomblob(5))), api_key = hex(randomblob(20));
      CREATE UNIQUE INDEX attendees_by_iam_api ON attendees (iam_api_id);
      CREATE UNIQUE INDEX attendees_by_key_api ON attendees (key_api_id);
      CREATE UNIQUE INDEX attendees_by_api_key ON attendees (api_key);
      -- Signing keys get a purpose (Cognito pools, the CI OIDC issuer) and a
      -- life cycle: published as standby, activated (signs), retired (still
      -- published until tokens it signed have expired).
      ALTER TABLE signing_keys ADD COLUMN purpose TEXT NOT NULL DEFAULT 'cognito';
      ALTER TABLE signing_keys ADD COLUMN activated_at INTEGER;
      ALTER TABLE signing_keys ADD COLUMN retired_at INTEGER;
      UPDATE signing_keys SET activated_at = created_at
        WHERE kid = (SELECT kid FROM signing_keys ORDER BY created_at, kid LIMIT 1);
    `,
  },
  {
    version: 3,
    name: 'workshop PKI (CA, issued certificates, CRL state), mTLS front door ids, Roles Anywhere trust anchors and profiles',
    sql: `
      -- The workshop CA, generated once (or injected) and shared by every attendee.
      CREATE TABLE pki_ca (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        certificate_pem TEXT NOT NULL,
        private_key_pem TEXT NOT NULL, -- PKCS#8
        created_at INTEGER NOT NULL
      );
      -- Every certificate the CA issued; revocation is a timestamp, never undone.
      CREATE TABLE pki_certificates (
        serial TEXT PRIMARY KEY, -- lowercase hex, no leading zeros
        attendee_id TEXT NOT NULL,
        subject TEXT NOT NULL, -- RFC 2253
        key_type TEXT NOT NULL,
        not_before INTEGER NOT NULL,
        not_after INTEGER NOT NULL,
        issued_at INTEGER NOT NULL,
        revoked_at INTEGER,
        revocation_reason TEXT,
        certificate_pem TEXT NOT NULL
      );
      CREATE INDEX pki_certificates_by_attendee ON pki_certificates (attendee_id, issued_at);
      CREATE INDEX pki_certificates_revoked ON pki_certificates (revoked_at) WHERE revoked_at IS NOT NULL;
      -- Small named values: the CRL number, the mTLS front door's URL (for a second process).
      CREATE TABLE pki_settings (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      -- The Orders API's mutual-TLS front door is a REST API of its own, like the
      -- IAM and API-key ones; its id per attendee (new after a reset).
      CREATE TABLE mtls_apis (
        attendee_id TEXT PRIMARY KEY,
        api_id TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL
      );
      -- Each attendee account's Roles Anywhere trust anchor (the workshop CA) and
      -- profile; their settings are code (rolesanywhere/resources.ts), only ids are stored.
      CREATE TABLE rolesanywhere_resources (
        attendee_id TEXT PRIMARY KEY,
        trust_anchor_id TEXT NOT NULL UNIQUE,
        profile_id TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'evidence carries the lab and Run whose per-run channel it arrived on',
    sql: `
      -- NULL for evidence that arrived outside any Run (the host's loopback port).
      ALTER TABLE evidence ADD COLUMN lab_id TEXT;
      ALTER TABLE evidence ADD COLUMN run_id TEXT;
    `,
  },
  {
    version: 5,
    name: 'Secrets Manager secrets of the attendee accounts',
    sql: `
      -- One row per secret and its current version (NULL until a value is stored);
      -- secretsmanager/secret-store.ts. The ARN carries Secrets Manager's random suffix.
      CREATE TABLE secrets (
        attendee_id TEXT NOT NULL,
        name TEXT NOT NULL,
        arn TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        version_id TEXT,
        secret_string TEXT,
        version_created_at INTEGER,
        PRIMARY KEY (attendee_id, name)
      );
    `,
  },
];
