// Runs under whatever Node the machine has (even Node 20): installs the
// project's dependencies, including the Node 24 binary from the npm registry
// that every other script runs on, when they are missing or out of date.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const lock = 'package-lock.json';
const marker = 'node_modules/.package-lock.json';
const nodeBinary = 'node_modules/.bin/node';
const stale = !existsSync(nodeBinary) || !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs);
if (stale) {
  console.log('Installing dependencies (first start only)…');
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
const version = existsSync(nodeBinary) ? spawnSync(nodeBinary, ['--version'], { encoding: 'utf8' }).stdout.trim() : '';
if (!/^v2[4-9]\./.test(version)) {
  console.error(`Expected Node 24+ at ${nodeBinary}, found "${version}". Run "npm install" and try again.`);
  process.exit(1);
}
