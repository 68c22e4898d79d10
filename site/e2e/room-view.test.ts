/**
 * The instructor's room view at the size of a real room: 150 attendees seeded
 * through the real APIs (join with the code; Check and, for a few, Run with a
 * partial solution), then the instructor sorts stuck first, sees a new stuck
 * flag arrive without a reload, filters the room to one table, drills into a
 * lab and into one attendee, and
 * prints table cards that carry the room's address. Screenshots at 1440×900
 * and at tablet size go to test-results/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { partialSolution } from '@keyless/labs';
import { request, type APIRequestContext, type Browser, type Page } from 'playwright-core';
import { reachableUrls } from '../src/server/events/room-url.ts';
import { loginLinkUrl, LOCAL_INSTRUCTOR } from '../src/server/instructors/instructor-auth.ts';
import { launchBrowser } from './test-support/browser.ts';
import { freshDataDir, repoRoot, startTestServer } from './test-support/local-server.ts';

const LABS = ['sts-temporary-credentials', 'ec2-instance-profile', 'cognito-client-credentials', 'mutual-tls', 'iam-roles-anywhere'];
const COGNITO = 'cognito-client-credentials';
const ATTENDEES = 150;
const screenshots = join(repoRoot, 'test-results', 'screenshots');
mkdirSync(screenshots, { recursive: true });
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let dashboard: Page;
let eventId = '';
let code = '';
const attendees: { name: string; api: APIRequestContext }[] = [];
const pageErrors: string[] = [];

before(async () => {
  // Listening on every address, as a room does; Runs keep their own network where the machine allows it.
  server = await startTestServer(freshDataDir(), { host: '0.0.0.0', allowRunsOnSharedNetwork: true });
  browser = await launchBrowser();
  const { service } = server.runtime.events;
  const now = Date.now();
  const created = service.create(
    {
      name: 'Builders session, hall B',
      startsAt: now,
      endsAt: now + 3_600_000,
      labs: LABS,
      sandboxMode: 'local',
      capacity: 200,
      stuckAfterMinutes: 15,
    },
    server.runtime.instructors.localInstructor().id,
  );
  assert.ok(created.ok);
  eventId = created.value.id;
  code = service.codes(eventId)[0]?.code ?? '';
});
after(async () => {
  for (const attendee of attendees) await attendee.api.dispose();
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed, which its type cannot say
  await browser?.close();
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed, which its type cannot say
  await server?.close();
});

/** Runs `task` over `items`, `width` at a time (2 cores: a small pool, not 150 at once). */
async function pool<T>(items: readonly T[], width: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        await task(items[index] as T, index);
      }
    }),
  );
}

/** The table attendee `i` (0-based) sits at: tables of ten; every 25th gave none. */
function tableOf(i: number): string | undefined {
  return i % 25 === 24 ? undefined : String(1 + Math.floor(i / 10));
}

async function check(api: APIRequestContext, lab: string): Promise<void> {
  const response = await api.post(`/api/labs/${lab}/check`, { data: {} });
  assert.equal(response.status(), 200, await response.text());
}

test('150 attendees join and work at varied states, through the real APIs', async () => {
  const names = Array.from({ length: ATTENDEES }, (_, i) => `Attendee ${String(i + 1).padStart(3, '0')}`);
  await pool(names, 6, async (name, i) => {
    const api = await request.newContext({ baseURL: server.site.url });
    // Tables of ten, as a conference room seats them (every 25th gave no table).
    const table = tableOf(i);
    const joined = await api.post('/api/join', { data: { code, displayName: name, ...(table ? { table } : {}) } });
    assert.equal(joined.status(), 200, await joined.text());
    attendees.push({ name, api });
  });
  attendees.sort((a, b) => a.name.localeCompare(b.name));
  // A few real Runs with the code as of step N of the Cognito lab, then Check: steps 1..N pass.
  const cognito = server.runtime.findLab(COGNITO);
  assert.ok(cognito);
  const runners = attendees.slice(0, 8);
  await pool(runners, 2, async ({ api }, index) => {
    const step = 1 + (index % 4);
    const run = await api.post(`/api/labs/${COGNITO}/run`, { data: { files: partialSolution(cognito, step) } });
    assert.equal(run.status(), 200, await run.text());
    assert.match(await run.text(), /"type":"exit"/);
    await check(api, COGNITO);
  });
  // Everyone else but every tenth (who has not started): 1–4 Checks on one lab, without running code, so its first step fails.
  const checkers = attendees.slice(8).filter((_, i) => i % 10 !== 9);
  await pool(checkers, 6, async ({ api }, i) => {
    const lab = LABS[i % LABS.length] ?? COGNITO;
    for (let n = 0; n <= i % 4; n += 1) await check(api, lab);
  });
  const grid = server.runtime.events.service.grid(eventId);
  assert.equal(grid?.rows.length, ATTENDEES);
  assert.ok(grid.rows.filter((row) => row.stuck).length > 20, 'a good share is stuck (three failures in a row)');
  const passedCognito = grid.rows.filter((row) => row.current?.labId === COGNITO && row.current.step > 1);
  assert.ok(passedCognito.length >= 6, 'the Runs with partial solutions moved their authors past step 1');
});

