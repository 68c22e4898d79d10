import { existsSync } from 'node:fs';
import path from 'node:path';

/** The lockfile whose directory is the project root, as NodejsFunction looked for it. */
export const LOCKFILE = 'package-lock.json';

/**
 * The nearest directory at or above `from` holding package-lock.json: the
 * npm workspace root, where node_modules is and what esbuild resolves from.
 */
export function projectRootAbove(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, LOCKFILE))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no ${LOCKFILE} at or above ${from}: cannot tell where the project's node_modules are`);
  }
}
