import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { BrowserRunRefused, runInBrowser } from './browser-run.ts';
import type { BrowserRunner } from './webcontainer-runner.ts';

// The site's browser-session answers, by lab id: what the route gives a local attendee, an AWS-mode one, a broken server.
const answers: Record<string, { status: number; body: unknown }> = {
  local: { status: 200, body: { env: { AWS_REGION: 'eu-west-1' } } },
  aws: { status: 409, body: { error: 'Your sandbox is in AWS: browser Runs cannot reach it.' } },
  broken: { status: 500, body: {} },
};

describe('a browser Run asks the site for its session first', () => {
  let server: Server;
  const realFetch = globalThis.fetch;
  before(async () => {
    server = createServer((request, response) => {
      const answer = answers[/^\/api\/labs\/([^/]+)\/browser-session$/.exec(request.url ?? '')?.[1] ?? ''] ?? { status: 404, body: {} };
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
    // The page's fetch resolves /api/… against the site; here the site is the server above.
    globalThis.fetch = (input, init) => realFetch(new URL(input instanceof Request ? input.url : input, origin), init);
  });
  after(() => {
    globalThis.fetch = realFetch;
    server.close();
  });

  // Records what it was asked to run; the WebContainer itself needs StackBlitz's hosted runtime.
  const ran: Record<string, string>[] = [];
  const runner: BrowserRunner = {
    state: { status: 'ready' },
    onState: () => {},
    start: () => Promise.resolve(),
    run: (_files, _entry, env, onOutput) => {
      ran.push({ ...env });
      onOutput('hello\n');
      return Promise.resolve({ exitCode: 0, timedOut: false, durationMs: 5 });
    },
  };
  const output = { append: () => {}, status: () => {} };
  const run = (labId: string) => runInBrowser({ labId, runner, files: { 'main.ts': '' }, entry: 'main.ts', output });

  test('with a session, the code runs with its environment', async () => {
    assert.deepEqual(await run('local'), { exitCode: 0, errorText: 'hello\n' });
    assert.deepEqual(ran.at(-1), { AWS_REGION: 'eu-west-1' });
  });

  test('a refusal (409) is its own error, with the site’s words, so the page runs on the instance', async () => {
    const count = ran.length;
    await assert.rejects(run('aws'), (error: unknown) => error instanceof BrowserRunRefused && /in AWS/.test(error.message));
    assert.equal(ran.length, count, 'nothing ran in the browser');
  });

  test('any other failure is a failed Run, not a refusal', async () => {
    await assert.rejects(
      run('broken'),
      (error: unknown) => error instanceof Error && !(error instanceof BrowserRunRefused) && /500/.test(error.message),
    );
  });
});