test('the room view shows 150 rows, sorts stuck first, and totals where everyone is', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  dashboard = await context.newPage();
  dashboard.on('pageerror', (error) => pageErrors.push(error.message));
  dashboard.on('dialog', (dialog) => void dialog.accept());
  await dashboard.goto(loginLinkUrl(server.site.url, server.runtime.instructors.loginLinkToken(LOCAL_INSTRUCTOR)));
  await dashboard.waitForURL(`${server.site.url}/instructor/`);
  await dashboard.goto(`${server.site.url}/instructor/events/${eventId}`);
  await dashboard.locator('#live-status.on').waitFor();
  assert.equal(await dashboard.locator('#grid tbody tr').count(), ATTENDEES);
  const firstRender = await dashboard.evaluate(() => performance.getEntriesByName('keyless:room-rendered')[0]?.startTime ?? -1);
  // One full re-render of the 150 rows (sort change), layout included.
  const rerender = await dashboard.evaluate(() => {
    const select = document.getElementById('room-sort') as HTMLSelectElement;
    const started = performance.now();
    select.value = 'name';
    select.dispatchEvent(new Event('input', { bubbles: true }));
    const height = document.body.offsetHeight; // forces layout, so the figure includes it
    return height > 0 ? performance.now() - started : -1;
  });
  console.log(
    `[timing] room view, ${ATTENDEES} rows: first render done ${Math.round(firstRender)} ms after navigation start; a full re-render ${Math.round(rerender)} ms`,
  );
  assert.equal(await dashboard.locator('#grid tbody tr th.who').first().innerText(), 'Attendee 001');

  await dashboard.locator('#room-sort').selectOption('stuck');
  const stuckFlags = await dashboard.locator('#grid tbody tr').evaluateAll((rows) => rows.map((row) => row.classList.contains('stuck')));
  const firstCalm = stuckFlags.indexOf(false);
  assert.ok(firstCalm > 0, 'stuck attendees come first');
  assert.ok(
    stuckFlags.slice(firstCalm).every((flag) => !flag),
    'and only them before the others',
  );
  // Headers in words, no check ids broken over lines; steps nobody reached are not shown as failing.
  assert.deepEqual(await dashboard.locator('#grid thead th').allInnerTexts(), [
    'Attendee',
    'Table',
    'Working on',
    'Time on this step',
    'Failing check (times in a row)',
    ...LABS.map((id) => server.runtime.findLab(id)?.definition.title ?? id),
    'Last activity',
  ]);
  const steps = await dashboard
    .locator('#grid tbody td.lab-cell')
    .evaluateAll((cells) => cells.map((cell) => ((cell as HTMLElement).dataset.steps ?? '').split(' ')));
  // A step after the first one not yet done is never "failing" (a Check judges them all; nobody reached them).
  const failingLater = steps.filter((states) => {
    const current = states.findIndex((state) => state !== 'passed' && state !== 'unlocked');
    return current >= 0 && states.slice(current + 1).includes('failing');
  }).length;
  assert.ok(steps.flat().includes('failing') && steps.flat().includes('not-reached') && steps.flat().includes('passed'));
  assert.equal(failingLater, 0, 'only the step someone is on can be failing');
  // Totals: everyone who started is on exactly one lab.
  const totals = server.runtime.events.service.grid(eventId);
  const started = totals?.rows.filter((row) => row.current?.started !== false).length ?? 0;
  const here = await dashboard.locator('.totals-labs .here').allInnerTexts();
  assert.equal(
    here.reduce((sum, text) => sum + Number(/^(\d+)/.exec(text)?.[1] ?? 0), 0),
    started,
  );
  await dashboard.waitForTimeout(300);
  await dashboard.screenshot({ path: join(screenshots, 'room-150-1440x900.png') });
  await dashboard.locator('#grid-title').evaluate((title) => window.scrollTo(0, title.getBoundingClientRect().top + window.scrollY - 8));
  await dashboard.screenshot({ path: join(screenshots, 'room-150-1440x900-table.png') });
  await dashboard.screenshot({ path: join(screenshots, 'room-150-1440-full.png'), fullPage: true });
});

