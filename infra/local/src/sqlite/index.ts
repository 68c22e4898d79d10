// The one SQLite module of Keyless, for the site's event database and the sandbox database alike (README.md).
// It imports nothing of the emulator, so the site loads it without loading the sandbox.
export { backupDatabase, BackupError } from './backup.ts';
export { DatabaseFileError, databaseFileErrorIn, type DatabaseFileRole } from './database-file-error.ts';
export { assertUsableDatabaseFile, openDatabaseFile } from './database-file.ts';
export { assertCurrent, migrate, userVersion, type Migration } from './migrate.ts';
export { openDatabase, openDatabaseReadOnly, type DatabaseSchema } from './open-database.ts';
export { transaction } from './transaction.ts';
export { WriteBatch } from './write-batch.ts';
