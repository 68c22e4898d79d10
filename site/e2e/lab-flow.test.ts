import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './test-support/browser.ts';
import { freshDataDir, repoRoot, startTestServer } from './test-support/local-server.ts';

const screenshots = join(repoRoot, 'test-results', 'screenshots');
mkdirSync(screenshots, { recursive: true });
const dataDir = freshDataDir();
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;

before(async () => {
  server = await startTestServer(dataDir);
  browser = await launchBrowser();
});

after(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed, which its type cannot say
  await browser?.close();
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed, which its type cannot say
  await server?.close();
});

async function checkStatuses(page: Page): Promise<string[]> {
  return page.locator('#check-list .check').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.status ?? ''));
}

test('an attendee opens the lab, runs the solution, checks green, and keeps progress across reload and restart', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await page.goto(server.site.url);
  await page.screenshot({ path: join(screenshots, 'home.png'), fullPage: true });
  await page.getByRole('link', { name: 'Cognito client credentials' }).click();
  await page.waitForURL(/\/labs\/cognito-client-credentials\/01-create-client$/);
  await page.locator('body[data-editor="monaco"]').waitFor({ timeout: 30_000 });
  // Step 1 has two checks: the client, and its credentials stored by the client manager.
  assert.deepEqual(await checkStatuses(page), ['pending', 'pending']);

  // The starter runs but fails at the first TODO, and Check says why.
  await page.getByRole('button', { name: /Run/ }).click();
  await page.locator('#output .meta').waitFor();
  assert.match(await page.locator('#output').innerText(), /Step 1 is not done yet/);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await page.locator('#check-list .check[data-status="fail"]').first().waitFor();
  assert.match(await page.locator('#check-list .hint').first().innerText(), /GenerateSecret/);
  await page.screenshot({ path: join(screenshots, 'lab-starter-failing.png') });

  // Show solution is a diff; then take the solution into the editor.
  await page.getByRole('button', { name: 'Show solution' }).click();
  await page.locator('.monaco-diff-editor').waitFor();
  await page.screenshot({ path: join(screenshots, 'lab-solution-diff.png') });
  await page.getByRole('button', { name: 'Replace my code with the solution' }).click();

  // Run with the keyboard shortcut; output streams into the panel.
  await page.locator('.monaco-editor textarea').first().focus();
  await page.keyboard.press('Control+Enter');
  await page.locator('#output .meta').waitFor();
  const output = await page.locator('#output').innerText();
  assert.match(output, /exited with code 0/, output);
  assert.match(output, /POST \/orders → 201/);

  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await page.locator('#check-list .check[data-status="pass"]').first().waitFor();
  assert.deepEqual(await checkStatuses(page), ['pass', 'pass']);
  assert.equal(await page.locator('[data-step-checks].done').count(), 5, 'every step with checks is marked done');
  await page.screenshot({ path: join(screenshots, 'lab-all-green.png') });

  // Reload: progress and code come from the server.
  await page.reload();
  assert.deepEqual(await checkStatuses(page), ['pass', 'pass']);
  assert.match(await page.locator('#code-fallback').inputValue(), /CreateUserPoolClientCommand/);

  // Restart the whole server on the same data directory: still there.
  // (Cookies are scoped by host, not port, so the new port gets the same session.)
  await server.close();
  server = await startTestServer(dataDir);
  await page.goto(`${server.site.url}/labs/cognito-client-credentials/03-call-the-api`);
  assert.deepEqual(await checkStatuses(page), ['pass', 'pass']);
  await page.screenshot({ path: join(screenshots, 'lab-after-restart.png') });
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test("a second attendee sees none of the first attendee's progress", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.site.url}/labs/cognito-client-credentials/03-call-the-api`);
  assert.deepEqual(await checkStatuses(page), ['pending', 'pending']);
  await context.close();
});
