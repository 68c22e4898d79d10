/**
 * Starts `server-process.ts` as a child and hands back what a scenario
 * needs: the site URL, the server's pid (root of the tree to measure) and a
 * signed-in instructor's way to create an event.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ServerAnnouncement } from './server-process.ts';

export interface BenchServer extends ServerAnnouncement {
  close(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL('./server-process.ts', import.meta.url));

/** Extra Node flags for the server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where its time goes. */
const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');

export async function startBenchServer(): Promise<BenchServer> {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', ...SERVER_NODE_ARGS, ENTRY], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout });
  const announcement = await new Promise<ServerAnnouncement>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the bench server did not start within 120 s')), 120_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as ServerAnnouncement);
    });
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code}) before it started`)));
  });
  // Server log lines after the announcement go to our stderr, so they never mix with the table.
  lines.on('line', (line) => process.stderr.write(`[server] ${line}\n`));
  return {
    ...announcement,
    async close() {
      child.stdin.end();
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
