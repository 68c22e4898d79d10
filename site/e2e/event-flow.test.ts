/**
 * The workshop, end to end in Chromium with two browsers: the instructor
 * signs in with the one-time link, creates an event and reads its code; an
 * attendee joins with it and passes a check; the instructor's grid cell
 * turns green without a reload. Then the server restarts with progress intact.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { generateAccessCode } from '../src/server/events/access-code.ts';
import { loginLinkUrl, LOCAL_INSTRUCTOR } from '../src/server/instructors/instructor-auth.ts';
import { launchBrowser } from './test-support/browser.ts';
import { freshDataDir, repoRoot, startTestServer } from './test-support/local-server.ts';

const LAB = 'cognito-client-credentials';
const NAME = 'Ada <img src=x onerror=__pwned=1>';
const screenshots = join(repoRoot, 'test-results', 'screenshots');
mkdirSync(screenshots, { recursive: true });
const dataDir = freshDataDir();
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let instructorContext: BrowserContext;
let attendeeContext: BrowserContext;
let dashboard: Page;
let attendee: Page;
let eventUrl = '';
const pageErrors: string[] = [];

before(async () => {
  server = await startTestServer(dataDir);
  browser = await launchBrowser();
  instructorContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  attendeeContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
});
after(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed, which its type cannot say
  await browser?.close();
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed, which its type cannot say
  await server?.close();
});

function watch(page: Page): Page {
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('dialog', (dialog) => void dialog.accept()); // confirm() prompts for instructor actions
  return page;
}

test('the instructor signs in with the one-time link and creates an event', async () => {
  dashboard = watch(await instructorContext.newPage());
  await dashboard.goto(loginLinkUrl(server.site.url, server.runtime.instructors.loginLinkToken(LOCAL_INSTRUCTOR)));
  await dashboard.waitForURL(`${server.site.url}/instructor/`);
  assert.doesNotMatch(dashboard.url(), /token/, 'the token left the address bar');
  await dashboard.getByLabel('Name').fill("SEC301 builders' session");
  for (const box of await dashboard.locator('input[name="labs"]').all()) {
    if ((await box.getAttribute('value')) !== LAB) await box.uncheck();
  }
  await dashboard.getByLabel('Capacity').fill('120');
  await dashboard.getByRole('button', { name: 'Create event' }).click();
  await dashboard.waitForURL(/\/instructor\/events\/evt_\w+$/);
  eventUrl = dashboard.url();
  await dashboard.locator('#live-status.on').waitFor();
  assert.match(await dashboard.locator('#event-code').innerText(), /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/);
  assert.equal(await dashboard.locator('#grid-empty').isVisible(), true);
});

test('an attendee joins with the code, passes a check, and the grid turns green without a reload', async () => {
  const code = await dashboard.locator('#event-code').innerText();
  // Mark the dashboard's window: a reload would lose the mark.
  await dashboard.evaluate(() => Object.assign(window, { __sameDocument: true }));

  attendee = watch(await attendeeContext.newPage());
  await attendee.goto(`${server.site.url}/join`);
  await attendee.screenshot({ path: join(screenshots, 'join.png') });
  await attendee.getByLabel('Access code').fill(code.toLowerCase().replaceAll('-', ' '));
  await attendee.getByLabel('Your name').fill(NAME);
  const entered = performance.now();
  await attendee.getByRole('button', { name: 'Join' }).click();
  await attendee.locator('#joined').waitFor();
  assert.match(await attendee.locator('#resume-secret-value').innerText(), /^([0-9A-Z]{4}-){4}[0-9A-Z]{4}$/);
  await attendee.screenshot({ path: join(screenshots, 'join-resume-secret.png') });
  await attendee.getByRole('link', { name: /Start the labs/ }).click();
  await attendee.getByRole('link', { name: 'Cognito client credentials' }).click();
  await attendee.waitForURL(/\/labs\/cognito-client-credentials\/01-create-client$/);
  console.log(`[timing] code entry → lab page (join, resume secret, lab list, lab): ${Math.round(performance.now() - entered)} ms`);
  assert.match(await attendee.locator('.event-bar').innerText(), /SEC301 builders' session/);
  assert.match(await attendee.locator('.event-bar').innerText(), /Ada <img src=x/, 'the name is shown as typed, as text');

  await attendee.locator('body[data-editor="monaco"]').waitFor({ timeout: 30_000 });
  await attendee.getByRole('button', { name: 'Show solution' }).click();
  await attendee.locator('.monaco-diff-editor').waitFor();
  await attendee.getByRole('button', { name: 'Replace my code with the solution' }).click();
  await attendee.getByRole('button', { name: /Run/ }).click();
  await attendee.locator('#output .meta').waitFor();
  assert.match(await attendee.locator('#output').innerText(), /exited with code 0/);
  await attendee.getByRole('button', { name: 'Check', exact: true }).click();
  await attendee.locator('#check-list .check[data-status="pass"]').first().waitFor();

  // The lab's step dots: the four core steps passed.
  await dashboard
    .locator(`#grid tbody tr td.lab-cell[data-lab="${LAB}"][data-steps^="passed passed passed passed"]`)
    .waitFor({ timeout: 10_000 });
  assert.equal(await dashboard.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument), true, 'no reload');
  assert.equal(await dashboard.locator('#grid tbody .attendee-link').innerText(), NAME, 'the name is text in the grid');
  assert.equal(await dashboard.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined, 'no markup ran');
  assert.equal(await attendee.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
});

test('the dashboard flags a stuck attendee, shows details, and prints table cards', async () => {
  // A second attendee who keeps failing the first step's check (through the API, like a real browser would).
  const grace = await browser.newContext();
  const code = await dashboard.locator('#event-code').innerText();
  assert.equal((await grace.request.post(`${server.site.url}/api/join`, { data: { code, displayName: 'Grace Hopper' } })).status(), 200);
  for (let i = 0; i < 3; i += 1) await grace.request.post(`${server.site.url}/api/labs/${LAB}/check`, { data: {} });
  await dashboard.locator('#grid tbody tr.stuck .stuck-why', { hasText: 'client-created failed 3 times in a row' }).waitFor();
  await dashboard.waitForTimeout(1300); // let the row-update highlight fade
  await dashboard.screenshot({ path: join(screenshots, 'dashboard.png'), fullPage: true });

  await dashboard.locator('#grid tbody .attendee-link', { hasText: 'Ada' }).click();
  await dashboard.locator('#attendee-dialog[open] .detail-pre', { hasText: 'POST /orders → 201' }).waitFor();
  await dashboard.screenshot({ path: join(screenshots, 'dashboard-attendee.png') });
  await dashboard.getByRole('button', { name: 'Close', exact: true }).click();

  // Unlock step 1 for Grace: shown as unlocked, not passed.
  await dashboard.locator('#grid tbody .attendee-link', { hasText: 'Grace' }).click();
  await dashboard.locator('#attendee-dialog[open] .detail-actions').waitFor();
  await dashboard.locator('#attendee-dialog select[aria-label="Unlock up to step"]').selectOption('1');
  await dashboard.locator('#attendee-dialog').getByRole('button', { name: 'Unlock', exact: true }).click();
  await dashboard
    .locator('#grid tbody tr', { hasText: 'Grace' })
    .locator(`td.lab-cell[data-lab="${LAB}"][data-steps^="unlocked"]`)
    .waitFor();
  await dashboard.getByRole('button', { name: 'Close', exact: true }).click();
  // Grace's lab page says so, and offers the code as of step 1.
  const gracePage = watch(await grace.newPage());
  await gracePage.goto(`${server.site.url}/labs/${LAB}/`);
  await gracePage.waitForURL(/\/02-get-token$/);
  await gracePage.locator('body[data-editor="monaco"]').waitFor({ timeout: 30_000 });
  await gracePage.getByRole('button', { name: 'Load the code as of step 1' }).click();
  await gracePage.locator('#output', { hasText: 'Loaded the code as of step 1' }).waitFor();
  await gracePage.screenshot({ path: join(screenshots, 'lab-unlocked.png') });
  await grace.close();

  const cards = await instructorContext.newPage();
  await cards.goto(`${eventUrl}/cards?tables=4`);
  assert.equal(await cards.locator('.card').count(), 4);
  await cards.screenshot({ path: join(screenshots, 'table-cards.png'), fullPage: true });
  await cards.emulateMedia({ media: 'print' });
  await cards.screenshot({ path: join(screenshots, 'table-cards-print.png'), fullPage: true });
  await cards.close();
});

test('in AWS mode, an attendee waits on a clear screen until a pooled sandbox is theirs', async () => {
  // This server offers local sandboxes only, so the event is written to the store directly, as an AWS deployment would have it.
  const { context } = server.runtime.events;
  const now = Date.now();
  const event = context.events.create(
    { name: 'AWS session', startsAt: now, endsAt: now + 3_600_000, labs: [LAB], sandboxMode: 'aws', capacity: 10, stuckAfterMinutes: 10 },
    now,
  );
  const code = context.codes.add(generateAccessCode(), event.id, 'event', null, now).code;
  const waiting = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = watch(await waiting.newPage());
  await page.goto(`${server.site.url}/join`);
  await page.getByLabel('Access code').fill(code);
  await page.getByLabel('Your name').fill('Linus');
  await page.getByRole('button', { name: 'Join' }).click();
  await page.getByRole('link', { name: /Start the labs/ }).click();
  await page.waitForURL(/\/join\/wait$/);
  await page.getByText('Still waiting: no sandbox is free yet').waitFor();
  await page.screenshot({ path: join(screenshots, 'join-wait.png') });
  await page.goto(`${server.site.url}/labs/${LAB}/`);
  assert.match(page.url(), /\/join\/wait$/, 'no lab before the sandbox');
  context.pool.add(event.id, 'sandbox-from-the-provisioner', Date.now()); // what infra/aws does
  await page.waitForURL(`${server.site.url}/`, { timeout: 10_000 });
  assert.match(await page.locator('h2').first().innerText(), /AWS session/);
  await waiting.close();
});

test("after a server restart the attendee's progress and the grid are intact", async () => {
  await server.close();
  server = await startTestServer(dataDir);
  await attendee.goto(`${server.site.url}/labs/${LAB}/03-call-the-api`);
  const statuses = await attendee
    .locator('#check-list .check')
    .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.status));
  assert.deepEqual(statuses, ['pass', 'pass']);
  await attendee.locator('body[data-editor="monaco"]').waitFor({ timeout: 30_000 });
  await attendee.screenshot({ path: join(screenshots, 'lab-in-event.png') });
  await dashboard.goto(eventUrl.replace(/^http:\/\/[^/]+/, server.site.url));
  await dashboard.locator('#live-status.on').waitFor();
  // Drilled into the lab, every check of Ada's is a pass.
  await dashboard.locator('#room-lab').selectOption(LAB);
  assert.equal(
    await dashboard.locator('#grid tbody tr', { hasText: 'Ada' }).locator('td[data-status="pass"]').count(),
    server.runtime.findLab(LAB)?.definition.checks.length,
  );
  assert.deepEqual(pageErrors, []);
});
