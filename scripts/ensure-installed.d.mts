// Types for ensure-installed.mjs, which stays plain JS so Node 20 can run it;
// TypeScript callers (tests/fresh-start.test.ts) and its JSDoc use these.
export interface SpawnResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly error?: Error | undefined;
}

/** What ensureInstalled touches, so a test can fake the file system and npm. */
export interface InstallDeps {
  exists(path: string): boolean;
  mtimeMs(path: string): number;
  spawnSync(command: string, args: readonly string[], options: { cwd: string; stdio: 'inherit' | 'pipe' }): SpawnResult;
  log(line: string): void;
}

export const PROJECT_NODE_CANDIDATES: readonly string[];

export class InstallError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number);
}

export function installReason(root: string, deps: Pick<InstallDeps, 'exists' | 'mtimeMs'>): string | undefined;

export function ensureInstalled(root: string, overrides?: Partial<InstallDeps>): string;
