/**
 * An attacker's pass on the routes of the Wire view (the attendee's and the
 * instructor's), browser Runs (`POST /api/labs/<lab>/browser-session`), the
 * completion summaries and the table cards. Two attendees of one event,
 * Alice and Bob, a third of another event, an anonymous visitor and an
 * instructor looking at event A through event B's URLs: Alice's Runs,
 * evidence, session and progress never reach anyone else, malformed input
 * gets a 4xx with a message, and no secret ever shows up in an answer, a
 * page, a log line or the client bundle.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { after, before, test } from 'node:test';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startTestServer } from '@keyless/site/test-server';
import { generateAccessCode } from '@keyless/site/events';
import { freshDataDir, repoRoot } from './test-support/repo.ts';
import { HttpClient, join, type HttpResponse } from './test-support/http-client.ts';
import { createLocalEvent, signedInInstructor } from './test-support/local-event.ts';
import { rawRequest } from './test-support/raw-http.ts';

const LAB = 'cognito-client-credentials';
const STEP = '01-create-client';

let server: Awaited<ReturnType<typeof startTestServer>>;
let instructor: HttpClient;
let alice: HttpClient;
let bob: HttpClient;
let eve: HttpClient;
let anonymous: HttpClient;
let eventA = '';
let eventB = '';
let aliceId = '';
let bobId = '';
let eveId = '';
let aliceRunId = '';
/** Everything that must never leave the server or its owner: collected as the tests see it, checked against the logs at the end. */
const secrets = new Set<string>();
/** Every console line the server printed while these tests ran. */
const logged: string[] = [];
const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;
// The originals, kept to put back and to still print through.
const originalConsole = Object.fromEntries(CONSOLE_METHODS.map((name) => [name, console[name].bind(console)])) as Record<
  (typeof CONSOLE_METHODS)[number],
  (...args: unknown[]) => void
>;

interface BrowserSession {
  env: Record<string, string>;
  expiresAt: number;
}

before(async () => {
  for (const name of CONSOLE_METHODS)
    console[name] = (...args: unknown[]) => {
      logged.push(args.map((arg) => (arg instanceof Error ? (arg.stack ?? arg.message) : String(arg))).join(' '));
      originalConsole[name](...args);
    };
  server = await startTestServer(freshDataDir());
  const url = server.site.url;
  instructor = await signedInInstructor(server);
  const createEvent = async (name: string): Promise<{ id: string; code: string }> => {
    const { event, code } = await createLocalEvent(instructor, name, [LAB]);
    return { id: event.id, code };
  };
  const a = await createEvent('Event A');
  const b = await createEvent('Event B');
  eventA = a.id;
  eventB = b.id;
  alice = new HttpClient(url);
  bob = new HttpClient(url);
  eve = new HttpClient(url);
  anonymous = new HttpClient(url);
  const joinAs = async (client: HttpClient, code: string, name: string): Promise<string> => {
    const joined = await join(client, code, name);
    assert.equal(joined.status, 200, joined.text);
    secrets.add(joined.json<{ resumeSecret: string }>().resumeSecret);
    const token = client.cookies.get('keyless_session') ?? '';
    secrets.add(token);
    return server.runtime.attendees.resolveSession(token)?.id ?? '';
  };
  aliceId = await joinAs(alice, a.code, 'Alice');
  bobId = await joinAs(bob, a.code, 'Bob');
  eveId = await joinAs(eve, b.code, 'Mallory');
  secrets.add(instructor.cookies.get('keyless_instructor') ?? '');
  assert.ok(aliceId && bobId && eveId);
  // Alice's Run of the solution leaves evidence with a Run id in her sandbox, and a Check records her progress.
  const lab = server.runtime.findLab(LAB);
  assert.ok(lab);
  const run = await alice.post(`/api/labs/${LAB}/run`, { files: lab.solution });
  assert.match(run.text, /"type":"exit","exitCode":0/);
  aliceRunId = /"runId":"(r-[0-9a-f]{12})"/.exec(run.text)?.[1] ?? '';
  assert.ok(aliceRunId, 'the Run stream gives its id');
  assert.equal((await alice.post(`/api/labs/${LAB}/check`)).status, 200);
});

after(async () => {
  for (const name of CONSOLE_METHODS) console[name] = originalConsole[name];
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed, which its type cannot say
  await server?.close();
});

