/**
 * Events over HTTP against the real server: instructor sign-in, creating an
 * event, codes, joining (cookies, messages, rate limit), the live stream,
 * CSV export, closing. Unit tests cover each rule; these prove the wiring.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { generateAccessCode, JOIN_LIMITS } from '@keyless/site/events';
import { LOCAL_INSTRUCTOR } from '@keyless/site/instructors';
import { startTestServer } from '@keyless/site/test-server';
import { freshDataDir } from './test-support/repo.ts';
import { HttpClient, join, signInInstructor } from './test-support/http-client.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let instructor: HttpClient;
const LAB = 'cognito-client-credentials';

before(async () => {
  server = await startTestServer(freshDataDir());
  instructor = new HttpClient(server.site.url);
  await signInInstructor(instructor, server.runtime.instructors.loginLinkToken(LOCAL_INSTRUCTOR));
});
// eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed, which its type cannot say
after(() => server?.close());

async function createEvent(overrides: Record<string, unknown> = {}): Promise<{ id: string; code: string }> {
  const now = Date.now();
  const response = await instructor.post('/api/instructor/events', {
    name: 'API test event',
    startsAt: now,
    endsAt: now + 3_600_000,
    labs: [LAB],
    sandboxMode: 'local',
    capacity: 50,
    stuckAfterMinutes: 10,
    ...overrides,
  });
  assert.equal(response.status, 200, response.text);
  const body = response.json<{ event: { id: string }; code: string }>();
  return { id: body.event.id, code: body.code };
}

test('the instructor cookie is HttpOnly and SameSite=Strict; the login link works once', async () => {
  const line = instructor.setCookieLines.find((cookie) => cookie.startsWith('keyless_instructor='));
  assert.match(line ?? '', /HttpOnly/i);
  assert.match(line ?? '', /SameSite=Strict/i);
  assert.doesNotMatch(line ?? '', /Secure/i, 'plain HTTP on localhost: Secure would drop the cookie');
  const token = server.runtime.instructors.loginLinkToken(LOCAL_INSTRUCTOR);
  const other = new HttpClient(server.site.url);
  assert.equal((await other.post('/api/instructor/login-link', { token })).status, 200);
  const replay = await new HttpClient(server.site.url).post('/api/instructor/login-link', { token });
  assert.equal(replay.status, 401);
  assert.match(replay.json<{ error: string }>().error, /already been used or has expired/);
});

test('creating an event returns a printable code; invalid input is refused with a reason', async () => {
  const { id, code } = await createEvent();
  assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/);
  const listed = (await instructor.get('/api/instructor/events')).json<{ events: { id: string; code: string }[] }>();
  assert.equal(listed.events.find((event) => event.id === id)?.code, code);
  const bad = await instructor.post('/api/instructor/events', {
    name: 'x',
    startsAt: 2,
    endsAt: 1,
    labs: [LAB],
    sandboxMode: 'local',
    capacity: 5,
  });
  assert.equal(bad.status, 400);
  assert.match(bad.json<{ error: string }>().error, /end after it starts/);
  const aws = await instructor.post('/api/instructor/events', {
    name: 'x',
    startsAt: 1,
    endsAt: 2,
    labs: [LAB],
    sandboxMode: 'aws',
    capacity: 5,
  });
  assert.equal(aws.status, 400);
  assert.match(aws.json<{ error: string }>().error, /infra\/aws/);
});

test('joining sets an HttpOnly SameSite attendee cookie, creates the sandbox, and shows the resume secret once', async () => {
  const { code } = await createEvent();
  const ada = new HttpClient(server.site.url);
  const joined = await join(ada, code.toLowerCase(), 'Ada');
  assert.equal(joined.status, 200, joined.text);
  const body = joined.json<{ resumeSecret: string; next: string; sandboxStatus: string }>();
  assert.equal(body.sandboxStatus, 'ready');
  assert.equal(body.next, '/');
  assert.equal(joined.headers.get('cache-control'), 'no-store');
  const cookie = ada.setCookieLines.find((line) => line.startsWith('keyless_session='));
  assert.match(cookie ?? '', /HttpOnly/i);
  assert.match(cookie ?? '', /SameSite=Lax/i);
  // The sandbox exists already: its outputs are there without a first Run.
  const attendee = server.runtime.attendees.resolveSession(ada.cookies.get('keyless_session') ?? '');
  assert.ok(attendee);
  assert.match((await server.runtime.aws.outputs(attendee.id)).cognitoUserPoolId, /\w/);
  // The event timer and home page know the event.
  const me = (await ada.get('/api/me/event')).json<{ event: { name: string; ended: boolean } }>();
  assert.equal(me.event.name, 'API test event');
  assert.match((await ada.get('/')).text, /Your labs for API test event/);

  // Another device: same code and name, plus the secret.
  const phone = new HttpClient(server.site.url);
  assert.equal((await join(phone, code, 'ada')).status, 409);
  const resumed = await join(phone, code, 'ada', body.resumeSecret);
  assert.equal(resumed.status, 200);
  assert.equal(resumed.json<{ resumeSecret?: string }>().resumeSecret, undefined);
  assert.equal(server.runtime.attendees.resolveSession(phone.cookies.get('keyless_session') ?? '')?.id, attendee.id);
});

test('rotating, named codes, closing and extending work over the API', async () => {
  const { id, code } = await createEvent();
  const rotated = (await instructor.post(`/api/instructor/events/${id}/codes/rotate`)).json<{ code: string }>();
  assert.notEqual(rotated.code, code);
  const stale = await join(new HttpClient(server.site.url), code, 'Bo');
  assert.equal(stale.status, 410);
  const named = (await instructor.post(`/api/instructor/events/${id}/codes/named`, { names: ['Grace Hopper'] })).json<{
    codes: { code: string; label: string }[];
  }>();
  assert.equal(named.codes[0]?.label, 'Grace Hopper');
  const grace = new HttpClient(server.site.url);
  assert.equal((await join(grace, named.codes[0].code, '')).status, 200);
  assert.equal((await join(new HttpClient(server.site.url), named.codes[0].code, 'Mallory')).status, 409);
  const revoked = await instructor.post(`/api/instructor/events/${id}/codes/${rotated.code}/revoke`);
  assert.equal(revoked.status, 200);
  assert.equal((await join(new HttpClient(server.site.url), rotated.code, 'Cy')).status, 410);
  const extended = (await instructor.post(`/api/instructor/events/${id}/extend`, { minutes: 15 })).json<{ event: { endsAt: number } }>();
  assert.ok(extended.event.endsAt > Date.now() + 70 * 60_000);
  const fresh = (await instructor.post(`/api/instructor/events/${id}/codes/rotate`)).json<{ code: string }>();
  assert.equal((await instructor.post(`/api/instructor/events/${id}/close`)).status, 200);
  const closed = await join(new HttpClient(server.site.url), fresh.code, 'Dee');
  assert.equal(closed.status, 403);
  assert.match(closed.json<{ error: string }>().error, /closed/);
  assert.equal((await grace.get(`/api/labs/${LAB}/workspace`)).status, 200, 'attendees keep working after the close');
});

test('the live stream pushes a row when an attendee checks; the CSV has their result', async () => {
  const { id, code } = await createEvent();
  const ada = new HttpClient(server.site.url);
  await join(ada, code, 'Ada, "the first"');
  const abort = new AbortController();
  const stream = await fetch(`${server.site.url}/api/instructor/events/${id}/stream`, {
    headers: { cookie: `keyless_instructor=${instructor.cookies.get('keyless_instructor') ?? ''}` },
    signal: abort.signal,
  });
  assert.equal(stream.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  const reader = stream.body?.getReader();
  assert.ok(reader);
  const decoder = new TextDecoder();
  let received = '';
  const until = async (pattern: RegExp): Promise<void> => {
    while (!pattern.test(received)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended before ${String(pattern)}`);
      received += decoder.decode(value, { stream: true });
    }
  };
  await until(/event: snapshot/);
  assert.equal((await ada.post(`/api/labs/${LAB}/check`)).status, 200);
  await until(/event: row\ndata: .*"cognito-client-credentials\/client-created":"fail"/);
  abort.abort();

  const csv = await instructor.get(`/api/instructor/events/${id}/results.csv`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-disposition') ?? '', /attachment; filename="API-test-event-results.csv"/);
  assert.match(csv.text, /^attendee,joined_at,/);
  assert.match(csv.text, /\r\n"Ada, ""the first""",[^,]+,0,7,no,fail,/);
});

test('an attendee whose time is up cannot Run or Check until the instructor extends it', async () => {
  const { id, code } = await createEvent({ startsAt: Date.now() - 3_600_000, endsAt: Date.now() + 2_000 });
  const bo = new HttpClient(server.site.url);
  assert.equal((await join(bo, code, 'Bo')).status, 200);
  await new Promise((resolve) => setTimeout(resolve, 2_100));
  const refused = await bo.post(`/api/labs/${LAB}/check`);
  assert.equal(refused.status, 403);
  assert.match(refused.json<{ error: string }>().error, /Time is up/);
  const attendee = server.runtime.attendees.resolveSession(bo.cookies.get('keyless_session') ?? '');
  assert.equal((await instructor.post(`/api/instructor/events/${id}/attendees/${attendee?.id ?? ''}/extend`, { minutes: 10 })).status, 200);
  assert.equal((await bo.post(`/api/labs/${LAB}/check`)).status, 200);
});

test('"solve up to step N": the attendee may load the code as of step N, and its checks then pass on real evidence', async () => {
  const { id, code } = await createEvent();
  const cy = new HttpClient(server.site.url);
  await join(cy, code, 'Cy');
  const attendeeId = server.runtime.attendees.resolveSession(cy.cookies.get('keyless_session') ?? '')?.id ?? '';
  assert.equal((await cy.get(`/api/labs/${LAB}/unlocked-code`)).status, 403);
  const unlocked = await instructor.post(`/api/instructor/events/${id}/attendees/${attendeeId}/unlock`, { labId: LAB, upToStep: 2 });
  assert.equal(unlocked.json<{ row: { cells: Record<string, string> } }>().row.cells[`${LAB}/read-token`], 'unlocked');
  assert.match((await cy.get(`/labs/${LAB}/01-create-client`)).text, /unlocked steps 1–2 for you/);
  const { files } = (await cy.get(`/api/labs/${LAB}/unlocked-code`)).json<{ files: Record<string, string> }>();
  assert.match((await cy.post(`/api/labs/${LAB}/run`, { files })).text, /"type":"exit"/);
  const report = (await cy.post(`/api/labs/${LAB}/check`)).json<{ results: { checkId: string; status: string }[] }>();
  const status = Object.fromEntries(report.results.map((result) => [result.checkId, result.status]));
  assert.equal(status['client-created'], 'pass');
  assert.equal(status['read-token'], 'pass');
  assert.equal(status['order-created'], 'fail', 'later steps are still to do');
});

// Last: it uses up this machine's address's join budget (and the shared overflow) for ten minutes.
test("wrong codes get clear messages; a correct code works past the address's budget; guessing is cut off with Retry-After; the login link still works", async () => {
  const guesser = new HttpClient(server.site.url);
  const typo = await join(guesser, 'ABCD-EFGH-JKMN-0', 'X');
  assert.ok([400, 404].includes(typo.status));
  let last = typo;
  const { code } = await createEvent();
  // Valid-looking but unknown codes: take a real code and change its random part, keeping the check character valid.
  for (let i = 0; i < JOIN_LIMITS.perAddress; i += 1) last = await join(guesser, generateAccessCode(), 'X');
  assert.equal(last.status, 404);
  assert.match(last.json<{ error: string }>().error, /does not open any event/);
  // Everyone here shares 127.0.0.1, like a room behind one NAT: two attendees with the right code still get in.
  assert.equal((await join(new HttpClient(server.site.url), code, 'Ada')).status, 200);
  assert.equal((await join(new HttpClient(server.site.url), code, 'Bo')).status, 200);
  for (let i = 0; i < JOIN_LIMITS.overflow; i += 1) last = await join(guesser, generateAccessCode(), 'X');
  assert.equal(last.status, 404);
  const limited = await join(guesser, code, 'X');
  assert.equal(limited.status, 429);
  assert.ok(Number(limited.headers.get('retry-after')) > 0);
  assert.match(limited.json<{ error: string }>().error, /Too many wrong codes/);
  // Wrong passwords for the local account from this address: password sign-in waits, a login link does not.
  for (let i = 0; i < 10; i += 1)
    assert.equal((await guesser.post('/api/instructor/login', { username: LOCAL_INSTRUCTOR, password: `guess number ${i}` })).status, 401);
  const refused = await guesser.post('/api/instructor/login', { username: LOCAL_INSTRUCTOR, password: 'guess number 10' });
  assert.equal(refused.status, 429);
  assert.ok(Number(refused.headers.get('retry-after')) > 0);
  const link = server.runtime.instructors.loginLinkToken(LOCAL_INSTRUCTOR);
  assert.equal((await new HttpClient(server.site.url).post('/api/instructor/login-link', { token: link })).status, 200);
});
