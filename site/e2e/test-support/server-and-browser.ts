import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { freshDataDir, startTestServer } from './local-server.ts';

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/** The running product and the browser that drives it, for one test file. */
export interface ServerAndBrowser {
  readonly server: TestServer;
  readonly browser: Browser;
}

/**
 * For a test file that drives the real product in Chromium, called once at its top level: starts the server on a
 * fresh data dir (so the file sees only its own attendees) and launches the browser before the file's tests, and
 * closes both after them. Read the fields inside tests and hooks; before the start they throw.
 */
export function serverAndBrowser(): ServerAndBrowser {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = await startTestServer(freshDataDir());
    browser = await launchBrowser();
  });
  after(async () => {
    // Either may be unset when before() failed; what did start is still closed.
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      return started(server, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
  };
}

function started<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`The test ${name} is not started: read it inside a test or hook, after before() ran.`);
  return value;
}
