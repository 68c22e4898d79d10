/**
 * Hostile attendee code, through the real Run API, with a bystander: each
 * case is contained and explained to Mallory in plain words, while Bea runs
 * and checks the lab's solution at the same time and nothing of Bea's
 * sandbox changes. Nothing here asserts on wall-clock time.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startTestServer } from '@keyless/site/test-server';
import { freshDataDir } from './test-support/repo.ts';
import { HttpClient, join } from './test-support/http-client.ts';
import { createLocalEvent, signedInInstructor } from './test-support/local-event.ts';
import { readRun, type RunOutcome } from './test-support/run-stream.ts';

const LAB = 'cognito-client-credentials';
const namespaced = process.platform === 'linux';

let server: Awaited<ReturnType<typeof startTestServer>>;
let mallory: HttpClient;
let bea: HttpClient;
let malloryId = '';
let beaId = '';
let beaSolution: Record<string, string> = {};
const beaRunIds = new Set<string>();
const bystanderMs: Record<string, number> = {};

before(async () => {
  server = await startTestServer(freshDataDir());
  const created = await createLocalEvent(await signedInInstructor(server), 'Hostile', [LAB]);
  mallory = new HttpClient(server.site.url);
  bea = new HttpClient(server.site.url);
  assert.equal((await join(mallory, created.code, 'Mallory')).status, 200);
  assert.equal((await join(bea, created.code, 'Bea')).status, 200);
  const idOf = (client: HttpClient): string =>
    server.runtime.attendees.resolveSession(client.cookies.get('keyless_session') ?? '')?.id ?? '';
  [malloryId, beaId] = [idOf(mallory), idOf(bea)];
  assert.ok(malloryId && beaId && malloryId !== beaId);
  beaSolution = { ...server.runtime.findLab(LAB)?.solution };
});
// eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed, which its type cannot say
after(() => server?.close());

/** Mallory's main.ts beside the lab's other files (a Run must carry every file of the lab). */
function runAs(client: HttpClient, code: string, onOutput?: (text: string) => void): Promise<RunOutcome> {
  return readRun(`${client.base}/api/labs/${LAB}/run`, client, { ...beaSolution, 'main.ts': code }, onOutput);
}

/** Bea's Run of the solution and her Check, while Mallory's code runs. */
async function bystander(name: string): Promise<void> {
  const run = await readRun(`${bea.base}/api/labs/${LAB}/run`, bea, beaSolution);
  assert.equal(run.exit?.exitCode, 0, `Bea's Run during "${name}": ${run.text.slice(-600)}`);
  if (run.exit.runId) beaRunIds.add(run.exit.runId);
  bystanderMs[name] = run.exit.durationMs;
  const check = await bea.post(`/api/labs/${LAB}/check`);
  assert.equal(check.json<{ passed: boolean }>().passed, true, `Bea's Check during "${name}"`);
}

/** Runs Mallory's code alongside Bea and returns Mallory's outcome. */
async function hostile(name: string, code: string, onOutput?: (text: string) => void): Promise<RunOutcome> {
  const [outcome] = await Promise.all([runAs(mallory, code, onOutput), bystander(name)]);
  assert.ok(outcome.exit, `Mallory's Run ends with a result, not a server error: ${outcome.text.slice(-400)}`);
  return outcome;
}

const notes = (outcome: RunOutcome): string => (outcome.exit?.notes ?? []).join('\n');

