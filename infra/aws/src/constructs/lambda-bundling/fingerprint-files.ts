import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * One hash of what the given files hold now: each path with the SHA-256 of
 * its bytes, or a mark that it is absent, so a file appearing, disappearing,
 * being renamed or edited changes the fingerprint.
 */
export function fingerprintFiles(projectRoot: string, files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) hash.update(`${JSON.stringify(file)}:${contentHash(path.resolve(projectRoot, file))}\n`);
  return hash.digest('hex');
}

function contentHash(file: string): string {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch (error) {
    if (isMissing(error)) return 'absent';
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
