import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './local-server.ts';

/** The folder a test file's screenshots go to (test-results/screenshots unless given), created if it is missing. */
export function screenshotsDir(dir: string = join(repoRoot, 'test-results', 'screenshots')): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}
