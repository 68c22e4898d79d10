import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { screenshotsDir } from './test-support/screenshots.ts';
import { serverAndBrowser } from './test-support/server-and-browser.ts';

/**
 * Issue 12, items 3–5 in a real browser: a Run error marked on its line, the
 * Check result in view, the lab's done state, COOP/COEP on browser-runner
 * lab pages only, and the fallback to the instance runner when WebContainer
 * cannot boot (it needs StackBlitz's hosted runtime; this machine is offline).
 */
const screenshots = screenshotsDir();
const harness = serverAndBrowser();

const COGNITO_STEP = '/labs/cognito-client-credentials/01-create-client';
const shot = (page: Page, name: string) => page.screenshot({ path: join(screenshots, `run-flow-${name}.png`) });

/** Replaces the attendee's code for a lab through the workspace API (as the editor's autosave does), then opens the step. */
async function openWith(page: Page, labId: string, step: string, edit: (files: Record<string, string>) => Record<string, string>) {
  await page.goto(`${harness.server.site.url}/labs/${labId}/${step}`);
  const { files } = (await (await page.request.get(`${harness.server.site.url}/api/labs/${labId}/solution`)).json()) as {
    files: Record<string, string>;
  };
  const saved = await page.request.put(`${harness.server.site.url}/api/labs/${labId}/workspace`, { data: { files: edit(files) } });
  assert.ok(saved.ok(), String(saved.status()));
  await page.reload();
  await page.locator('body[data-editor="monaco"]').waitFor({ timeout: 30_000 });
}

/**
 * Whether the element ends up wholly in the viewport. Polled, not read once
 * after a fixed pause: a smooth scroll is driven by frames, and on a loaded
 * machine it can take well over the half second it takes on a quiet one.
 */
async function comesIntoView(page: Page, selector: string): Promise<boolean> {
  try {
    await page.waitForFunction(
      (target) => {
        const element = document.querySelector(target);
        if (!element) return false;
        const box = element.getBoundingClientRect();
        return box.height > 0 && box.top >= 0 && box.top < window.innerHeight && box.bottom <= window.innerHeight + 1;
      },
      selector,
      { timeout: 10_000 },
    );
    return true;
  } catch {
    return false;
  }
}

test('COOP/COEP on lab steps that may Run in the browser only; not on /join, /instructor/ or an instance-only step', async () => {
  const headers = async (path: string) => (await fetch(`${harness.server.site.url}${path}`, { redirect: 'manual' })).headers;
  const browserStep = await headers(COGNITO_STEP);
  assert.equal(browserStep.get('cross-origin-opener-policy'), 'same-origin');
  assert.equal(browserStep.get('cross-origin-embedder-policy'), 'require-corp');
  assert.match(browserStep.get('content-security-policy') ?? '', /frame-src https:\/\/stackblitz\.com/);
  for (const path of ['/join', '/instructor/', '/labs/mutual-tls/01-get-a-certificate', '/']) {
    const other = await headers(path);
    assert.equal(other.get('cross-origin-opener-policy'), null, path);
    assert.equal(other.get('cross-origin-embedder-policy'), null, path);
    assert.match(other.get('content-security-policy') ?? '', /frame-src 'none'/, path);
  }
});