/** A refusal: the status expected (or any 4xx), a JSON or plain message, nothing of Alice's. */
function assertRefused(response: HttpResponse, what: string, status?: number): void {
  const summary = `${what} → ${String(response.status)} ${response.text.slice(0, 200)}`;
  if (status === undefined) assert.ok(response.status >= 400 && response.status < 500, summary);
  else assert.equal(response.status, status, summary);
  assert.ok(response.text.trim().length > 0, `no message: ${summary}`);
  assert.ok(!response.text.includes(aliceRunId), `Alice's Run id in: ${summary}`);
}

test("the attendee's Wire view: Alice's Run reaches neither Bob, nor Mallory of another event, nor an anonymous visitor", async () => {
  const own = await alice.get(`/api/labs/${LAB}/wire?run=${aliceRunId}`);
  assert.equal(own.status, 200);
  assert.equal(own.json<{ run?: { runId: string } }>().run?.runId, aliceRunId, 'the owner sees her Run');
  for (const client of [bob, eve]) {
    for (const query of [`?run=${aliceRunId}`, '', `?run=${aliceRunId}&attendee=${aliceId}`, `?attendeeId=${aliceId}&run=${aliceRunId}`]) {
      const response = await client.get(`/api/labs/${LAB}/wire${query}`);
      assert.equal(response.status, 200, response.text);
      assert.deepEqual(response.json(), {}, `${query}: another attendee's Run is not found, not shown`);
    }
  }
  assertRefused(await anonymous.get(`/api/labs/${LAB}/wire?run=${aliceRunId}`), 'no session', 401);
  for (const cookie of [
    'keyless_session=forged-but-well-formed-0123456789abcdefghijklmnopq',
    'keyless_session=%00',
    `keyless_session=${'A'.repeat(4000)}`,
  ])
    assertRefused(await anonymous.get(`/api/labs/${LAB}/wire`, { cookie }), `cookie ${cookie.slice(0, 40)}`, 401);
  // The instructor's cookie is not an attendee session.
  const asInstructor = await rawRequest(server.site.url, {
    method: 'GET',
    path: `/api/labs/${LAB}/wire?run=${aliceRunId}`,
    headers: { cookie: `keyless_instructor=${instructor.cookies.get('keyless_instructor') ?? ''}` },
  });
  assert.equal(asInstructor.status, 401, asInstructor.body);
});

test('the Wire view refuses malformed Run ids and lab ids with a 4xx and a message', async () => {
  const badRuns = [
    '',
    '..',
    '../r-0123456789ab',
    '%00',
    'r-0123456789ab%00',
    '-1',
    '0',
    '99999999999999999999999999999999',
    'abc',
    'r-0123456789AB',
    'r-0123456789abc',
    `r-${'0'.repeat(5000)}`,
    '%2e%2e%2f',
    "r-0123456789ab' OR '1'='1",
  ];
  for (const run of badRuns) assertRefused(await alice.get(`/api/labs/${LAB}/wire?run=${run}`), `run=${run.slice(0, 30)}`, 400);
  const twice = await bob.get(`/api/labs/${LAB}/wire?run=r-0123456789ab&run=${aliceRunId}`);
  assert.ok(twice.status < 500 && !twice.text.includes(aliceRunId), `two run parameters → ${String(twice.status)} ${twice.text}`);
  for (const lab of ['no-such-lab', '..', '%2e%2e', '..%2f..%2fetc%2fpasswd', '%00', 'COGNITO-CLIENT-CREDENTIALS', 'x'.repeat(3000)]) {
    const response = await alice.get(`/api/labs/${lab}/wire`);
    assertRefused(response, `lab ${lab.slice(0, 30)}`);
  }
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
    const response = await alice.request(method, `/api/labs/${LAB}/wire?run=${aliceRunId}`, { body: {} });
    assertRefused(response, `${method} wire`);
  }
});

