/**
 * The instructor's signing-key rotation against the real server: the event
 * action, the per-attendee action and `npm run instructor -- rotate-keys`
 * rotate exactly the pools they name (two attendees of one event, one of
 * another event), and malformed or foreign input is refused.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { startTestServer } from '@keyless/site/test-server';
import { instructorCli, LOCAL_INSTRUCTOR } from '@keyless/site/instructors';
import { freshDataDir } from './test-support/repo.ts';
import { HttpClient, join, signInInstructor } from './test-support/http-client.ts';

interface Rotation {
  rotated: { attendeeId: string; displayName: string; userPoolId: string; signingKid: string; publishedKids: string[] }[];
  skipped: { attendeeId: string }[];
}

let server: Awaited<ReturnType<typeof startTestServer>>;
let dataDir: string;
let instructor: HttpClient;
const LAB = 'cognito-client-credentials';
const attendees = new Map<string, string>();

async function createEvent(name: string): Promise<{ id: string; code: string }> {
  const now = Date.now();
  const response = await instructor.post('/api/instructor/events', {
    name,
    startsAt: now,
    endsAt: now + 3_600_000,
    labs: [LAB],
    sandboxMode: 'local',
    capacity: 50,
    stuckAfterMinutes: 10,
  });
  assert.equal(response.status, 200, response.text);
  const body = response.json<{ event: { id: string }; code: string }>();
  return { id: body.event.id, code: body.code };
}

async function joinAs(code: string, name: string): Promise<string> {
  const browser = new HttpClient(server.site.url);
  assert.equal((await join(browser, code, name)).status, 200);
  const attendee = server.runtime.attendees.resolveSession(browser.cookies.get('keyless_session') ?? '');
  assert.ok(attendee);
  attendees.set(name, attendee.id);
  return attendee.id;
}

const id = (name: string): string => attendees.get(name) ?? assert.fail(`no attendee ${name}`);
const kids = async (name: string): Promise<string[]> => {
  const outputs = await server.runtime.aws.outputs(id(name));
  return ((await (await fetch(outputs.cognitoJwksUri)).json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid);
};

let eventA: { id: string; code: string };
let eventB: { id: string; code: string };

before(async () => {
  dataDir = freshDataDir();
  server = await startTestServer(dataDir);
  instructor = new HttpClient(server.site.url);
  await signInInstructor(instructor, server.runtime.instructors.loginLinkToken(LOCAL_INSTRUCTOR));
  eventA = await createEvent('Rotation A');
  eventB = await createEvent('Rotation B');
  await joinAs(eventA.code, 'Ada');
  await joinAs(eventA.code, 'Bob');
  await joinAs(eventB.code, 'Cy');
});
// eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed, which its type cannot say
after(() => server?.close());

test('the event action rotates every attendee pool of that event, and no pool of another event', async () => {
  const before = { ada: await kids('Ada'), bob: await kids('Bob'), cy: await kids('Cy') };
  const response = await instructor.post(`/api/instructor/events/${eventA.id}/signing-keys/rotate`, {});
  assert.equal(response.status, 200, response.text);
  const result = response.json<Rotation>();
  assert.deepEqual(result.rotated.map((pool) => pool.displayName).sort(), ['Ada', 'Bob']);
  assert.deepEqual(result.skipped, []);
  for (const [name, old] of [
    ['Ada', before.ada],
    ['Bob', before.bob],
  ] as const) {
    const now = await kids(name);
    const pool = result.rotated.find((entry) => entry.displayName === name);
    assert.equal(now.length, 3, `${name}: new key, old key for the overlap, next standby`);
    assert.equal(now[0], old.at(-1), `${name}: the standby published before now signs`);
    assert.equal(pool?.signingKid, now[0]);
    assert.deepEqual(pool?.publishedKids, now);
    assert.ok(now.includes(old[0] ?? ''), `${name}: the old key stays published`);
  }
  assert.deepEqual(await kids('Cy'), before.cy, "the other event's attendee is untouched");
});

test('one attendee (body or attendee route) rotates that pool only', async () => {
  const bob = await kids('Bob');
  const ada = await kids('Ada');
  const byBody = await instructor.post(`/api/instructor/events/${eventA.id}/signing-keys/rotate`, { attendeeId: id('Ada') });
  assert.equal(byBody.status, 200, byBody.text);
  assert.deepEqual(
    byBody.json<Rotation>().rotated.map((pool) => pool.attendeeId),
    [id('Ada')],
  );
  assert.notDeepEqual(await kids('Ada'), ada);
  assert.deepEqual(await kids('Bob'), bob, "Bob's pool is untouched");

  const byRoute = await instructor.post(`/api/instructor/events/${eventA.id}/attendees/${id('Bob')}/signing-keys/rotate`, {});
  assert.equal(byRoute.status, 200, byRoute.text);
  assert.equal((await kids('Bob'))[0], bob.at(-1), 'the pre-published standby (last in the JWKS) signs now');
});

test('malformed and foreign input is refused without rotating anything', async () => {
  const snapshot = async (): Promise<string[][]> => [await kids('Ada'), await kids('Bob'), await kids('Cy')];
  const before = await snapshot();
  const rotate = `/api/instructor/events/${eventA.id}/signing-keys/rotate`;
  const cases: [string, () => Promise<{ status: number; text: string }>, number, RegExp][] = [
    ['an attendee of another event', () => instructor.post(rotate, { attendeeId: id('Cy') }), 404, /No such attendee in this event/],
    [
      "another event's attendee on this event's attendee route",
      () => instructor.post(`/api/instructor/events/${eventA.id}/attendees/${id('Cy')}/signing-keys/rotate`, {}),
      404,
      /No such attendee/,
    ],
    ['an unknown attendee', () => instructor.post(rotate, { attendeeId: 'att_nope' }), 404, /No such attendee/],
    ['an unknown event', () => instructor.post('/api/instructor/events/evt_nope/signing-keys/rotate', {}), 404, /No such event/],
    ['a non-string attendee id', () => instructor.post(rotate, { attendeeId: 7 }), 400, /attendeeId/],
    ['an empty attendee id', () => instructor.post(rotate, { attendeeId: '' }), 400, /attendeeId/],
    ['an unknown field', () => instructor.post(rotate, { everyone: true }), 400, /everyone|Unrecognized/i],
    ['an array body', () => instructor.post(rotate, []), 400, /JSON object/],
    ['a body that is not JSON', () => instructor.request('POST', rotate, { raw: '{"attendeeId":' }), 400, /JSON/],
    [
      'a form post',
      () => instructor.request('POST', rotate, { raw: 'attendeeId=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      403,
      /forbidden/i,
    ],
    ['no CSRF token', () => instructor.request('POST', rotate, { body: {}, headers: { 'x-csrf-token': 'wrong' } }), 403, /CSRF/],
    [
      'another site',
      () => instructor.request('POST', rotate, { body: {}, headers: { origin: 'https://evil.example' } }),
      403,
      /Cross-site/,
    ],
    ['no instructor session', () => new HttpClient(server.site.url).post(rotate, {}), 401, /Sign in/],
  ];
  for (const [name, send, status, message] of cases) {
    const response = await send();
    assert.equal(response.status, status, `${name}: ${response.text}`);
    assert.match(response.text, message, name);
  }
  const attendee = new HttpClient(server.site.url);
  await join(attendee, eventA.code, 'Eve');
  assert.equal((await attendee.post(rotate, {})).status, 401, 'an attendee session is not an instructor');
  assert.deepEqual([await kids('Ada'), await kids('Bob'), await kids('Cy')], before, 'nothing was rotated');
});

test('an event nobody has joined rotates nothing (AWS-mode events are refused: see signing-key-rotation.test.ts beside the rule)', async () => {
  const empty = await createEvent('Nobody yet');
  const response = await instructor.post(`/api/instructor/events/${empty.id}/signing-keys/rotate`, {});
  assert.equal(response.status, 200);
  assert.deepEqual(response.json<Rotation>(), { rotated: [], skipped: [] });
});

test('npm run instructor -- rotate-keys goes through the running site: one attendee, then the whole event; bad input exits non-zero', async () => {
  const run = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await instructorCli([...argv, '--data-dir', dataDir, '--url', server.site.url], {
      env: {},
      repoRoot: '/nowhere',
      stdin: Readable.from(['']),
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const cy = await kids('Cy');
  const ada = await kids('Ada');
  const one = await run('rotate-keys', eventA.id, '--attendee', id('Ada'));
  assert.equal(one.code, 0, one.err);
  assert.match(one.out, new RegExp(`Ada: user pool us-east-1_\\w+ now signs with kid ${ada.at(-1) ?? '?'}`));
  assert.match(one.out, /Rotated 1 user pool\./);
  assert.equal((await kids('Ada'))[0], ada.at(-1));

  const all = await run('rotate-keys', eventB.id);
  assert.equal(all.code, 0, all.err);
  assert.match(all.out, /Cy: user pool/);
  assert.equal((await kids('Cy'))[0], cy.at(-1));

  const foreign = await run('rotate-keys', eventB.id, '--attendee', id('Ada'));
  assert.equal(foreign.code, 1);
  assert.match(foreign.err, /No such attendee in this event/);
  const noEvent = await run('rotate-keys', 'evt_nope');
  assert.equal(noEvent.code, 1);
  assert.match(noEvent.err, /No such event/);
  const noSuchInstructor = await run('rotate-keys', eventA.id, '--as', 'nobody-here');
  assert.equal(noSuchInstructor.code, 1);
  assert.match(noSuchInstructor.err, /No instructor called "nobody-here"/);
  const missing = await run('rotate-keys');
  assert.equal(missing.code, 2);
  assert.match(missing.err, /rotate-keys <event-id>/);
  const down = await instructorCli(['rotate-keys', eventA.id, '--data-dir', dataDir, '--url', 'http://127.0.0.1:9'], {
    env: {},
    repoRoot: '/nowhere',
    stdin: Readable.from(['']),
    out: () => undefined,
    err: () => undefined,
  });
  assert.equal(down, 1, 'a site that is not running is an error, not a rotation');
});
