import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { after, test } from 'node:test';
import { userVersion } from '../sqlite/index.ts';
import { openSandboxDatabase } from './database.ts';
import { createPreviousReleaseDatabase, PREVIOUS_RELEASE_MIGRATIONS } from './fixtures/previous-release.ts';
import { MIGRATIONS } from './migrations.ts';

const root = mkdtempSync(join(tmpdir(), 'keyless-sandbox-db-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('a sandbox database made by the previous release opens with every row kept and the schema current', () => {
  const path = join(root, 'sandbox.db');
  const old = createPreviousReleaseDatabase(path);
  // A little of everything an event leaves behind, written as the previous release's schema holds it.
  old.exec(`
    INSERT INTO signing_keys (kid, private_jwk, public_jwk, created_at, purpose, activated_at) VALUES ('k1', '{"d":"…"}', '{"n":"…"}', 1, 'cognito', 1);
    INSERT INTO attendees (attendee_id, user_pool_id, user_pool_name, domain_prefix, api_id, created_at, iam_api_id, key_api_id, api_key)
      VALUES ('ada', 'us-east-1_abcdefghi', 'keyless-ada', 'keyless-ada', 'a1b2c3d4e5', 2, 'f6a7b8c9d0', 'e1f2a3b4c5', 'KEY');
    INSERT INTO accounts (attendee_id, account_id, instance_id, instance_profile_id, oidc_id, oidc_request_token, imds_port, created_at)
      VALUES ('ada', '123456789012', 'i-0123456789abcdef0', 'AIPA0', 'ci-0123456789', 'token', 40123, 3);
    INSERT INTO pki_ca (id, certificate_pem, private_key_pem, created_at) VALUES (1, 'CERT', 'KEY', 4);
    INSERT INTO orders (order_id, attendee_id, item, quantity, created_by, created_at) VALUES ('o-1', 'ada', 'widget', 2, 'arn:aws:sts::123456789012:assumed-role/r/s', 5);
    INSERT INTO evidence (attendee_id, kind, at, outcome, detail, lab_id, run_id) VALUES ('ada', 'token-issued', 6, 'ok', '{}', '01-imds', 'run-1');
  `);
  const before = rowsOf(old);
  old.close();

  const db = openSandboxDatabase(path);
  const after = rowsOf(db);
  // Tables that later migrations add start empty; every table the old file had keeps its rows.
  assert.deepEqual(Object.fromEntries(Object.keys(before).map((name) => [name, after[name]])), before, 'not a row changed');
  for (const [name, rows] of Object.entries(after)) if (!(name in before)) assert.deepEqual(rows, [], `${name} starts empty`);
  assert.deepEqual(schemaOf(db), schemaOf(openSandboxDatabase(':memory:')), 'the schema a fresh database gets');
  assert.equal(userVersion(db), MIGRATIONS.at(-1)?.version);
  db.close();
});

test('the migrations that shipped are unchanged: only new steps are appended', () => {
  const shipped = PREVIOUS_RELEASE_MIGRATIONS.map(({ version, description, sql }) => ({ version, name: description, sql }));
  assert.deepEqual(MIGRATIONS.slice(0, shipped.length), shipped);
});

/** Tables, indexes and their SQL, as SQLite stores them. */
function schemaOf(db: DatabaseSync): unknown[] {
  return db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
}

/** Every row of every table but the migration log, which the upgrade is meant to start. */
function rowsOf(db: DatabaseSync): Record<string, unknown[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('schema_migrations', 'sqlite_sequence') ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]));
}