test("the instructor's Wire view: only an attendee of the event in the URL, only with an instructor session", async () => {
  const base = (event: string, attendee: string): string => `/api/instructor/events/${event}/attendees/${attendee}/wire`;
  const seen = await instructor.get(base(eventA, aliceId));
  assert.equal(seen.status, 200, seen.text);
  assert.equal(seen.json<{ runs: { runId: string }[] }>().runs[0]?.runId, aliceRunId);
  // Event B's URLs never reach event A's attendee, nor the reverse.
  assertRefused(await instructor.get(base(eventB, aliceId)), 'Alice through event B', 404);
  assertRefused(await instructor.get(`${base(eventB, aliceId)}?lab=${LAB}`), 'Alice through event B, one lab', 404);
  assertRefused(await instructor.get(base(eventA, eveId)), 'Mallory through event A', 404);
  for (const attendee of ['..', '%2e%2e', 'att_%00', 'att_does_not_exist', `${aliceId}%2f..`, 'x'.repeat(3000)])
    assertRefused(await instructor.get(base(eventA, attendee)), `attendee ${attendee.slice(0, 30)}`);
  for (const lab of ['no-such-lab', '..', '%00', '../../etc/passwd', ''])
    assertRefused(await instructor.get(`${base(eventA, aliceId)}?lab=${lab}`), `lab=${lab}`, lab === '' ? 404 : undefined);
  // Attendees and visitors are no instructors, whatever cookie they send.
  for (const client of [alice, bob, anonymous]) assertRefused(await client.get(base(eventA, aliceId)), 'not an instructor', 401);
  const aliceToken = alice.cookies.get('keyless_session') ?? '';
  assertRefused(
    await anonymous.get(base(eventA, aliceId), { cookie: `keyless_instructor=${aliceToken}` }),
    "Alice's token as instructor",
    401,
  );
  for (const method of ['POST', 'PUT', 'DELETE'])
    assertRefused(await instructor.request(method, base(eventA, aliceId), { body: {} }), `${method} instructor wire`);
});

test('browser-session: refused to visitors, cross-site callers, wrong content types and oversized bodies', async () => {
  const path = `/api/labs/${LAB}/browser-session`;
  assertRefused(await anonymous.post(path), 'no session', 401);
  assertRefused(await alice.post(path, {}, { origin: 'https://evil.example' }), 'cross-site', 403);
  assertRefused(await alice.post(path, {}, { origin: 'null' }), 'opaque origin', 403);
  // What a cross-site form could send: refused as not JSON (415) or, by Astro's own origin check, as a form (403).
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])
    assertRefused(await alice.request('POST', path, { raw: '{}', headers: { 'content-type': type } }), type);
  assertRefused(await alice.request('POST', path, { raw: '{}', headers: { 'content-type': 'application/xml' } }), 'XML', 415);
  assertRefused(await alice.request('POST', path, { raw: `{"x":"${'a'.repeat(2 * 1024 * 1024)}"}` }), 'oversized body', 413);
  for (const method of ['GET', 'PUT', 'DELETE']) assertRefused(await alice.request(method, path), `${method} browser-session`);
  for (const lab of ['no-such-lab', '..', '%00', '%2e%2e%2fwire'])
    assertRefused(await alice.post(`/api/labs/${lab}/browser-session`), `lab ${lab}`);
  // A lab that needs the instance (IMDS) has no browser session at all.
  assertRefused(await alice.post('/api/labs/ec2-instance-profile/browser-session'), 'instance-only lab', 409);
});

test("browser-session: Alice's environment is hers alone, for 15 minutes, and cannot reach Bob's sandbox", async () => {
  const path = `/api/labs/${LAB}/browser-session`;
  const notBefore = Math.floor(Date.now() / 1000) * 1000;
  const answered = await alice.post(path);
  const notAfter = Date.now();
  assert.equal(answered.status, 200, answered.text);
  assert.match(answered.headers.get('cache-control') ?? '', /no-store/);
  const session = answered.json<BrowserSession>();
  const { env } = session;
  for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) secrets.add(env[name] ?? '');
  assert.ok(
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY && env.AWS_SESSION_TOKEN,
    'this lab signs AWS calls: it gets a role session',
  );
  assert.ok(session.expiresAt >= notBefore + 15 * 60_000 && session.expiresAt <= notAfter + 15 * 60_000, 'valid for 15 minutes from now');
  assert.equal(env.AWS_CREDENTIAL_EXPIRATION, new Date(session.expiresAt).toISOString());
  assert.equal(env.AWS_EC2_METADATA_SERVICE_ENDPOINT, undefined, 'no IMDS in a browser');
  assert.equal(env.ORDERS_API_KEY, undefined, 'the Orders API key belongs to the API-key lab only');

  // Nothing of Bob's sandbox is in Alice's environment.
  const bobOutputs = await server.runtime.aws.outputs(bobId);
  for (const value of [bobOutputs.cognitoUserPoolId, bobOutputs.clientManagerRoleArn, bobOutputs.ordersApiKey, bobOutputs.ordersRoleArn])
    assert.ok(!answered.text.includes(value), `Bob's ${value} is in Alice's browser session`);
  // Bob's own session is a different one.
  const bobSession = (await bob.post(path)).json<BrowserSession>();
  assert.notEqual(bobSession.env.AWS_ACCESS_KEY_ID, env.AWS_ACCESS_KEY_ID);
  for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) secrets.add(bobSession.env[name] ?? '');

  // The credentials are Alice's instance role: they may become her client manager, never Bob's.
  const sts = new STSClient({
    region: env.AWS_REGION ?? 'us-east-1',
    endpoint: env.AWS_ENDPOINT_URL_STS ?? '',
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      sessionToken: env.AWS_SESSION_TOKEN,
    },
  });
  const aliceOutputs = await server.runtime.aws.outputs(aliceId);
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  assert.equal(identity.Account, aliceOutputs.clientManagerRoleArn.split(':')[4], "the session is in Alice's account");
  const own = await sts.send(new AssumeRoleCommand({ RoleArn: aliceOutputs.clientManagerRoleArn, RoleSessionName: 'alice-browser' }));
  assert.ok(own.Credentials?.AccessKeyId, 'Alice becomes her own client manager');
  await assert.rejects(
    sts.send(new AssumeRoleCommand({ RoleArn: bobOutputs.clientManagerRoleArn, RoleSessionName: 'alice-as-bob' })),
    (error: Error) => error.name === 'AccessDenied',
    "Alice's browser credentials cannot assume Bob's role",
  );
  sts.destroy();
});

