import type { DatabaseSync } from 'node:sqlite';
import { openDatabase, type DatabaseFileRole } from '../sqlite/index.ts';
import { MIGRATIONS } from './migrations.ts';

/** sandbox.db, for messages; exported (with this file alone) so the site's backup can name it without loading the emulator. */
export const SANDBOX_DATABASE: DatabaseFileRole = {
  name: 'the sandbox database',
  freshStartLoses:
    "the workshop CA and signing keys (certificates and tokens issued so far stop verifying), the attendees' sandboxes and their evidence",
};

/** Opens (creating only if it does not exist) the sandbox database, its schema brought up to date (../sqlite/). */
export function openSandboxDatabase(path: string): DatabaseSync {
  return openDatabase(path, { role: SANDBOX_DATABASE, migrations: MIGRATIONS });
}