test('a new stuck flag appears without a reload', async () => {
  await dashboard.evaluate(() => Object.assign(window, { __sameDocument: true }));
  const rows = server.runtime.events.service.grid(eventId)?.rows ?? [];
  const almost = rows.find((row) => !row.stuck && row.lastFailing?.failures === 2);
  assert.ok(almost, 'someone with two failures in a row');
  const attendee = attendees.find((candidate) => candidate.name === almost.displayName);
  assert.ok(attendee && almost.current);
  const row = dashboard.locator('#grid tbody tr', { has: dashboard.getByRole('button', { name: almost.displayName, exact: true }) });
  assert.equal(await row.locator('.stuck-mark').count(), 0);
  await check(attendee.api, almost.current.labId);
  await dashboard
    .locator('#grid tbody tr.stuck', { has: dashboard.getByRole('button', { name: almost.displayName, exact: true }) })
    .locator('.stuck-mark')
    .waitFor({ timeout: 10_000 });
  assert.equal(await dashboard.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument), true, 'no reload');
});

test('by table: the filter shows one table, its totals count who is stuck there, and sorting walks the room table by table', async () => {
  const grid = server.runtime.events.service.grid(eventId);
  assert.ok(grid);
  const atThree = grid.rows.filter((row) => row.table === '3');
  assert.equal(atThree.length, 9, 'ten seats, one of whom (the 25th attendee) gave no table');
  await dashboard.locator('#room-table').selectOption('3');
  await dashboard.locator('#grid tbody tr').first().waitFor();
  assert.equal(new URL(dashboard.url()).searchParams.get('table'), '3', 'the address keeps the filter over a reload');
  const shown = await dashboard.locator('#grid tbody td.table').allInnerTexts();
  assert.equal(shown.length, atThree.length);
  assert.ok(
    shown.every((table) => table === '3'),
    shown.join(),
  );
  const pill = dashboard.locator('.totals-tables .table-filter[data-table="3"]');
  assert.equal(await pill.getAttribute('aria-pressed'), 'true');
  const stuckHere = atThree.filter((row) => row.stuck).length;
  assert.deepEqual(await pill.locator('.stuck-count').allInnerTexts(), stuckHere > 0 ? [`${stuckHere} stuck`] : []);
  assert.equal(await dashboard.locator('#grid-summary').innerText(), `${atThree.length} of ${ATTENDEES} shown`);
  await dashboard.locator('.room-totals').scrollIntoViewIfNeeded();
  await dashboard.screenshot({ path: join(screenshots, 'room-by-table-1440x900.png') });
  // The pill toggles the filter off again; "No table" shows those who gave none.
  await pill.click();
  await dashboard
    .locator('#grid tbody tr')
    .nth(ATTENDEES - 1)
    .waitFor();
  await dashboard.locator('#room-table').selectOption('-');
  assert.equal(await dashboard.locator('#grid tbody tr').count(), grid.rows.filter((row) => row.table === null).length);
  await dashboard.locator('#room-table').selectOption('');
  await dashboard.locator('#room-sort').selectOption('table');
  const order = await dashboard.locator('#grid tbody td.table').allInnerTexts();
  const firstOf = (table: string): number => order.indexOf(table);
  assert.ok(firstOf('2') < firstOf('10') && firstOf('10') < firstOf('—'), '2 before 10, no table last');
  await dashboard.locator('#room-sort').selectOption('stuck');
});