test('WebContainer cannot boot here: the page says why in one line, and Run falls back to the instance, with the failing line marked', async () => {
  const context = await harness.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(`${error.message} ${error.stack ?? ''}`));
  // A runtime error the type checker cannot see, on a known line: only the Run's marker can mark it.
  let errorLine = 0;
  await openWith(page, 'cognito-client-credentials', '01-create-client', (files) => {
    const lines = (files['main.ts'] ?? '').split('\n');
    const insertAt = lines.findLastIndex((line) => line.startsWith('import ')) + 1;
    lines.splice(insertAt, 0, "const settings = JSON.parse('{ not json');");
    errorLine = insertAt + 1;
    return { ...files, 'main.ts': lines.join('\n') };
  });
  const runnerLine = page.locator('#runner-line');
  await runnerLine.filter({ hasText: /No browser runner/ }).waitFor({ timeout: 60_000 });
  const reason = await runnerLine.innerText();
  assert.doesNotMatch(reason, /\n/);
  assert.match(reason, /Runs use your sandbox instance\.$/);

  await page.getByRole('button', { name: /Run/ }).click();
  await page.locator('#output .run-problem').waitFor({ timeout: 60_000 });
  const output = await page.locator('#output').innerText();
  assert.match(output, /SyntaxError/);
  assert.match(output, /exited with code 1/, 'the Run ran on the instance');
  assert.doesNotMatch(output, /node:internal|Node\.js v\d/, 'Node internals are trimmed');
  assert.match(await page.locator('#output .run-problem').innerText(), new RegExp(`main\\.ts:${String(errorLine)}`));
  // The marker is on that line: a squiggle at the height of the line holding JSON.parse.
  const lineTop = await page
    .locator('.view-line', { hasText: "JSON.parse('{ not json')" })
    .evaluate((element) => element.getBoundingClientRect().top);
  const squiggles = await page
    .locator('.squiggly-error')
    .evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().top));
  assert.ok(
    squiggles.some((top) => Math.abs(top - lineTop) < 4),
    `a squiggle at ${String(lineTop)}: ${JSON.stringify(squiggles)}`,
  );
  await shot(page, 'error-marked-light');
  assert.deepEqual(pageErrors, []);
  await context.close();
});

async function passLab(context: BrowserContext, name: string): Promise<void> {
  const page = await context.newPage();
  await openWith(page, 'welcome-api-key', '02-one-key', (files) => files);
  await page.getByRole('button', { name: /Run/ }).click();
  await page
    .locator('#output .meta')
    .last()
    .filter({ hasText: /exited with code 0/ })
    .waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await page.locator('#check-summary[data-state="pass"]').waitFor({ timeout: 30_000 });
  assert.match(await page.locator('#check-summary').innerText(), /Step done: 2 of 2 checks passed\. Lab complete\./);
  await page.locator('#lab-done').waitFor();
  assert.match(await page.locator('#lab-done').innerText(), /What you just proved/);
  await page.waitForFunction(() => document.activeElement?.id === 'lab-done');
  assert.ok(await comesIntoView(page, '#lab-done'), 'the done card is in view');
  await shot(page, name);
  await page.close();
}

test('after Check the result is in view at 1440×900, focused, summarised by the buttons; the last step shows the lab done', async () => {
  const context = await harness.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await openWith(page, 'welcome-api-key', '01-run-and-check', (files) => files);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await page.locator('#check-summary:not(:empty)').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.activeElement?.id === 'checks');
  assert.ok(await comesIntoView(page, '#checks'), 'the check card is in view');
  assert.doesNotMatch(await page.locator('#check-summary').innerText(), /0 of 0/);
  await page.close();
  await passLab(context, 'lab-done-light');
  await context.close();
});

test('screenshots: dark desktop, light and dark phone', async () => {
  for (const [name, options] of [
    ['dark', { viewport: { width: 1440, height: 900 }, colorScheme: 'dark' }],
    ['phone-light', { viewport: { width: 390, height: 844 }, colorScheme: 'light', isMobile: true, hasTouch: true }],
    ['phone-dark', { viewport: { width: 390, height: 844 }, colorScheme: 'dark', isMobile: true, hasTouch: true }],
  ] as const) {
    const context = await harness.browser.newContext(options);
    await passLab(context, `lab-done-${name}`);
    const page = await context.newPage();
    await openWith(page, 'cognito-client-credentials', '01-create-client', (files) => ({
      ...files,
      'main.ts': `${files['main.ts'] ?? ''}\nconst broken = {\n  a: 1,\n} ) )};\n`,
    }));
    await page.getByRole('button', { name: /Run/ }).click();
    await page.locator('#output .run-problem').waitFor({ timeout: 60_000 });
    await page.locator('#output').scrollIntoViewIfNeeded();
    await shot(page, `syntax-error-${name}`);
    await context.close();
  }
});