test('completion summaries and table cards: instructors only, one event at a time, no secret on the page', async () => {
  const completion = await instructor.get(`/instructor/events/${eventA}/completion`);
  assert.equal(completion.status, 200);
  assert.match(completion.text, /Alice/);
  assert.doesNotMatch(completion.text, /Mallory/, "event B's attendee is not in event A's summaries");
  assert.equal((await instructor.get(`/instructor/events/${eventA}/completion?attendee=${aliceId}`)).status, 200);
  assert.equal((await instructor.get(`/instructor/events/${eventA}/completion?attendee=${eveId}`)).status, 404, 'Mallory through event A');
  assert.equal((await instructor.get(`/instructor/events/${eventB}/completion?attendee=${aliceId}`)).status, 404, 'Alice through event B');
  for (const attendee of ['..', '%00', 'x'.repeat(3000), ''])
    assert.ok((await instructor.get(`/instructor/events/${eventA}/completion?attendee=${attendee}`)).status < 500, attendee);
  const cards = await instructor.get(`/instructor/events/${eventA}/cards`);
  assert.equal(cards.status, 200);
  for (const tables of ['-1', '0', 'abc', '1e309', '99999999999', '%00', '2.5'])
    assert.equal((await instructor.get(`/instructor/events/${eventA}/cards?tables=${tables}`)).status, 200, `tables=${tables}`);
  for (const page of ['completion', 'cards']) {
    for (const event of ['evt_does_not_exist', '..', '%00', 'x'.repeat(3000)]) {
      const response = await instructor.get(`/instructor/events/${event}/${page}`);
      assert.ok(response.status >= 400 && response.status < 500, `${page} of ${event.slice(0, 30)} → ${String(response.status)}`);
    }
    // Attendees and visitors are sent to the instructor sign-in, with nothing of the event on the way.
    for (const client of [alice, anonymous]) {
      const response = await client.get(`/instructor/events/${eventA}/${page}`);
      assert.equal(response.status, 302, `${page} for a non-instructor`);
      assert.equal(response.headers.get('location'), '/instructor/login');
      assert.doesNotMatch(response.text, /Alice|Bob/);
    }
    const text = (await instructor.get(`/instructor/events/${eventA}/${page}`)).text;
    for (const secret of secrets) if (secret) assert.ok(!text.includes(secret), `a session token or resume secret on the ${page} page`);
  }
});

test("Alice's progress and sandbox are hers: Bob's browser session, Wire reads and Checks change nothing of hers", async () => {
  const before = server.runtime.progress.forLab(aliceId, LAB);
  assert.ok(before.length > 0);
  await bob.post(`/api/labs/${LAB}/browser-session`, { attendeeId: aliceId });
  await bob.post(`/api/labs/${LAB}/check`, { attendeeId: aliceId });
  await bob.get(`/api/labs/${LAB}/wire?attendee=${aliceId}`);
  assert.deepEqual(server.runtime.progress.forLab(aliceId, LAB), before);
  const stillHers = await alice.get(`/api/labs/${LAB}/wire?run=${aliceRunId}`);
  assert.equal(stillHers.json<{ run?: { runId: string } }>().run?.runId, aliceRunId);
});