test('drill-down: a lab check by check, then one attendee with the current lab first', async () => {
  await dashboard.locator('#room-lab').selectOption(COGNITO);
  await dashboard.locator('#grid thead .check-head').first().waitFor();
  const checkHeads = await dashboard.locator('#grid thead .check-head').count();
  assert.equal(checkHeads, server.runtime.findLab(COGNITO)?.definition.checks.length);
  await dashboard.screenshot({ path: join(screenshots, 'room-lab-drilldown-1440x900.png') });
  const furthest = server.runtime.events.service
    .grid(eventId)
    ?.rows.filter((row) => row.current?.labId === COGNITO)
    .sort((a, b) => (b.current?.step ?? 0) - (a.current?.step ?? 0))[0];
  assert.ok(furthest);
  await dashboard.getByRole('button', { name: furthest.displayName, exact: true }).click();
  const current = dashboard.locator('#attendee-dialog[open] .detail-lab.current');
  await current.waitFor();
  assert.equal(await current.getAttribute('data-lab'), COGNITO);
  assert.equal(await current.locator('[data-wire-slot]').count(), 1);
  await current.locator('pre.detail-pre:not(.code)', { hasText: '— exit' }).waitFor();
  assert.ok(
    (await dashboard.locator('#attendee-dialog details.detail-lab-more').count()) === LABS.length - 1,
    'the other labs are collapsed',
  );
  await dashboard.screenshot({ path: join(screenshots, 'room-attendee-1440x900.png') });
  await dashboard.getByRole('button', { name: 'Close', exact: true }).click();
  await dashboard.locator('#room-lab').selectOption({ index: 0 });
  await dashboard.locator('#grid thead .lab-head').first().waitFor();
  await dashboard.locator('#grid-title').scrollIntoViewIfNeeded();

  await dashboard.setViewportSize({ width: 1024, height: 768 });
  await dashboard.waitForTimeout(300);
  await dashboard.screenshot({ path: join(screenshots, 'room-150-tablet-1024x768.png') });
  const overflow = await dashboard.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page itself does not scroll sideways on a tablet (${overflow} px)`);
});

test('table cards carry the address attendees can reach, with a QR code, when the host is not loopback', async () => {
  const cards = await dashboard.context().newPage();
  await cards.goto(`${server.site.url}/instructor/events/${eventId}/cards?tables=2`);
  const expected = reachableUrls({
    host: '0.0.0.0',
    port: new URL(server.site.url).port ? Number(new URL(server.site.url).port) : 80,
    protocol: 'http',
    interfaces: networkInterfaces(),
  });
  const printed = await cards.locator('[data-join-url]').allInnerTexts();
  assert.equal(printed.length, 2);
  if (expected[0]) {
    assert.deepEqual(server.runtime.room.urls, expected);
    assert.deepEqual(printed, [`${expected[0]}/join`, `${expected[0]}/join`], 'not localhost');
    assert.doesNotMatch(printed[0] ?? '', /localhost|127\.0\.0\.1/);
  } else {
    // A machine with no network address: the cards say so rather than print an address nobody else can open.
    await cards.getByText('which only this machine can open').waitFor();
  }
  assert.equal(await cards.locator('.card .qr svg').count(), 2);
  // Each table card's QR carries its table (a place, never the code) so scanning fills in the join form.
  const scans = await cards.locator('.card .qr').evaluateAll((qrs) => qrs.map((qr) => (qr as HTMLElement).dataset.qrUrl ?? ''));
  assert.deepEqual(
    scans.map((url) => new URL(url).search),
    ['?table=1', '?table=2'],
  );
  assert.ok(scans.every((url) => !url.includes(code)));
  await cards.screenshot({ path: join(screenshots, 'table-cards-room.png'), fullPage: true });
  await cards.close();
  assert.deepEqual(pageErrors, []);
});

test('on a 390-px phone the join page fits, and the resume secret has a Copy button', async () => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // A table card's QR opens the join page with its table filled in.
  await page.goto(`${server.site.url}/join?table=7`);
  assert.equal(await page.getByLabel('Table').inputValue(), '7');
  await page.getByLabel('Access code').fill(code);
  await page.getByLabel('Your name').fill('Phone person with a rather long name');
  await page.getByRole('button', { name: 'Join' }).click();
  await page.locator('#resume-secret-value').waitFor();
  const copy = page.getByRole('button', { name: 'Copy', exact: true });
  await copy.click();
  // Plain HTTP on a LAN address is not a secure context: the fallback selects the secret for the attendee.
  await page
    .locator('#copy-secret-status')
    .filter({ hasText: /copied|select the secret/i })
    .waitFor();
  // The join page's own content fits the phone (the site header is the layout's, checked where it is built).
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('.join, .join *')].filter((element) => element.getBoundingClientRect().right > width + 1);
    return wide.slice(0, 5).map((element) => `${element.tagName}#${element.id}`);
  });
  assert.deepEqual(overflow, [], 'nothing of the join page sticks out sideways');
  const secretBox = await page.locator('#resume-secret-value').boundingBox();
  assert.ok(secretBox && secretBox.x >= 0 && secretBox.x + secretBox.width <= 390, 'the secret stays inside the screen');
  await page.screenshot({ path: join(screenshots, 'join-resume-secret-390.png'), fullPage: true });
  const joined = server.runtime.events.service
    .grid(eventId)
    ?.rows.find((row) => row.displayName === 'Phone person with a rather long name');
  assert.equal(joined?.table, '7', 'the scanned table is theirs');
  await page.goto(`${server.site.url}/`);
  assert.doesNotMatch(await page.locator('.intro').innerText(), /on the right/);
  await phone.close();
  assert.deepEqual(pageErrors, []);
});
