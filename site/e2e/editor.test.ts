/**
 * The lab editor in Chromium: the TypeScript language service over the lab
 * template's packages (completions, signature help, a type error's marker),
 * the standard contributions (find), keyboard escape (Ctrl+M, then Tab),
 * auto-closing that keeps typed code intact, and the light and dark themes of
 * page and editor. Screenshots with a completion list open, light and dark,
 * desktop and phone, go to test-results/screenshots/editor-*.png.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { screenshotsDir } from './test-support/screenshots.ts';
import { serverAndBrowser } from './test-support/server-and-browser.ts';

const screenshots = screenshotsDir(process.env.KEYLESS_SHOTS);
const LAB_STEP = '/labs/cognito-client-credentials/01-create-client';
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const PROGRAM = [
  "import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';",
  'const client = new CognitoIdentityProviderClient({});',
  'const count: number = 1;',
  '',
].join('\n');

const harness = serverAndBrowser();

/** Opens the lab step and waits for Monaco and the packages' declarations. */
async function openLab(options: BrowserContextOptions): Promise<{ page: Page; pageErrors: string[]; close: () => Promise<void> }> {
  const context = await harness.browser.newContext(options);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${harness.server.site.url}${LAB_STEP}`);
  await page.locator('body[data-editor="monaco"]').waitFor({ timeout: 60_000 });
  await page.locator('#editor-host[data-language-service="ready"]').waitFor({ timeout: 60_000 });
  return { page, pageErrors, close: () => context.close() };
}

/** Puts the keyboard focus in the editor (its input element, whichever Monaco uses in this browser). */
async function focusEditor(page: Page): Promise<void> {
  await page.locator('.monaco-editor [role="textbox"]').first().focus();
}

/** Replaces the editor's text with `text`, inserted as one input (as a paste would be). */
async function replaceCode(page: Page, text: string): Promise<void> {
  await focusEditor(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** The editor's visible text, line by line (Monaco renders spaces as no-break spaces). */
async function visibleLines(page: Page): Promise<string[]> {
  return page.locator('.monaco-editor .view-lines .view-line').evaluateAll((lines) =>
    lines
      .map((line) => ({ top: parseFloat((line as HTMLElement).style.top), text: line.textContent.replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top)
      .map((line) => line.text),
  );
}

/** The line numbers that carry an error squiggle. */
async function errorLines(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const numbers = new Map<number, number>();
    for (const element of document.querySelectorAll<HTMLElement>('.monaco-editor .margin-view-overlays > div')) {
      const number = Number(element.querySelector('.line-numbers')?.textContent);
      if (number) numbers.set(parseFloat(element.style.top), number);
    }
    const lines = [...document.querySelectorAll<HTMLElement>('.monaco-editor .view-overlays .squiggly-error')].map(
      (squiggle) => numbers.get(parseFloat(squiggle.parentElement?.style.top ?? 'NaN')) ?? 0,
    );
    return [...new Set(lines)].sort((a, b) => a - b);
  });
}

/** Types `client.se` at the end and waits for the completion list to offer `send`; returns ms since navigation. */
async function openCompletions(page: Page): Promise<number> {
  await replaceCode(page, PROGRAM);
  await page.keyboard.press('Control+End');
  await page.keyboard.type('client.se');
  await page.locator('.suggest-widget.visible .monaco-list-row', { hasText: /^send/ }).first().waitFor({ timeout: 60_000 });
  return page.evaluate(() => Math.round(performance.now()));
}

test('completions after client. include send, signature help after new CognitoIdentityProviderClient(, a type error is marked on its line', async (t) => {
  const { page, pageErrors, close } = await openLab({ viewport: DESKTOP });
  const shownAt = await openCompletions(page);
  t.diagnostic(`page load → completion list with send shown: ${String(shownAt)} ms (typing began once the editor said ready)`);
  await page.screenshot({ path: join(screenshots, 'editor-completions-light-desktop.png') });
  await page.keyboard.press('Escape');

  await page.keyboard.press('Control+End');
  await page.keyboard.type('nd;\nnew CognitoIdentityProviderClient(');
  const hints = page.locator('.parameter-hints-widget.visible');
  await hints.waitFor({ timeout: 30_000 });
  assert.match(await hints.innerText(), /CognitoIdentityProviderClientConfig/);
  await page.keyboard.press('Escape');

  // A type error on line 3 (a string where a number is declared), and nowhere else.
  await replaceCode(page, PROGRAM.replace('const count: number = 1;', "const count: number = 'one';"));
  // The previous text's squiggles go once the worker has checked the new text: wait for that, then assert.
  let lines = await errorLines(page);
  for (let tries = 0; tries < 120 && lines.join() !== '3'; tries++) {
    await page.waitForTimeout(250);
    lines = await errorLines(page);
  }
  assert.deepEqual(lines, [3]);
  await page.keyboard.press('F8');
  assert.match(await page.locator('.marker-widget').innerText(), /Type 'string' is not assignable to type 'number'/);
  await page.keyboard.press('Escape');
  assert.deepEqual(pageErrors, []);
  await close();
});

test('Ctrl+F opens find, Esc then Tab and Ctrl+M then Tab leave the editor, a plain Tab indents, and typed brackets stay as typed', async () => {
  const { page, pageErrors, close } = await openLab({ viewport: DESKTOP });
  const insideEditor = (): Promise<boolean> => page.evaluate(() => document.activeElement?.closest('.monaco-editor') != null);

  await focusEditor(page);
  await page.keyboard.press('Control+F');
  await page.locator('.find-widget.visible').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('.find-widget.visible').waitFor({ state: 'detached' });

  // Typed character by character, as an attendee copies code from the step: nothing doubled, nothing lost.
  await replaceCode(page, '');
  await page.keyboard.type('f({ a: [1, 2] }, \'x\');\nif (f(1)) {\ng("y");\n}\n');
  await page.keyboard.press('Escape');
  const lines = (await visibleLines(page)).map((line) => line.trim());
  assert.deepEqual(lines.slice(0, 4), ["f({ a: [1, 2] }, 'x');", 'if (f(1)) {', 'g("y");', '}']);
  assert.ok(lines.slice(4).every((line) => line === ''));

  // A plain Tab indents, and so does one after an Esc that another key followed (any key but Tab disarms Esc then Tab).
  await replaceCode(page, 'x');
  await page.keyboard.press('Home');
  await page.keyboard.press('Tab');
  assert.equal(await insideEditor(), true);
  assert.equal((await visibleLines(page))[0], '  x');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Home');
  await page.keyboard.press('Tab');
  assert.equal(await insideEditor(), true);
  assert.equal((await visibleLines(page))[0], '    x');

  // An Esc that closes the suggestions does only that: the next Tab stays in the editor.
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('con');
  await page.locator('.suggest-widget.visible').waitFor({ timeout: 30_000 });
  await page.keyboard.press('Escape');
  await page.locator('.suggest-widget.visible').waitFor({ state: 'detached' });
  await page.keyboard.press('Tab');
  assert.equal(await insideEditor(), true);

  // Esc with nothing open, then Tab: focus moves to the page's next control after the editor; Esc, Shift+Tab to the one before.
  const focusedId = (): Promise<string | undefined> => page.evaluate(() => document.activeElement?.id);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  assert.equal(await insideEditor(), false);
  assert.equal(await focusedId(), 'output-tab');
  await focusEditor(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await insideEditor(), false);
  assert.equal(await focusedId(), 'run-button');
  // Back in the editor, a Tab indents again: leaving disarmed it.
  await focusEditor(page);
  await page.keyboard.press('Tab');
  assert.equal(await insideEditor(), true);

  // Ctrl+M makes every Tab move focus on.
  await page.keyboard.press('Control+M');
  await page.keyboard.press('Tab');
  assert.equal(await insideEditor(), false);
  const hint = await page.locator('#editor-keys').innerText();
  assert.match(hint, /Esc then Tab/);
  assert.match(hint, /Ctrl\+M/);
  assert.deepEqual(pageErrors, []);
  await close();
});

test('dark theme when the browser prefers dark, the toggle switches page and editor, and the choice is remembered', async () => {
  const { page, pageErrors, close } = await openLab({ viewport: DESKTOP, colorScheme: 'dark' });
  const theme = (): Promise<{ page: string | undefined; editorDark: boolean; background: string }> =>
    page.evaluate(() => ({
      page: document.documentElement.dataset.theme,
      editorDark: document.querySelector('.monaco-editor')?.classList.contains('vs-dark') ?? false,
      background: getComputedStyle(document.documentElement).backgroundColor,
    }));
  assert.deepEqual(await theme(), { page: 'dark', editorDark: true, background: 'rgb(13, 17, 23)' });
  await openCompletions(page);
  await page.screenshot({ path: join(screenshots, 'editor-completions-dark-desktop.png') });
  await page.keyboard.press('Escape');

  const toggle = page.getByRole('button', { name: 'Dark theme' });
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  await toggle.click();
  assert.deepEqual(await theme(), { page: 'light', editorDark: false, background: 'rgb(246, 247, 249)' });
  await page.reload();
  await page.locator('body[data-editor="monaco"]').waitFor({ timeout: 60_000 });
  assert.deepEqual(await theme(), { page: 'light', editorDark: false, background: 'rgb(246, 247, 249)' });
  await page.getByRole('button', { name: 'Dark theme' }).click();
  assert.equal((await theme()).page, 'dark');
  assert.deepEqual(pageErrors, []);
  await close();
});

test('phone: the lab page with a completion list open, light and dark', async () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const { page, close } = await openLab({ viewport: PHONE, colorScheme, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await page.locator('.monaco-editor').first().scrollIntoViewIfNeeded();
    await openCompletions(page);
    await page.screenshot({ path: join(screenshots, `editor-completions-${colorScheme}-phone.png`) });
    await close();
  }
});
