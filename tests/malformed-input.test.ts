/**
 * Malformed input against every HTTP route of the real product (the site and
 * every emulated AWS service): bad paths and percent-encoding, every method,
 * invalid and deeply nested JSON, wrong content types, empty and oversized
 * bodies (declared and streamed), absurd headers, unicode edge cases, NUL,
 * and path traversal in Run file names. Each answer must be a 4xx with a
 * message (or a correct 2xx where the input is in fact valid), and after each
 * case the site and the emulator must still answer a normal request: one
 * process serves the whole room, so one bad request must never stop it.
 */
import assert from 'node:assert/strict';
import { after, before, test, type TestContext } from 'node:test';
import { startTestServer } from '@keyless/site/test-server';
import { LOCAL_INSTRUCTOR } from '@keyless/site/instructors';
import { localWelcome } from '@keyless/site/start-local';
import { freshDataDir } from './test-support/repo.ts';
import { HttpClient, join, signInInstructor } from './test-support/http-client.ts';
import { rawRequest, type RawRequest, type RawResponse } from './test-support/raw-http.ts';

const LAB = 'cognito-client-credentials';
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'FOO', 'PROPFIND'];
/** Methods Node's HTTP parser refuses itself: no route ever sees them. */
const PARSER_REFUSED_METHODS = ['FOO'];

let server: Awaited<ReturnType<typeof startTestServer>>;
let siteUrl = '';
let awsUrl = '';
/** Request headers of each kind of caller. */
const sessions: Record<'none' | 'attendee' | 'instructor', Record<string, string>> = { none: {}, attendee: {}, instructor: {} };
let demoCode = '';
let eventId = '';
let attendeeId = '';
let stepSlug = '';
let labFiles: Record<string, string> = {};
let outputs: Awaited<ReturnType<typeof server.runtime.aws.outputs>>;

before(async () => {
  server = await startTestServer(freshDataDir());
  siteUrl = server.site.url;
  awsUrl = server.runtime.aws.baseUrl;
  demoCode = localWelcome(server.runtime, siteUrl).demoCode ?? '';
  const ada = new HttpClient(siteUrl);
  assert.equal((await join(ada, demoCode, 'Ada')).status, 200);
  sessions.attendee = { cookie: `keyless_session=${ada.cookies.get('keyless_session') ?? ''}` };
  attendeeId = server.runtime.attendees.resolveSession(ada.cookies.get('keyless_session') ?? '')?.id ?? '';
  const instructor = new HttpClient(siteUrl);
  await signInInstructor(instructor, server.runtime.instructors.loginLinkToken(LOCAL_INSTRUCTOR));
  sessions.instructor = {
    cookie: `keyless_instructor=${instructor.cookies.get('keyless_instructor') ?? ''}`,
    'x-csrf-token': instructor.csrf,
  };
  // A throwaway event for the instructor routes, so closing or rotating it cannot break the demo event.
  const now = Date.now();
  const created = await instructor.post('/api/instructor/events', {
    name: 'Fuzz',
    startsAt: now,
    endsAt: now + 3_600_000,
    labs: [LAB],
    sandboxMode: 'local',
    capacity: 5,
    stuckAfterMinutes: 10,
  });
  eventId = created.json<{ event: { id: string } }>().event.id;
  const lab = server.runtime.findLab(LAB);
  assert.ok(lab && attendeeId && eventId);
  stepSlug = lab.steps[0]?.slug ?? '';
  labFiles = { ...lab.starter };
  outputs = await server.runtime.aws.outputs(attendeeId);
});
// eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed, which its type cannot say
after(() => server?.close());

// ---------------------------------------------------------------- helpers

interface Expect {
  /** The input is valid for this route: a 2xx or 3xx is a correct answer too. */
  readonly validOk?: boolean;
}

/** The one rule: a 4xx (or, for valid input, 2xx/3xx) with a message, never a 5xx, never silence. */
function assertAnswered(response: RawResponse, request: RawRequest, expect: Expect = {}): void {
  const what = `${request.method} ${request.path.slice(0, 80)} → ${response.status} ${response.body.slice(0, 200)}`;
  if (expect.validOk) assert.ok(response.status >= 200 && response.status < 500, what);
  else assert.ok(response.status >= 400 && response.status < 500, what);
  const bodiless =
    request.method === 'HEAD' || response.status === 204 || response.status === 304 || (response.status >= 300 && response.status < 400);
  if (!bodiless) assert.ok(response.body.trim().length > 0, `no message: ${what}`);
}

