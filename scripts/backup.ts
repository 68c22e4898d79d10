// `npm run backup [-- <folder>] [--data-dir <dir>]`: consistent copies of the data directory's databases,
// safe while the server runs. Thin on purpose; the logic lives in site/src/server/store/backup.ts.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backupDataDir, BackupError } from '@keyless/site/backup';
import { databaseFileErrorIn } from '@keyless/site/store';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const at = args.indexOf('--data-dir');
const dataDir = (at >= 0 ? args.splice(at, 2)[1] : undefined) ?? process.env.KEYLESS_DATA_DIR ?? join(repoRoot, 'data');
const [parentDir] = args;

try {
  const result = await backupDataDir({ dataDir, ...(parentDir ? { parentDir } : {}) });
  console.log(`Backed up ${dataDir} to ${result.dir}`);
  for (const file of result.files) console.log(`  ${file.file}  ${(file.bytes / 1024).toFixed(0)} KiB`);
  console.log(
    `To restore: stop Keyless, then copy these files into the data directory (replacing keyless.db and sandbox.db, and removing their -wal and -shm files).`,
  );
} catch (error) {
  const known = error instanceof BackupError ? error : databaseFileErrorIn(error);
  if (!known) throw error;
  console.error(known.message);
  process.exitCode = 1;
}
