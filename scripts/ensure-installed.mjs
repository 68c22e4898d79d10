// Runs under whatever Node the machine has (even Node 20), so it is plain JS:
// installs the project's dependencies, including the Node 24 binary from the
// npm registry that every other script runs on, when they are missing or out
// of date, and says where that Node 24 is. `scripts/start.mjs` imports it;
// `node scripts/ensure-installed.mjs` still works on its own.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const LOCK = 'package-lock.json';
// npm writes this after every successful install: older than the lock means
// someone pulled new dependencies since.
const MARKER = 'node_modules/.package-lock.json';
// The `node` package's own binary first; `.bin/node` is npm's link to it.
export const PROJECT_NODE_CANDIDATES = ['node_modules/node/bin/node', 'node_modules/.bin/node'];

export class InstallError extends Error {
  /** @param {string} message @param {number} exitCode */
  constructor(message, exitCode) {
    super(message);
    this.name = 'InstallError';
    this.exitCode = exitCode;
  }
}

/** @type {import('./ensure-installed.d.mts').InstallDeps} */
const realDeps = {
  exists: existsSync,
  mtimeMs: (path) => statSync(path).mtimeMs,
  spawnSync: (command, args, options) => {
    const result = spawnSync(command, args, { ...options, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout ?? '', error: result.error };
  },
  log: (line) => console.log(line),
};

/**
 * Why an install is needed in `root`, or undefined when node_modules is current.
 * @param {string} root @param {Pick<import('./ensure-installed.d.mts').InstallDeps, 'exists' | 'mtimeMs'>} deps
 * @returns {string | undefined}
 */
export function installReason(root, deps) {
  if (!PROJECT_NODE_CANDIDATES.some((path) => deps.exists(join(root, path)))) return 'no project Node in node_modules';
  const marker = join(root, MARKER);
  if (!deps.exists(marker)) return `no ${MARKER}`;
  const lock = join(root, LOCK);
  if (deps.exists(lock) && deps.mtimeMs(lock) > deps.mtimeMs(marker)) return `${LOCK} is newer than the last install`;
  return undefined;
}

/**
 * Installs when needed, then returns the project's Node (24+) binary.
 * @param {string} root @param {Partial<import('./ensure-installed.d.mts').InstallDeps>} [overrides]
 * @returns {string}
 */
export function ensureInstalled(root, overrides = {}) {
  const deps = { ...realDeps, ...overrides };
  if (installReason(root, deps) !== undefined) {
    deps.log('Installing dependencies (first start only)…');
    const install = deps.spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
    if (install.error) throw new InstallError(`Could not run "npm install": ${install.error.message}. Is npm on your PATH?`, 1);
    if (install.status !== 0)
      throw new InstallError(`"npm install" failed (exit ${String(install.status)}); see its output above.`, install.status ?? 1);
  }
  const node = PROJECT_NODE_CANDIDATES.map((path) => join(root, path)).find((path) => deps.exists(path));
  const version = node ? deps.spawnSync(node, ['--version'], { cwd: root, stdio: 'pipe' }).stdout.trim() : '';
  if (!node || !/^v(2[4-9]|[3-9]\d)\./.test(version)) {
    throw new InstallError(`Expected Node 24+ at ${PROJECT_NODE_CANDIDATES[0]}, found "${version}". Run "npm install" and try again.`, 1);
  }
  return node;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    ensureInstalled(fileURLToPath(new URL('..', import.meta.url)));
  } catch (error) {
    if (!(error instanceof InstallError)) throw error;
    console.error(error.message);
    process.exit(error.exitCode);
  }
}
