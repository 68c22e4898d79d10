/**
 * Tables and time zones over HTTP, against the real site: a malformed table
 * or zone is a 400 with a clear message and loses nothing; Alice cannot set
 * Bob's table, whatever she sends; the instructor reaches only the
 * attendees of the event in the URL.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer } from '@keyless/site/test-server';
import { freshDataDir } from './test-support/repo.ts';
import { HttpClient } from './test-support/http-client.ts';
import { createLocalEvent, signedInInstructor } from './test-support/local-event.ts';

const LAB = 'cognito-client-credentials';
let server: Awaited<ReturnType<typeof startTestServer>>;
let instructor: HttpClient;
let alice: HttpClient;
let bob: HttpClient;
let eventA = '';
let eventB = '';
let aliceId = '';
let bobId = '';
let carolId = '';

const tableOf = (attendeeId: string): string | null | undefined => server.runtime.events.context.members.byAttendee(attendeeId)?.table;
const idOf = (client: HttpClient): string => server.runtime.attendees.resolveSession(client.cookies.get('keyless_session') ?? '')?.id ?? '';

before(async () => {
  server = await startTestServer(freshDataDir());
  instructor = await signedInInstructor(server);
  const a = await createLocalEvent(instructor, 'Event A', [LAB]);
  const b = await createLocalEvent(instructor, 'Event B', [LAB]);
  eventA = a.event.id;
  eventB = b.event.id;
  alice = new HttpClient(server.site.url);
  bob = new HttpClient(server.site.url);
  const carol = new HttpClient(server.site.url);
  assert.equal((await alice.post('/api/join', { code: a.code, displayName: 'Alice', table: '3' })).status, 200);
  assert.equal((await bob.post('/api/join', { code: a.code, displayName: 'Bob', table: '5' })).status, 200);
  assert.equal((await carol.post('/api/join', { code: b.code, displayName: 'Carol', table: '9' })).status, 200);
  [aliceId, bobId, carolId] = [idOf(alice), idOf(bob), idOf(carol)];
  assert.ok(aliceId && bobId && carolId);
});
// eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed, which its type cannot say
after(() => server?.close());

test('a join with a malformed table is a 400 that says what to type, and makes nobody', async () => {
  const dave = new HttpClient(server.site.url);
  const code = server.runtime.events.service.codes(eventA)[0]?.code ?? '';
  const before = server.runtime.events.context.members.count(eventA);
  for (const table of ['<img src=x>', '123456789', 42, ['7']]) {
    const refused = await dave.post('/api/join', { code, displayName: 'Dave', table });
    assert.equal(refused.status, 400, refused.text);
    assert.match(refused.json<{ error: string }>().error, /like 7 or B3/);
  }
  assert.equal(server.runtime.events.context.members.count(eventA), before, 'nobody joined');
  assert.equal(dave.cookies.has('keyless_session'), false, 'and no session was handed out');
});

test("Alice sets her own table; she cannot set Bob's, whatever ids she sends", async () => {
  const own = await alice.post('/api/me/table', { table: 'b2' });
  assert.equal(own.status, 200, own.text);
  assert.deepEqual(own.json(), { table: 'B2' });
  assert.equal(tableOf(aliceId), 'B2');
  for (const body of [
    { table: '1', attendeeId: bobId },
    { table: '1', attendee: bobId },
  ]) {
    const refused = await alice.post('/api/me/table', body);
    assert.equal(refused.status, 400, refused.text);
    assert.match(refused.json<{ error: string }>().error, /Send only \{"table": "7"\}/);
  }
  assert.equal((await alice.post(`/api/me/table?attendee=${bobId}`, { table: '1' })).status, 200, 'the query is ignored: her own');
  assert.equal(tableOf(aliceId), '1');
  // Attendee sessions never reach the instructor's route for a table.
  assert.equal((await alice.post(`/api/instructor/events/${eventA}/attendees/${bobId}/table`, { table: '1' })).status, 401);
  assert.equal(tableOf(bobId), '5', "Bob's table never moved");
});

test('a malformed table from the attendee is a 400 and keeps the table they had', async () => {
  const before = tableOf(bobId);
  for (const table of ['no way!', 'x'.repeat(20), 5]) {
    const refused = await bob.post('/api/me/table', { table });
    assert.equal(refused.status, 400, refused.text);
    assert.match(refused.json<{ error: string }>().error, /like 7 or B3/);
  }
  assert.equal(tableOf(bobId), before);
});

test("the instructor of event A reads and sets A's tables only: event B's attendee is a 404 through A", async () => {
  const set = await instructor.post(`/api/instructor/events/${eventA}/attendees/${bobId}/table`, { table: '8' });
  assert.equal(set.status, 200, set.text);
  assert.equal(set.json<{ row: { table: string } }>().row.table, '8');
  const detail = await instructor.get(`/api/instructor/events/${eventA}/attendees/${bobId}`);
  assert.equal(detail.json<{ row: { table: string } }>().row.table, '8');
  const across = await instructor.post(`/api/instructor/events/${eventA}/attendees/${carolId}/table`, { table: '1' });
  assert.equal(across.status, 404, across.text);
  assert.equal((await instructor.get(`/api/instructor/events/${eventA}/attendees/${carolId}`)).status, 404);
  assert.equal(tableOf(carolId), '9');
  const bad = await instructor.post(`/api/instructor/events/${eventA}/attendees/${bobId}/table`, { table: '8; DROP' });
  assert.equal(bad.status, 400);
  assert.equal(tableOf(bobId), '8');
  const csv = (await instructor.get(`/api/instructor/events/${eventA}/results.csv`)).text;
  assert.match(csv, /\r\nBob,.*,8,[^,]+\r\n/, 'the CSV carries the table and the zone');
  assert.doesNotMatch(csv, /Carol/);
  assert.ok(eventB);
});

test('an event with a malformed time zone is a 400 and is not made; a good one is used for its times', async () => {
  const count = server.runtime.events.service.list().length;
  const body = { name: 'Zoned', startsAt: Date.now(), endsAt: Date.now() + 3_600_000, labs: [LAB], sandboxMode: 'local', capacity: 5 };
  const refused = await instructor.post('/api/instructor/events', { ...body, timeZone: 'Mars/Olympus' });
  assert.equal(refused.status, 400);
  assert.match(refused.json<{ error: string }>().error, /IANA time zone name like Europe\/Berlin/);
  assert.equal(server.runtime.events.service.list().length, count, 'no event was made');
  const made = await instructor.post('/api/instructor/events', { ...body, timeZone: 'America/New_York' });
  assert.equal(made.status, 200, made.text);
  const id = made.json<{ event: { id: string; timeZone: string } }>().event.id;
  const page = await instructor.get(`/instructor/events/${id}`);
  assert.match(page.text, /Times in [^<]*\(America\/New_York\)/);
  const csv = (await instructor.get(`/api/instructor/events/${id}/results.csv`)).text;
  assert.match(csv, /^attendee,joined_at,.*,table,time_zone\r\n/);
});
