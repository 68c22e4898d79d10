/**
 * Authorization: an attendee can never read or change another attendee's
 * code, runs, evidence or progress, nor call any instructor API; the two
 * kinds of session never stand in for each other; display names are data.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer } from '@keyless/site/test-server';
import { freshDataDir } from './test-support/repo.ts';
import { HttpClient, join } from './test-support/http-client.ts';
import { createLocalEvent, signedInInstructor } from './test-support/local-event.ts';

const LAB = 'cognito-client-credentials';
let server: Awaited<ReturnType<typeof startTestServer>>;
let instructor: HttpClient;
let alice: HttpClient;
let bob: HttpClient;
let eventId = '';
let aliceId = '';

before(async () => {
  server = await startTestServer(freshDataDir());
  instructor = await signedInInstructor(server);
  const created = await createLocalEvent(instructor, 'Authz', [LAB]);
  eventId = created.event.id;
  alice = new HttpClient(server.site.url);
  bob = new HttpClient(server.site.url);
  assert.equal((await join(alice, created.code, 'Alice')).status, 200);
  assert.equal((await join(bob, created.code, '<img src=x onerror="window.pwned=1">')).status, 200);
  aliceId = server.runtime.attendees.resolveSession(alice.cookies.get('keyless_session') ?? '')?.id ?? '';
  assert.ok(aliceId);
  // Alice does real work: her code, a Run of the solution (evidence in her sandbox) and a green Check.
  const lab = server.runtime.findLab(LAB);
  assert.ok(lab);
  const marked = { ...lab.solution, 'main.ts': `// alice-secret-marker\n${lab.solution['main.ts'] ?? ''}` };
  assert.equal((await alice.request('PUT', `/api/labs/${LAB}/workspace`, { body: { files: marked } })).status, 204);
  const run = await alice.post(`/api/labs/${LAB}/run`, { files: marked });
  assert.match(run.text, /"type":"exit","exitCode":0/);
  assert.equal((await alice.post(`/api/labs/${LAB}/check`)).json<{ passed: boolean }>().passed, true);
});
// eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed, which its type cannot say
after(() => server?.close());

test("another attendee never sees Alice's code, run output or progress, whatever ids they send", async () => {
  for (const query of ['', `?attendee=${aliceId}`, `?attendeeId=${aliceId}`]) {
    const workspace = await bob.get(`/api/labs/${LAB}/workspace${query}`);
    assert.doesNotMatch(workspace.text, /alice-secret-marker/);
    assert.equal(workspace.json<{ saved: boolean }>().saved, false);
    const progress = await bob.get(`/api/labs/${LAB}/progress${query}`);
    assert.deepEqual(progress.json<{ results: unknown[] }>().results, []);
  }
  const page = await bob.get(`/labs/${LAB}/01-create-client`);
  assert.doesNotMatch(page.text, /alice-secret-marker/);
  assert.doesNotMatch(page.text, /POST \/orders → 201/, "Alice's last run output is not on Bob's page");
});

test("another attendee cannot change Alice's code or progress", async () => {
  await bob.request('PUT', `/api/labs/${LAB}/workspace`, { body: { files: { 'main.ts': 'bob was here' }, attendeeId: aliceId } });
  await bob.request('DELETE', `/api/labs/${LAB}/workspace?attendee=${aliceId}`, { body: {} });
  assert.match(server.runtime.workspaces.get(aliceId, LAB)?.['main.ts'] ?? '', /alice-secret-marker/);
  await bob.post(`/api/labs/${LAB}/check`, { attendeeId: aliceId });
  assert.ok(server.runtime.progress.forLab(aliceId, LAB).every((result) => result.status === 'pass'));
});

test("evidence is per sandbox: Bob's Check does not pass on Alice's evidence", async () => {
  const report = (await bob.post(`/api/labs/${LAB}/check`)).json<{ results: { status: string }[] }>();
  assert.ok(report.results.every((result) => result.status === 'fail'));
});

test('attendees cannot call any instructor API, with their own cookie or by putting it in the instructor cookie', async () => {
  const aliceEndpoints: [string, string][] = [
    ['GET', '/api/instructor/events'],
    ['POST', '/api/instructor/events'],
    ['GET', `/api/instructor/events/${eventId}/stream`],
    ['GET', `/api/instructor/events/${eventId}/results.csv`],
    ['POST', `/api/instructor/events/${eventId}/close`],
    ['POST', `/api/instructor/events/${eventId}/extend`],
    ['POST', `/api/instructor/events/${eventId}/codes/rotate`],
    ['POST', `/api/instructor/events/${eventId}/codes/named`],
    ['GET', `/api/instructor/events/${eventId}/attendees/${aliceId}`],
    ['GET', `/api/instructor/events/${eventId}/attendees/${aliceId}/wire`],
    ['POST', `/api/instructor/events/${eventId}/attendees/${aliceId}/reset`],
    ['POST', `/api/instructor/events/${eventId}/attendees/${aliceId}/unlock`],
    ['POST', `/api/instructor/events/${eventId}/attendees/${aliceId}/extend`],
    ['POST', `/api/instructor/events/${eventId}/signing-keys/rotate`],
    ['POST', `/api/instructor/events/${eventId}/attendees/${aliceId}/signing-keys/rotate`],
    ['POST', '/api/instructor/logout'],
  ];
  const forged = new HttpClient(server.site.url);
  forged.cookies.set('keyless_instructor', bob.cookies.get('keyless_session') ?? '');
  for (const client of [bob, forged]) {
    for (const [method, path] of aliceEndpoints) {
      const response = await client.request(
        method,
        path,
        method === 'POST' ? { body: { minutes: 5, names: ['x'], labId: LAB, upToStep: 1 } } : {},
      );
      assert.equal(response.status, 401, `${method} ${path}`);
      assert.doesNotMatch(response.text, /Alice|alice-secret-marker/);
    }
  }
  const dashboard = await bob.get(`/instructor/events/${eventId}`);
  assert.equal(dashboard.status, 302);
  assert.equal(dashboard.headers.get('location'), '/instructor/login');
  assert.equal(server.runtime.events.service.get(eventId)?.status, 'open');
});

test("instructor writes need the session's CSRF token, a same-origin request and a JSON body", async () => {
  const path = `/api/instructor/events/${eventId}/extend`;
  assert.equal((await instructor.post(path, { minutes: 1 }, { 'x-csrf-token': '' })).status, 403);
  assert.equal((await instructor.post(path, { minutes: 1 }, { 'x-csrf-token': 'forged' })).status, 403);
  assert.equal((await instructor.post(path, { minutes: 1 }, { origin: 'https://evil.example' })).status, 403);
  // A form post (what a cross-site page can send without CORS): Astro's origin check refuses it without a matching
  // Origin, and with one the JSON-only rule does.
  const form = { raw: 'minutes=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  assert.equal((await instructor.request('POST', path, form)).status, 403);
  assert.equal((await instructor.request('POST', path, { ...form, headers: { ...form.headers, origin: server.site.url } })).status, 415);
  assert.equal((await instructor.post(path, { minutes: 1 })).status, 200);
});

test("the instructor session is not an attendee session, and one request's identity never leaks into the next", async () => {
  const onlyInstructor = new HttpClient(server.site.url);
  onlyInstructor.cookies.set('keyless_instructor', instructor.cookies.get('keyless_instructor') ?? '');
  assert.equal((await onlyInstructor.get(`/api/labs/${LAB}/workspace`)).status, 401);
  // Right after signed-in requests, anonymous ones are anonymous.
  await instructor.get('/api/instructor/events');
  const anonymous = new HttpClient(server.site.url);
  assert.equal((await anonymous.get('/api/instructor/events')).status, 401);
  assert.equal((await anonymous.get('/instructor/')).status, 302);
  await alice.get(`/api/labs/${LAB}/workspace`);
  assert.equal((await anonymous.get(`/api/labs/${LAB}/workspace`)).status, 401);
});

test('display names are rendered as text: escaped in HTML, inert in the dashboard data', async () => {
  const home = await bob.get('/');
  assert.match(home.text, /&lt;img src=x onerror=(&quot;|")window\.pwned=1(&quot;|")&gt;/);
  assert.doesNotMatch(home.text, /<img src=x/);
  const dashboard = await instructor.get(`/instructor/events/${eventId}`);
  assert.doesNotMatch(dashboard.text, /<img src=x/);
  assert.match(dashboard.text, /\\u003cimg src=x/, 'inside the JSON island, < is escaped');
  const csp = dashboard.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self'(;|$)/, 'and no inline script could run anyway');
});

test('an instructor action on an attendee of another event is refused', async () => {
  const other = await createLocalEvent(instructor, 'Other', [LAB]);
  assert.equal((await instructor.get(`/api/instructor/events/${other.event.id}/attendees/${aliceId}`)).status, 404);
  assert.equal((await instructor.post(`/api/instructor/events/${other.event.id}/attendees/${aliceId}/reset`)).status, 404);
  assert.equal((await instructor.get(`/api/instructor/events/${other.event.id}/attendees/${aliceId}/wire`)).status, 404);
});

test("the Wire view: Alice's Run is on her wire and the instructor's, never on Bob's, whatever ids he sends", async () => {
  const own = (await alice.get(`/api/labs/${LAB}/wire`)).json<{ run?: { runId: string; entries: unknown[] } }>();
  assert.ok(own.run && own.run.entries.length > 0, 'Alice sees her last Run');
  const runId = own.run.runId;
  for (const query of [`?run=${runId}`, `?run=${runId}&attendee=${aliceId}`, `?attendeeId=${aliceId}`]) {
    const response = await bob.get(`/api/labs/${LAB}/wire${query}`);
    assert.equal(response.status, 200);
    assert.deepEqual(response.json(), {}, query);
  }
  const seen = (await instructor.get(`/api/instructor/events/${eventId}/attendees/${aliceId}/wire`)).json<{ runs: { runId: string }[] }>();
  assert.equal(seen.runs[0]?.runId, runId);
  const ofLab = (await instructor.get(`/api/instructor/events/${eventId}/attendees/${aliceId}/wire?lab=${LAB}`)).json<{
    runs: { runId: string }[];
  }>();
  assert.equal(ofLab.runs[0]?.runId, runId);
  assert.equal((await instructor.get(`/api/instructor/events/${eventId}/attendees/${aliceId}/wire?lab=no-such-lab`)).status, 404);
});