/** After every case: the site renders its home page and the emulator its health check. */
async function assertStillServing(): Promise<void> {
  const home = await rawRequest(siteUrl, { method: 'GET', path: '/', headers: sessions.attendee });
  assert.equal(home.status, 200, 'the site stopped answering GET /');
  const health = await rawRequest(awsUrl, { method: 'GET', path: '/health' });
  assert.equal(health.status, 200, 'the emulator stopped answering GET /health');
}

/** Sends one malformed request to `base`, checks the answer, then that both servers still serve. */
async function tryCase(base: string, request: RawRequest, expect: Expect = {}): Promise<void> {
  assertAnswered(await rawRequest(base, request), request, expect);
  await assertStillServing();
}

/** One subtest per case, so a failure names its case; `todo` marks what only a fix in a file we may not edit can make pass. */
async function each<T>(
  t: TestContext,
  cases: readonly T[],
  name: (item: T) => string,
  run: (item: T) => Promise<void>,
  todo?: (item: T) => string | undefined,
): Promise<void> {
  for (const item of cases) {
    const reason = todo?.(item);
    await t.test(name(item), reason ? { todo: reason } : {}, () => run(item));
  }
}

/** Splits an absolute URL handed out by the emulator into the origin to connect to and the path to request. */
function split(url: string): { base: string; path: string } {
  const parsed = new URL(url);
  return { base: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
}

const json = (body: string | Buffer, extra: Record<string, string> = {}): Pick<RawRequest, 'body' | 'headers'> => ({
  body,
  headers: { 'content-type': 'application/json', ...extra },
});

// ---------------------------------------------------------------- routes

/** Every page and API route under site/src/pages, with real ids where the route has a parameter. */
function siteRoutes(): string[] {
  const event = `/api/instructor/events/${eventId}`;
  return [
    '/',
    '/mechanisms',
    '/join',
    '/join/wait',
    '/instructor/',
    '/instructor/login',
    `/instructor/events/${eventId}`,
    `/instructor/events/${eventId}/cards`,
    `/labs/${LAB}`,
    `/labs/${LAB}/${stepSlug}`,
    '/labs/no-such-lab/x',
    '/api/join',
    '/api/join/status',
    '/api/me/event',
    '/api/me/table',
    `/api/labs/${LAB}/run`,
    `/api/labs/${LAB}/check`,
    `/api/labs/${LAB}/progress`,
    `/api/labs/${LAB}/solution`,
    `/api/labs/${LAB}/unlocked-code`,
    `/api/labs/${LAB}/workspace`,
    '/api/instructor/login',
    '/api/instructor/login-link',
    '/api/instructor/logout',
    '/api/instructor/events',
    `${event}/close`,
    `${event}/extend`,
    `${event}/results.csv`,
    `${event}/stream`,
    `${event}/codes/rotate`,
    `${event}/codes/named`,
    `${event}/codes/NOPE/revoke`,
    `${event}/attendees/${attendeeId}`,
    `${event}/attendees/${attendeeId}/extend`,
    `${event}/attendees/${attendeeId}/unlock`,
    `${event}/attendees/${attendeeId}/table`,
    `${event}/attendees/att_nope/reset`,
    `${event}/signing-keys/rotate`,
    `${event}/attendees/att_nope/signing-keys/rotate`,
  ];
}

/** Every route of the emulator's router, at this attendee's ids. */
function emulatorRoutes(): { base: string; path: string }[] {
  return [
    { base: awsUrl, path: '/' },
    { base: awsUrl, path: '/sts' },
    split(outputs.endpointOverrides.AWS_ENDPOINT_URL_SECRETS_MANAGER ?? `${awsUrl}/secretsmanager`),
    split(outputs.cognitoTokenUrl),
    split(outputs.cognitoJwksUri),
    split(outputs.cognitoJwksUri.replace(/jwks\.json$/, 'openid-configuration')),
    split(`${outputs.ordersApiUrl}/orders`),
    split(`${outputs.ordersIamUrl}/orders`),
    split(`${outputs.ordersApiKeyUrl}/orders`),
    split(`${outputs.reviewApiUrl}/decisions`),
    split(outputs.pkiUrl),
    split(`${outputs.pkiUrl}/ca.pem`),
    split(`${outputs.pkiUrl}/crl`),
    split(`${outputs.pkiUrl}/certificates`),
    split(`${outputs.pkiUrl}/certificates/00ff/revoke`),
    split(`${outputs.rolesAnywhereEndpoint}/sessions`),
    { base: awsUrl, path: '/sessions' },
    split(`${outputs.ciOidcIssuer}/.well-known/openid-configuration`),
    split(outputs.ciIdTokenRequestUrl),
    { base: awsUrl, path: '/health' },
  ];
}

// ---------------------------------------------------------------- tables of malformed input

/** Request targets no route can mean: not a path, bad percent-encoding, invalid UTF-8, NUL, traversal. */
const BAD_TARGETS = [
  '//',
  '///',
  '//@',
  '//evil.example/x',
  '/%',
  '/%.js',
  '/%zz',
  '/%c0%af',
  '/%ed%a0%80',
  '/%ff',
  '/%00',
  '/labs/%00',
  `/api/labs/%00/run`,
  '/labs/\xc0\xaf',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/..%2f..%2fpackage.json',
  '/_astro/%2e%2e/%2e%2e/package.json',
  '/_astro/..%5c..%5cpackage.json',
  '/?%',
  '/api/join/status?x=%zz',
  '*',
  'http://evil.example/',
  `/${'a'.repeat(8000)}`,
];

/** Request bodies that are not what any JSON route takes. */
const BAD_BODIES: readonly { name: string; request: Pick<RawRequest, 'body' | 'headers'> }[] = [
  { name: 'empty', request: json('') },
  { name: 'truncated JSON', request: json('{"code": "AB') },
  { name: 'not JSON', request: json('hello') },
  { name: 'a JSON string', request: json('"files"') },
  { name: 'a JSON array', request: json('[]') },
  { name: 'JSON null', request: json('null') },
  { name: 'a number', request: json('1e999') },
  { name: 'trailing garbage', request: json('{}x') },
  { name: '100k nested arrays', request: json(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) },
  { name: '100k nested objects', request: json(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`) },
  { name: 'unclosed 100k nesting', request: json('['.repeat(100_000)) },
  { name: 'wrong types', request: json('{"code":1,"displayName":[],"files":"x","names":{},"minutes":"x","token":null}') },
  {
    name: 'lone surrogates',
    request: json('{"code":"\\ud800","displayName":"\\udfff","files":{"\\ud800":"\\udc00"},"username":"\\ud800","password":"\\udbff"}'),
  },
  {
    name: 'overlong UTF-8 bytes',
    request: json(
      Buffer.concat([
        Buffer.from('{"code":"'),
        Buffer.from([0xc0, 0xaf, 0xe0, 0x80, 0xaf]),
        Buffer.from('","displayName":"'),
        Buffer.from([0xed, 0xa0, 0x80]),
        Buffer.from('"}'),
      ]),
    ),
  },
  { name: 'NUL in values and keys', request: json('{"code":"ABCD\\u0000","displayName":"Ada\\u0000","\\u0000":1,"username":"a\\u0000b"}') },
  { name: 'BOM then JSON', request: json('\ufeff{}') },
  { name: 'text/plain', request: { body: '{}', headers: { 'content-type': 'text/plain' } } },
  { name: 'form-urlencoded', request: { body: 'code=x&displayName=y', headers: { 'content-type': 'application/x-www-form-urlencoded' } } },
  { name: 'multipart', request: { body: '--b\r\n\r\nx\r\n--b--\r\n', headers: { 'content-type': 'multipart/form-data; boundary=b' } } },
  { name: 'no content type', request: { body: '{}' } },
  { name: 'absurd content type', request: json('{}', { 'content-type': `application/json; ${'x'.repeat(4000)}` }) },
];

/** Site routes that read a JSON body, with the session that reaches their handler. */
function siteBodyRoutes(): { method: string; path: string; session: keyof typeof sessions }[] {
  const event = `/api/instructor/events/${eventId}`;
  return [
    { method: 'POST', path: '/api/join', session: 'none' },
    { method: 'POST', path: '/api/instructor/login', session: 'none' },
    { method: 'POST', path: '/api/instructor/login-link', session: 'none' },
    { method: 'POST', path: `/api/labs/${LAB}/run`, session: 'attendee' },
    { method: 'PUT', path: `/api/labs/${LAB}/workspace`, session: 'attendee' },
    { method: 'POST', path: '/api/instructor/events', session: 'instructor' },
    { method: 'POST', path: `${event}/extend`, session: 'instructor' },
    { method: 'POST', path: `${event}/codes/named`, session: 'instructor' },
    { method: 'POST', path: `${event}/attendees/${attendeeId}/extend`, session: 'instructor' },
    { method: 'POST', path: `${event}/attendees/${attendeeId}/unlock`, session: 'instructor' },
  ];
}

/** Emulator routes that read a body, with the content type their protocol uses. */
function emulatorBodyRoutes(): { base: string; path: string; headers: Record<string, string> }[] {
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  return [
    {
      ...split(awsUrl),
      path: '/',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.DescribeUserPoolClient' },
    },
    { ...split(`${awsUrl}/sts`), headers: form },
    { ...split(outputs.cognitoTokenUrl), headers: form },
    { ...split(`${outputs.ordersApiKeyUrl}/orders`), headers: { 'content-type': 'application/json', 'x-api-key': outputs.ordersApiKey } },
    { ...split(`${outputs.ordersApiUrl}/orders`), headers: { 'content-type': 'application/json', authorization: 'Bearer x.y.z' } },
    { ...split(`${outputs.reviewApiUrl}/decisions`), headers: { 'content-type': 'application/json' } },
    { ...split(`${outputs.pkiUrl}/certificates`), headers: { 'content-type': 'application/json' } },
    { ...split(`${outputs.rolesAnywhereEndpoint}/sessions`), headers: { 'content-type': 'application/json' } },
  ];
}

/** Run file names that try to leave the workspace. */
const TRAVERSAL_NAMES = [
  '../x.ts',
  '../../etc/passwd',
  '/etc/passwd',
  'a\\b',
  '..\\x.ts',
  '%2e%2e/x.ts',
  'main.ts/../../x.ts',
  'main.ts\u0000.js',
  '',
  '.',
  'C:\\x.ts',
  '~/x.ts',
];

/** Heads no parser should accept, and headers that are merely absurd. */
const BAD_HEADERS: readonly { name: string; headers: Record<string, string>; parserLevel?: boolean }[] = [
  { name: 'one 20 KB header', headers: { 'x-long': 'a'.repeat(20_000) }, parserLevel: true },
  {
    name: '3000 small headers',
    headers: Object.fromEntries(Array.from({ length: 3000 }, (_, index) => [`x-h${index}`, 'v'])),
    parserLevel: true,
  },
  { name: 'a 15 KB cookie of garbage', headers: { cookie: `keyless_session=${'%ff%zz;'.repeat(2000)}` } },
  { name: 'cookie with bad encoding', headers: { cookie: 'keyless_session=%E0%A4%A; keyless_instructor="\\' } },
  { name: 'Host that is not a host', headers: { host: '[::1' } },
  {
    name: 'forwarded headers of garbage',
    headers: { 'x-forwarded-host': '%%%', 'x-forwarded-proto': 'gopher', 'x-forwarded-for': 'not an ip', 'x-forwarded-port': '99999999' },
  },
  { name: 'latin1 bytes in a value', headers: { 'x-name': '\xff\xfe\xc0\xaf' } },
  { name: 'Content-Length not a number', headers: { 'content-length': 'abc' }, parserLevel: true },
  { name: 'two Content-Lengths', headers: { 'content-length': '1, 2' }, parserLevel: true },
  { name: 'Content-Length and chunked', headers: { 'content-length': '5', 'transfer-encoding': 'chunked' }, parserLevel: true },
  { name: 'unknown transfer coding', headers: { 'transfer-encoding': 'gzip' }, parserLevel: true },
  { name: 'space in a header name', headers: { 'bad name': 'x' }, parserLevel: true },
  { name: 'NUL in a header value', headers: { 'x-nul': 'a\u0000b' }, parserLevel: true },
  {
    name: 'WebSocket upgrade',
    headers: {
      connection: 'Upgrade',
      upgrade: 'websocket',
      'sec-websocket-version': '13',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
    },
  },
  {
    name: 'h2c upgrade (curl --http2)',
    headers: { connection: 'Upgrade, HTTP2-Settings', upgrade: 'h2c', 'http2-settings': 'AAMAAABkAARAAAAAAAIAAAAA' },
  },
  { name: 'Expect: 100-continue, body never sent', headers: { expect: '100-continue' } },
  { name: 'Expect: something else', headers: { expect: 'teapot' } },
];

/** Raw heads for requests the parser refuses before any route sees them. */
const BAD_REQUEST_LINES = [
  'GET / HTTP/9.9\r\n\r\n',
  'GET\r\n\r\n',
  'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
  '\x00\x01\x02\r\n\r\n',
  'GET / HTTP/1.1\r\n: no-name\r\n\r\n',
  'G\xc3\x89T / HTTP/1.1\r\nHost: x\r\n\r\n',
];

function chunksOf(totalBytes: number, chunkBytes = 64 * 1024): Buffer[] {
  return Array.from({ length: Math.ceil(totalBytes / chunkBytes) }, () => Buffer.alloc(chunkBytes, 0x20));
}

// ---------------------------------------------------------------- the site

test('site: malformed paths and encodings get a 4xx with a message, with and without a session', async (t) => {
  await each(
    t,
    BAD_TARGETS,
    (path) => JSON.stringify(path.slice(0, 40)),
    async (path) => {
      for (const [method, session] of [
        ['GET', 'none'],
        ['GET', 'attendee'],
        ['POST', 'none'],
        ['POST', 'attendee'],
      ] as const) {
        const request = { method, path, headers: { ...sessions[session], 'content-type': 'application/json' }, body: '{}' };
        const response = await rawRequest(siteUrl, request);
        assertAnswered(response, request);
        assert.doesNotMatch(response.body, /"workspaces"|root:x:0:0/, 'a traversal reached a file outside the site');
        await assertStillServing();
      }
    },
  );
});

test('site: every route answers every method, with and without a session', async (t) => {
  await each(
    t,
    siteRoutes(),
    (path) => path,
    async (path) => {
      for (const session of ['none', 'attendee', 'instructor'] as const) {
        for (const method of METHODS) {
          await tryCase(siteUrl, { method, path, headers: sessions[session] }, { validOk: true });
        }
      }
    },
  );
});

test('site: unknown and unsupported methods are refused, OPTIONS says what is allowed', async () => {
  const requests: RawRequest[] = [
    ...['TRACE', 'FOO', 'PROPFIND', 'CONNECT', 'TRACK', 'MKCOL', 'SEARCH'].map((method) => ({ method, path: '/api/join' })),
    { method: 'CONNECT', path: 'evil.example:443' },
  ];
  for (const request of requests) {
    const response = await rawRequest(siteUrl, request);
    assert.equal(response.status, 405, `${request.method} ${request.path} → ${response.status}`);
    assert.ok(response.body.length > 0);
    await assertStillServing();
  }
  const options = await rawRequest(siteUrl, { method: 'OPTIONS', path: '/api/join' });
  assert.equal(options.status, 204);
  assert.match(options.headers.allow ?? '', /POST/);
  const page = await rawRequest(siteUrl, { method: 'POST', path: '/', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.equal(page.status, 405, 'pages take GET only');
  await assertStillServing();
});

test('site: malformed JSON bodies on every route that reads one, with and without a session', async (t) => {
  await each(
    t,
    siteBodyRoutes(),
    (route) => `${route.method} ${route.path}`,
    async (route) => {
      for (const session of new Set(['none', route.session] as const)) {
        for (const { request } of BAD_BODIES) {
          await tryCase(siteUrl, {
            method: route.method,
            path: route.path,
            ...request,
            headers: { ...sessions[session], ...request.headers },
          });
        }
      }
    },
  );
});

test("site: bodies over the route's limit get 413, declared or streamed, without reading them", async (t) => {
  const routes = [
    ...siteBodyRoutes(),
    { method: 'POST', path: '/', session: 'none' as const },
    { method: 'GET', path: '/api/join/status', session: 'none' as const },
  ];
  await each(
    t,
    routes,
    (route) => `${route.method} ${route.path}`,
    async (route) => {
      const headers = { ...sessions[route.session], 'content-type': 'application/json' };
      // Declared: the server answers from the Content-Length alone; the 200 MB never leave this process.
      const declared = { method: route.method, path: route.path, headers, declaredLength: 200 * 1024 * 1024 };
      const early = await rawRequest(siteUrl, declared);
      assert.ok([405, 413].includes(early.status), `declared 200 MB: ${early.status} ${early.body}`);
      assertAnswered(early, declared);
      // Streamed: chunked, no length; 3 MiB is over every route's limit.
      const streamed = { method: route.method, path: route.path, headers, chunks: chunksOf(3 * 1024 * 1024) };
      const late = await rawRequest(siteUrl, streamed);
      assert.ok([405, 413].includes(late.status), `streamed 3 MiB: ${late.status} ${late.body}`);
      assertAnswered(late, streamed);
      await assertStillServing();
    },
  );
});

test('site: a Run of the full allowed size is not refused as too large', async () => {
  // 900 KiB of code with quotes and newlines: JSON escaping grows it, the route still takes it.
  const big = 'const s = "x";\n'.repeat(60_000).slice(0, 190_000);
  const files = Object.fromEntries(Object.keys(labFiles).map((name) => [name, big]));
  const request = { method: 'PUT', path: `/api/labs/${LAB}/workspace`, ...json(JSON.stringify({ files }), sessions.attendee) };
  const response = await rawRequest(siteUrl, request);
  assert.notEqual(response.status, 413, response.body);
  assert.ok(response.status < 500, response.body);
});

test('site: path traversal in Run and workspace file names is refused', async (t) => {
  await each(
    t,
    TRAVERSAL_NAMES,
    (name) => JSON.stringify(name),
    async (name) => {
      for (const [method, path] of [
        ['POST', `/api/labs/${LAB}/run`],
        ['PUT', `/api/labs/${LAB}/workspace`],
      ] as const) {
        const request = { method, path, ...json(JSON.stringify({ files: { ...labFiles, [name]: 'console.log(1)' } }), sessions.attendee) };
        const response = await rawRequest(siteUrl, request);
        assertAnswered(response, request);
        assert.equal(response.status, 400);
        await assertStillServing();
      }
    },
  );
});

test('site: NUL, control characters and lone surrogates in access codes and names are refused', async (t) => {
  const inputs = [
    { code: `${demoCode}\u0000`, displayName: 'Ada' },
    { code: `\u0000${demoCode}`, displayName: 'Ada' },
    { code: demoCode, displayName: 'Ada\u0000Lovelace' },
    { code: demoCode, displayName: '\u0000' },
    { code: demoCode, displayName: 'Ada\ud800' },
    { code: demoCode, displayName: '\udfffGrace' },
    { code: demoCode, displayName: 'x\u202eevil' },
    { code: demoCode, displayName: 'a'.repeat(5000) },
    { code: `${demoCode.slice(0, 4)}\ud800${demoCode.slice(4)}`, displayName: 'Ada' },
  ];
  await each(
    t,
    inputs,
    (input) => JSON.stringify(input).slice(0, 60),
    async (input) => {
      await tryCase(siteUrl, { method: 'POST', path: '/api/join', ...json(JSON.stringify(input)) });
    },
  );
});

test('site: absurd headers get a 4xx (or the page, if they are merely odd), never a crash', async (t) => {
  await each(
    t,
    BAD_HEADERS,
    (item) => item.name,
    async (item) => {
      for (const path of ['/', '/api/join']) {
        const method = path === '/' ? 'GET' : 'POST';
        const request = { method, path, headers: { 'content-type': 'application/json', ...item.headers } };
        const response = await rawRequest(siteUrl, request);
        assertAnswered(response, request, { validOk: !item.parserLevel && method === 'GET' });
        await assertStillServing();
      }
    },
  );
});

test('site: request lines the parser refuses get a 4xx with a message', async (t) => {
  await each(
    t,
    BAD_REQUEST_LINES,
    (line) => JSON.stringify(line.slice(0, 30)),
    async (line) => {
      // `path` carries the whole raw head after the method; formatHead is bypassed by a method of ''.
      const response = await rawRequest(siteUrl, { method: '', path: line, raw: true });
      assertAnswered(response, { method: 'GET', path: line });
      await assertStillServing();
    },
  );
});

// ---------------------------------------------------------------- the emulated AWS

test('emulator: malformed paths and encodings get a 4xx with a message', async (t) => {
  const targets = [
    ...BAD_TARGETS,
    '/domains/%00/oauth2/token',
    '/restapis/%zz/prod/orders',
    '/pki/%',
    '/rolesanywhere/%ed%a0%80',
    '/oidc/ci-%00/x',
    '/review/../health',
  ];
  await each(
    t,
    targets,
    (path) => JSON.stringify(path.slice(0, 40)),
    async (path) => {
      for (const method of ['GET', 'POST']) await tryCase(awsUrl, { method, path, ...json('{}') });
    },
  );
});

test('emulator: every route answers every method', async (t) => {
  await each(
    t,
    emulatorRoutes(),
    (route) => route.path,
    async (route) => {
      for (const method of METHODS.filter((name) => !PARSER_REFUSED_METHODS.includes(name)))
        await tryCase(route.base, { method, path: route.path }, { validOk: true });
    },
  );
});

test('emulator: methods Node refuses before any route (unknown, CONNECT) get a 4xx with a message', async (t) => {
  const cases: RawRequest[] = [
    ...PARSER_REFUSED_METHODS.map((method) => ({ method, path: '/health' })),
    { method: 'CONNECT', path: 'evil.example:443' },
  ];
  await each(
    t,
    cases,
    (request) => `${request.method} ${request.path}`,
    (request) => tryCase(awsUrl, request),
  );
});

test('emulator: malformed bodies on every route that reads one', async (t) => {
  await each(
    t,
    emulatorBodyRoutes(),
    (route) => route.path,
    async (route) => {
      for (const { request } of BAD_BODIES) {
        await tryCase(route.base, {
          method: 'POST',
          path: route.path,
          body: request.body ?? '',
          headers: { ...route.headers, ...request.headers },
        });
      }
    },
  );
});

test('emulator: bodies over 1 MiB get 413, declared or streamed', async (t) => {
  await each(
    t,
    emulatorBodyRoutes(),
    (route) => route.path,
    async (route) => {
      const declared = { method: 'POST', path: route.path, headers: route.headers, declaredLength: 200 * 1024 * 1024 };
      const early = await rawRequest(route.base, declared);
      assert.equal(early.status, 413, `declared 200 MB: ${early.status} ${early.body}`);
      assertAnswered(early, declared);
      const streamed = { method: 'POST', path: route.path, headers: route.headers, chunks: chunksOf(3 * 1024 * 1024) };
      const late = await rawRequest(route.base, streamed);
      assert.equal(late.status, 413, `streamed 3 MiB: ${late.status} ${late.body}`);
      assertAnswered(late, streamed);
      await assertStillServing();
    },
  );
});

test('emulator: absurd headers never crash it', async (t) => {
  await each(
    t,
    BAD_HEADERS,
    (item) => item.name,
    async (item) => {
      const request = {
        method: 'POST',
        path: '/sts',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...item.headers },
        body: 'Action=GetCallerIdentity',
      };
      const response = await rawRequest(awsUrl, request);
      assertAnswered(response, request);
      await assertStillServing();
    },
  );
});

test('emulator: request lines the parser refuses get a 4xx with a message', async (t) => {
  await each(
    t,
    BAD_REQUEST_LINES,
    (line) => JSON.stringify(line.slice(0, 30)),
    async (line) => {
      const response = await rawRequest(awsUrl, { method: '', path: line, raw: true });
      assertAnswered(response, { method: 'GET', path: line });
      await assertStillServing();
    },
  );
});

test('emulator: the mutual-TLS front door survives garbage, with no client certificate', async (t) => {
  const base = new URL(outputs.ordersMtlsUrl).origin;
  const cases: RawRequest[] = [
    { method: 'GET', path: '//' },
    { method: 'FOO', path: '/%' },
    { method: 'POST', path: '/orders', ...json('['.repeat(100_000)) },
    { method: 'POST', path: '/orders', headers: { 'content-type': 'application/json' }, declaredLength: 200 * 1024 * 1024 },
  ];
  await each(
    t,
    cases,
    (request) => `${request.method} ${request.path}`,
    async (request) => {
      // Without a certificate the door closes without an HTTP answer (see infra/local/src/mtls/server.ts); any answer must not be a 5xx.
      const response = await rawRequest(base, request).catch(() => undefined);
      if (response) assert.ok(response.status < 500, `${response.status} ${response.body}`);
      await assertStillServing();
    },
  );
});
