/**
 * The server under test, in a process of its own: `node site/bench/server-process.ts`
 * starts the real local-mode product (built site, emulated AWS, runner) on
 * free loopback ports, prints one JSON line (URLs, a one-time instructor
 * login token, its pid) and serves until its stdin closes.
 *
 * Why a separate process: the server and everything it starts (Runs, pooled
 * processes, bwrap) then form one process tree whose memory and CPU /proc
 * can add up, without the load generator's own sockets, fetch buffers and
 * timers mixed in.
 */
import { rmSync } from 'node:fs';
import { freshDataDir, startTestServer } from '../e2e/test-support/local-server.ts';
import { LOCAL_INSTRUCTOR } from '../src/server/instructors/instructor-auth.ts';

export interface ServerAnnouncement {
  readonly siteUrl: string;
  readonly pid: number;
  readonly loginToken: string;
  readonly reducedIsolation: string | null;
  readonly startupMs: number;
}

const started = performance.now();
const dataDir = freshDataDir();
const server = await startTestServer(dataDir);
const announcement: ServerAnnouncement = {
  siteUrl: server.site.url,
  pid: process.pid,
  loginToken: server.runtime.instructors.loginLinkToken(LOCAL_INSTRUCTOR),
  reducedIsolation: server.runtime.reducedIsolation ?? null,
  startupMs: performance.now() - started,
};
console.log(JSON.stringify(announcement));

// The bench closes our stdin when done (or dies, which closes it too), so the server never outlives it.
process.stdin.resume();
process.stdin.once('close', () => {
  const forced = setTimeout(() => process.exit(1), 15_000);
  forced.unref();
  void server.close().finally(() => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
});