describe('hostile attendee code, with a bystander', () => {
  test('an infinite loop is stopped at the time limit and said so', async () => {
    const outcome = await hostile('infinite loop', 'for (;;) {}');
    assert.equal(outcome.exit?.timedOut, true);
    assert.match(notes(outcome), /time limit/);
  });

  test('a memory bomb runs out of memory and is told so', async () => {
    const outcome = await hostile('memory bomb', 'const hoard: number[][] = []; for (;;) hoard.push(new Array(1e6).fill(1));');
    assert.equal(outcome.exit?.outOfMemory, true);
    assert.match(notes(outcome), /more memory than it may/);
  });

  test('an output flood is stopped and reported as a flood, not as memory', async () => {
    const outcome = await hostile('output flood', "for (;;) process.stdout.write('x'.repeat(10_000));");
    assert.equal(outcome.exit?.outputTruncated, true);
    assert.equal(outcome.exit.outOfMemory, false);
    assert.match(notes(outcome), /output flood/);
  });

  test('two million short lines are an output flood, not "ran out of memory"', async () => {
    const outcome = await hostile('2M short lines', 'for (let i = 0; i < 2_000_000; i++) console.log(i);');
    assert.equal(outcome.exit?.outputTruncated, true);
    assert.equal(outcome.exit.outOfMemory, false);
    assert.match(notes(outcome), /output flood/);
  });

  test('filling the scratch space hits its quota', { skip: !namespaced && 'no tmpfs quota without bubblewrap' }, async () => {
    const outcome = await hostile(
      'scratch fill',
      `
      import { writeFileSync } from 'node:fs';
      const chunk = Buffer.alloc(1024 * 1024, 1);
      for (let i = 0; i < 64; i++) writeFileSync(process.env.TMPDIR + '/fill-' + i, chunk);
    `,
    );
    assert.notEqual(outcome.exit?.exitCode, 0);
    assert.match(notes(outcome), /filled its scratch space/);
  });

  test("reading /etc/passwd, the databases and another attendee's run dir is refused", async () => {
    const outcome = await hostile(
      'file reads',
      `
      import { readFileSync, readdirSync } from 'node:fs';
      for (const path of ['/etc/passwd', '../../keyless.db', '../../sandbox.db', '..', '/proc/1/environ']) {
        try { const got = readFileSync(path); console.log('READ', path, got.length); } catch (error) {
          try { readdirSync(path); console.log('LISTED', path); } catch { console.log('denied', path, (error as NodeJS.ErrnoException).code); }
        }
      }
    `,
    );
    assert.doesNotMatch(outcome.stdout, /READ|LISTED/);
    assert.equal(outcome.stdout.match(/^denied /gm)?.length, 5, outcome.stdout);
  });

  test('spawning a shell, a Worker and process.dlopen are refused in plain words', async () => {
    for (const [name, code, words] of [
      ['shell', "import { execSync } from 'node:child_process'; execSync('id');", /Starting other programs/],
      [
        'worker',
        "import { Worker } from 'node:worker_threads'; new Worker('for(;;){}', { eval: true });",
        /Worker threads are not allowed/,
      ],
      ['dlopen', "process.dlopen({ exports: {} } as NodeJS.Module, '/usr/lib/x86_64-linux-gnu/libc.so.6');", /Native addons/],
    ] as const) {
      const outcome = await hostile(name, code);
      assert.notEqual(outcome.exit?.exitCode, 0, name);
      assert.match(notes(outcome), words, `${name}: ${outcome.stderr.slice(0, 300)}`);
    }
  });

  test(
    "a connect scan of loopback finds only this attendee's sandbox endpoints",
    { skip: !namespaced && 'no network namespace' },
    async () => {
      // Eight Runs of an eighth of the ports each: one Run scanning all 65,535 met its 10 s
      // limit on a loaded machine. Every Run has the same network: the union is the whole scan.
      const open: number[] = [];
      const PART = 8_192;
      for (let from = 1; from < 65_536; from += PART) {
        const to = Math.min(from + PART, 65_536);
        const outcome = await hostile(
          `loopback scan ${String(from)}–${String(to - 1)}`,
          `
      import { connect } from 'node:net';
      const open: number[] = [];
      const probe = (port: number) => new Promise<void>((resolve) => {
        const socket = connect({ port, host: '127.0.0.1' });
        // A connect to the port the kernel just picked for this very socket meets itself (TCP simultaneous open): not a listener.
        socket.once('connect', () => { if (socket.localPort !== port) open.push(port); socket.destroy(); resolve(); });
        socket.once('error', () => resolve());
      });
      // Batches well under the jail's open-file limit (1024).
      for (let port = ${String(from)}; port < ${String(to)}; port += 900) {
        await Promise.all(Array.from({ length: Math.min(900, ${String(to)} - port) }, (_, i) => probe(port + i)));
      }
      console.log('OPEN', JSON.stringify(open));
    `,
        );
        const found = JSON.parse(/OPEN (\[.*\])/.exec(outcome.stdout)?.[1] ?? 'null') as number[] | null;
        assert.ok(found, `${outcome.text.slice(-400)} ${JSON.stringify(outcome.exit)}`);
        open.push(...found);
      }
      open.sort((a, b) => a - b);
      const aws = Number(new URL(server.runtime.aws.baseUrl).port);
      const mtls = Number(new URL((await server.runtime.aws.outputs(malloryId)).ordersMtlsUrl).port);
      assert.deepEqual(
        open,
        [1338, aws, mtls].sort((a, b) => a - b),
      );
      assert.ok(!open.includes(Number(new URL(server.site.url).port)), 'the site is not reachable');
    },
  );

  test(
    "the site's port, an arbitrary port, the LAN and DNS are unreachable, and said so",
    { skip: !namespaced && 'no network namespace' },
    async () => {
      const site = new URL(server.site.url).port;
      for (const [name, code, words] of [
        ['site port', `await fetch('http://127.0.0.1:${site}/');`, new RegExp(`port ${site} on 127\\.0\\.0\\.1`)],
        [
          'arbitrary port',
          `import { connect } from 'node:net'; await new Promise((_, reject) => connect({ host: '127.0.0.1', port: 5432 }).once('error', reject));`,
          /port 5432 on 127\.0\.0\.1/,
        ],
        [
          'LAN address',
          `import { connect } from 'node:net'; await new Promise((_, reject) => connect({ host: '10.255.255.1', port: 80 }).once('error', reject));`,
          /outside the Run's network/,
        ],
        ['DNS', `import { lookup } from 'node:dns/promises'; await lookup('example.com');`, /no DNS and no internet/],
      ] as const) {
        const outcome = await hostile(name, code);
        assert.notEqual(outcome.exit?.exitCode, 0, name);
        assert.match(notes(outcome), words, `${name}: ${outcome.stderr.slice(0, 300)} / ${notes(outcome)}`);
      }
    },
  );

  test('a port the Run listens on is its own: the host cannot reach it', { skip: !namespaced && 'no network namespace' }, async () => {
    let reachable: Promise<boolean> | undefined;
    await hostile(
      'listen',
      `
      import { createServer } from 'node:net';
      const server = createServer((socket) => socket.end('hello from a Run\\n')).listen(47_321, '0.0.0.0');
      await new Promise((resolve) => server.once('listening', resolve));
      console.log('listening');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      server.close();
    `,
      (text) => {
        if (reachable === undefined && text.includes('listening')) reachable = canConnect(47_321);
      },
    );
    assert.ok(reachable, 'the Run printed that it listens');
    assert.equal(await reachable, false);
  });

  test("Bea's ids and even her leaked keys are unknown to a Run of Mallory", { skip: !namespaced && 'no network namespace' }, async () => {
    const beaOutputs = await server.runtime.aws.outputs(beaId);
    const leaked = await server.runtime.aws.credentials(beaId);
    const outcome = await hostile(
      "Bea's endpoints",
      `
      import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
      const token = await fetch(${JSON.stringify(beaOutputs.cognitoTokenUrl)}, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
      console.log('token', token.status);
      const orders = await fetch(${JSON.stringify(`${beaOutputs.ordersApiKeyUrl}/orders`)}, { headers: { 'x-api-key': ${JSON.stringify(beaOutputs.ordersApiKey)} } });
      console.log('orders', orders.status);
      const sts = new STSClient({ region: 'us-east-1', credentials: ${JSON.stringify({ accessKeyId: leaked.accessKeyId, secretAccessKey: leaked.secretAccessKey, sessionToken: leaked.sessionToken })} });
      try { await sts.send(new GetCallerIdentityCommand({})); console.log('sts ACCEPTED'); } catch (error) { console.log('sts', (error as Error).name); }
    `,
    );
    assert.match(outcome.stdout, /^token 404$/m);
    assert.match(outcome.stdout, /^orders 403$/m);
    assert.match(outcome.stdout, /^sts InvalidClientTokenId$/m);
  });

  test('a flood of Runs from one attendee: one runs, the rest are refused, and Bea never waits behind them', async () => {
    const slow = 'await new Promise((resolve) => setTimeout(resolve, 1500)); console.log("done");';
    const flood = Array.from({ length: 20 }, () => runAs(mallory, slow));
    const beaRun = readRun(`${bea.base}/api/labs/${LAB}/run`, bea, beaSolution);
    const [outcomes, bea1] = await Promise.all([Promise.all(flood), beaRun]);
    if (bea1.exit?.runId) beaRunIds.add(bea1.exit.runId);
    const statuses = outcomes.map((outcome) => outcome.status);
    assert.equal(outcomes.filter((outcome) => outcome.exit?.exitCode === 0).length, 1, JSON.stringify(statuses));
    for (const outcome of outcomes.filter((each) => each.status !== 200)) {
      assert.equal(outcome.status, 409);
      assert.match(outcome.text, /previous Run is still running/);
    }
    assert.equal(bea1.exit?.exitCode, 0);
    const waits = bea1.events.filter((event) => event.type === 'queued').map((event) => Number(event.ahead));
    assert.ok(
      waits.every((ahead) => ahead <= 1),
      `Bea was queued behind ${JSON.stringify(waits)}`,
    );
  });

  test("nothing in Bea's sandbox came from Mallory: every piece of her evidence names one of her own Runs", async () => {
    const kinds = ['token-issued', 'api-call', 'control-plane-call', 'sts-call', 'imds-request'] as const;
    for (const kind of kinds) {
      const rows = await server.runtime.aws.evidence(beaId).query({ kind, limit: 10_000 });
      for (const row of rows)
        assert.ok(row.runId !== undefined && beaRunIds.has(row.runId), `${kind} evidence ${String(row.id)} from run ${String(row.runId)}`);
    }
    const mallorys = await server.runtime.aws.evidence(malloryId).query({ kind: 'token-issued', limit: 10_000 });
    assert.ok(mallorys.every((row) => !beaRunIds.has(row.runId ?? '')));
  });

  test('bystander Run times during each case (diagnostic)', (t) => {
    for (const [name, ms] of Object.entries(bystanderMs)) t.diagnostic(`${name}: Bea's Run took ${String(ms)} ms`);
    assert.ok(Object.keys(bystanderMs).length >= 10);
  });
});

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
