/**
 * A server killed mid-event (SIGKILL: no shutdown hooks, no flush) and
 * restarted on the same data directory loses nothing it acknowledged:
 * memberships, sessions, code, runs, check results, instructor actions,
 * the demo event and its code.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadLabs } from '@keyless/labs';
import { freshDataDir, repoRoot } from './test-support/repo.ts';
import { HttpClient, join as joinEvent, signInInstructor } from './test-support/http-client.ts';

const LAB = 'cognito-client-credentials';
const children: ChildProcess[] = [];
after(() => children.forEach((child) => child.kill('SIGKILL')));

interface Started {
  child: ChildProcess;
  url: string;
  code: string;
  loginToken: string;
}

/** Runs `npm start`'s entry point as a child process and reads its banner. */
function start(dataDir: string): Promise<Started> {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', join(repoRoot, 'scripts/start.ts')], {
    cwd: repoRoot,
    env: { ...process.env, KEYLESS_DATA_DIR: dataDir, KEYLESS_PORT: '0', KEYLESS_AWS_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no banner within 60 s:\n${output}`)), 60_000);
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      if (!output.includes('Started in')) return;
      clearTimeout(timer);
      const url = /Open\s+(http:\/\/\S+)/.exec(output)?.[1];
      const code = /with code ([0-9A-Z-]{16})/.exec(output)?.[1];
      const loginToken = /#token=([\w-]{43})/.exec(output)?.[1];
      if (!url || !code || !loginToken) reject(new Error(`unexpected banner:\n${output}`));
      else resolve({ child, url, code, loginToken });
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (status) => reject(new Error(`server exited (${status}) before its banner:\n${output}`)));
  });
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

test('kill -9 mid-event, restart: every acknowledged write is still there', { timeout: 180_000 }, async () => {
  const dataDir = freshDataDir();
  const first = await start(dataDir);
  const ada = new HttpClient(first.url);
  const joined = await joinEvent(ada, first.code, 'Ada');
  assert.equal(joined.status, 200, joined.text);
  const instructor = new HttpClient(first.url);
  await signInInstructor(instructor, first.loginToken);

  // Acknowledged work: saved code, a Run, a green Check, an instructor's extra time, personal codes.
  const lab = loadLabs(join(repoRoot, 'labs/content')).find((candidate) => candidate.definition.id === LAB);
  assert.ok(lab);
  const files = { ...lab.solution, 'main.ts': `// kept across the crash\n${lab.solution['main.ts'] ?? ''}` };
  assert.equal((await ada.request('PUT', `/api/labs/${LAB}/workspace`, { body: { files } })).status, 204);
  assert.match((await ada.post(`/api/labs/${LAB}/run`, { files })).text, /"type":"exit","exitCode":0/);
  assert.equal((await ada.post(`/api/labs/${LAB}/check`)).json<{ passed: boolean }>().passed, true);
  const events = (await instructor.get('/api/instructor/events')).json<{ events: { id: string }[] }>();
  const eventId = events.events[0]?.id ?? '';
  const grid = (await instructor.get(`/api/instructor/events/${eventId}/results.csv`)).text;
  assert.match(grid, /\r\nAda,/);
  const me = (await ada.get('/api/me/event')).json<{ event: { deadline: number } }>();
  const attendeeId = /"attendeeId":"(att_\w+)"/.exec((await instructor.get(`/instructor/events/${eventId}`)).text)?.[1] ?? '';
  assert.equal((await instructor.post(`/api/instructor/events/${eventId}/attendees/${attendeeId}/extend`, { minutes: 7 })).status, 200);
  assert.equal((await instructor.post(`/api/instructor/events/${eventId}/codes/named`, { names: ['Grace'] })).status, 200);

  await killHard(first.child);

  const second = await start(dataDir);
  assert.equal(second.code, first.code, 'the demo event and its code are reused, not recreated');
  assert.notEqual(second.loginToken, first.loginToken, 'a fresh one-time link each start');
  // Same cookies, new port (cookies are per host): sessions survived.
  ada.base = second.url;
  instructor.base = second.url;
  const progress = (await ada.get(`/api/labs/${LAB}/progress`)).json<{ results: { status: string }[] }>();
  assert.equal(progress.results.length, lab.definition.checks.length);
  assert.ok(progress.results.every((result) => result.status === 'pass'));
  assert.match((await ada.get(`/api/labs/${LAB}/workspace`)).text, /kept across the crash/);
  assert.match((await ada.get(`/labs/${LAB}/04-write-scope`)).text, /POST \/orders → 201/, 'the last run output');
  const after = (await ada.get('/api/me/event')).json<{ event: { deadline: number } }>();
  // (The demo event's own end moves on each start; the attendee's extra 7 minutes ride on top of it.)
  const restarted = (await instructor.get('/api/instructor/events')).json<{ events: { id: string; endsAt: number }[] }>();
  assert.equal(after.event.deadline, (restarted.events[0]?.endsAt ?? 0) + 7 * 60_000, "the instructor's extension");
  assert.ok(after.event.deadline >= me.event.deadline + 7 * 60_000);
  const csv = (await instructor.get(`/api/instructor/events/${eventId}/results.csv`)).text;
  assert.match(csv, /\r\nAda,[^,]+,7,\d+,no,(,)*pass,pass,pass,pass,pass,pass,pass,/);
  assert.match((await instructor.get(`/instructor/events/${eventId}`)).text, /Grace/);
  await killHard(second.child);
});