test('an AWS-mode event on a server restarted without AWS mode: Run, Check, Wire and Reset say the sandbox is not ready (503, Retry-After), never a 500', async () => {
  // What the database holds after a session in AWS mode: the event, its code, a sandbox the attendee claims at join.
  const { context } = server.runtime.events;
  const now = Date.now();
  const event = context.events.create(
    {
      name: 'Left in AWS mode',
      startsAt: now,
      endsAt: now + 3_600_000,
      labs: [LAB],
      sandboxMode: 'aws',
      capacity: 5,
      stuckAfterMinutes: 10,
    },
    now,
  );
  const code = generateAccessCode();
  context.codes.add(code, event.id, 'event', null, now);
  context.pool.add(event.id, `keyless-${event.id}-a001`, now);
  const zed = new HttpClient(server.site.url);
  const joined = await join(zed, code, 'Zed');
  assert.equal(joined.json<{ sandboxStatus: string }>().sandboxStatus, 'ready');
  const zedId = server.runtime.attendees.resolveSession(zed.cookies.get('keyless_session') ?? '')?.id ?? '';
  const lab = server.runtime.findLab(LAB);
  assert.ok(lab && zedId);
  const unavailable = (response: HttpResponse, what: string): void => {
    assertRefused(response, what, 503);
    assert.match(response.headers.get('retry-after') ?? '', /^\d+$/, `${what}: a 503 says when to ask again`);
    assert.match(response.json<{ error: string }>().error, /not ready yet.*without AWS mode/, what);
  };
  unavailable(await zed.post(`/api/labs/${LAB}/run`, { files: lab.starter }), 'Run');
  unavailable(await zed.post(`/api/labs/${LAB}/check`), 'Check');
  unavailable(await zed.get(`/api/labs/${LAB}/wire`), 'Wire');
  unavailable(await zed.post(`/api/labs/${LAB}/browser-session`), 'browser session');
  const attendeeApi = `/api/instructor/events/${event.id}/attendees/${zedId}`;
  unavailable(await instructor.get(`${attendeeApi}/wire`), 'instructor Wire');
  unavailable(await instructor.post(`${attendeeApi}/reset`), 'instructor Reset');
  // Through another event's URL Zed is still nobody.
  assertRefused(await instructor.post(`/api/instructor/events/${eventA}/attendees/${zedId}/reset`), 'Zed through event A', 404);
});

test('the lab page and the client bundle hold no secret: no credentials, no private key, nothing server-only', async () => {
  const page = await alice.get(`/labs/${LAB}/${STEP}`);
  assert.equal(page.status, 200);
  for (const secret of secrets) if (secret) assert.ok(!page.text.includes(secret), 'a secret on the lab page');
  const clientDir = joinPath(repoRoot, 'site', 'dist', 'client');
  const files = readdirSync(clientDir, { recursive: true, encoding: 'utf8' }).filter((name) => /\.(m?js|html|css)$/.test(name));
  assert.ok(files.length > 0);
  for (const name of files) {
    const text = readFileSync(joinPath(clientDir, name), 'utf8');
    assert.doesNotMatch(text, /-----BEGIN [A-Z ]*PRIVATE KEY-----/, `${name} holds a private key`);
    // AWS's documented example key (AKIAIOSFODNN7EXAMPLE) may appear in bundled SDK docs; a real one may not.
    assert.doesNotMatch(text, /\b(?:AKIA|ASIA)(?![0-9A-Z]*EXAMPLE)[0-9A-Z]{16}\b/, `${name} holds an AWS access key id`);
    // Names only the site's server code uses (the store's file and columns, the secret hashing).
    assert.doesNotMatch(text, /keyless\.db|resume_hash|hashResumeSecret|csrfTokenFor/, `${name} holds server-only code`);
    for (const secret of secrets) if (secret) assert.ok(!text.includes(secret), `${name} holds a secret of this run`);
  }
});

test('no secret reached a log line, and nothing was logged as an internal error', () => {
  for (const line of logged) {
    for (const secret of secrets) if (secret) assert.ok(!line.includes(secret), `a secret was logged: ${line.slice(0, 200)}`);
    assert.doesNotMatch(line, /unexpected error answering/, 'a request was answered with an internal error');
  }
});
