import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const labsDir = join(repoRoot, 'labs', 'content');

/** A fresh data directory, so tests never see each other's attendees. */
export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'keyless-test-'));
}
