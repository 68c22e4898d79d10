// `npm start`'s entry point, plain JS so any Node ≥ 20 runs it. npm computes
// PATH before the first install creates node_modules/.bin, so on a fresh clone
// the `node` it gives us is the machine's (maybe Node 20, which cannot run
// .ts). So: install if needed, then run scripts/start.ts on the project's own
// Node 24, with that Node first on PATH as later `npm start`s would have it.
import { spawn } from 'node:child_process';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InstallError, ensureInstalled } from './ensure-installed.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
let node;
try {
  node = ensureInstalled(root);
} catch (error) {
  if (!(error instanceof InstallError)) throw error;
  console.error(error.message);
  process.exit(error.exitCode);
}

const child = spawn(node, ['--disable-warning=ExperimentalWarning', join(root, 'scripts/start.ts'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, PATH: [join(root, 'node_modules/.bin'), dirname(node), process.env.PATH].filter(Boolean).join(delimiter) },
  // Its own process group, so a Ctrl+C reaches it once, through us: the
  // terminal signals our group and npm forwards the same signal to us again;
  // start.ts shuts down gracefully on the first SIGINT and dies on a second.
  detached: true,
});

// npm's copy of a terminal signal arrives within milliseconds of the
// terminal's; a second Ctrl+C a moment later is deliberate and goes through
// (start.ts then exits at once).
const DUPLICATE_WINDOW_MS = 500;
const lastForwarded = new Map();
const forward = (signal) => {
  const now = Date.now();
  if (now - (lastForwarded.get(signal) ?? -Infinity) < DUPLICATE_WINDOW_MS) return;
  lastForwarded.set(signal, now);
  child.kill(signal);
};
const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
for (const signal of signals) process.on(signal, forward);

child.on('error', (error) => {
  console.error(`Could not start ${node}: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal === null) process.exit(code ?? 1);
  // Die of the same signal, so npm (and a shell) report what really happened.
  for (const name of signals) process.off(name, forward);
  process.kill(process.pid, signal);
});
