import type { DatabaseSync } from 'node:sqlite';
import { openDatabase, type DatabaseFileRole } from '@keyless/local-sandbox/sqlite';
import { migrations } from './migrations.ts';

export { DatabaseFileError, databaseFileErrorIn, transaction } from '@keyless/local-sandbox/sqlite';

export const SITE_DATABASE: DatabaseFileRole = {
  name: 'the event database',
  freshStartLoses: 'every event, attendee, access code, instructor account and all progress it held (a new demo event and code are made)',
};

/**
 * Opens (creating only if it does not exist) the site's SQLite database and
 * brings its schema up to date, under the write lock, so the server and the
 * instructor CLI may both be first; an empty or damaged file stops with a
 * DatabaseFileError that says what to do (@keyless/local-sandbox/sqlite,
 * shared with sandbox.db).
 */
export function openSiteDatabase(path: string): DatabaseSync {
  return openDatabase(path, { role: SITE_DATABASE, migrations });
}
