/**
 * The lab editor's time to its first TypeScript completion list, from cold
 * page loads in headless Chromium: each load gets a fresh browser context
 * (empty HTTP cache), types the lab's client code as an attendee would as
 * soon as Monaco shows, and asks for completions after `client.` until the
 * list offers `send`. Read with the floor measured in the same run (a blank
 * page in a fresh context) and the machine's load: on a shared 2-core box
 * the absolute figures swing with everything else running.
 */
import type { Browser } from 'playwright-core';
import { readPageFigures, recordEditorTimeline, type PageFigures } from './editor-timeline.ts';

export const EDITOR_LAB_PATH = '/labs/cognito-client-credentials/01-create-client';

/** The lab's own client, then `client.`: its completions come from the bundled declarations only. */
const PROGRAM = [
  "import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';",
  'const client = new CognitoIdentityProviderClient({});',
  '',
].join('\n');
const COMPLETION = 'send';
/** How often the bench asks again (Escape, Ctrl+Space) while the list lacks `send`, as an attendee retrying would. */
const RETRY_MS = 500;

export interface EditorLoad extends PageFigures {
  /** Wall time of the whole load in the bench process, navigation to completion. */
  readonly wallMs: number;
}

export interface EditorLatencyOptions {
  readonly browser: Browser;
  readonly siteUrl: string;
  readonly labPath?: string;
  readonly timeoutMs?: number;
}

/** One cold load of the lab page to its first completion list. */
export async function measureEditorLoad(options: EditorLatencyOptions): Promise<EditorLoad> {
  const timeoutMs = options.timeoutMs ?? 240_000;
  const context = await options.browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(recordEditorTimeline, COMPLETION);
    const started = Date.now();
    await page.goto(new URL(options.labPath ?? EDITOR_LAB_PATH, options.siteUrl).href);
    await page.locator('body[data-editor="monaco"]').waitFor({ timeout: timeoutMs });
    await page.locator('.monaco-editor [role="textbox"]').first().focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(PROGRAM);
    await page.keyboard.press('Control+End');
    await page.keyboard.type('client.');
    const row = page.locator('.suggest-widget.visible .monaco-list-row', { hasText: new RegExp(`^${COMPLETION}`) }).first();
    for (;;) {
      try {
        await row.waitFor({ timeout: RETRY_MS });
        break;
      } catch (error) {
        if (Date.now() - started > timeoutMs) throw error;
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+Space');
      }
    }
    const wallMs = Date.now() - started;
    return { ...(await page.evaluate(readPageFigures)), wallMs };
  } finally {
    await context.close();
  }
}

/** The floor: a blank same-origin page in a fresh context, to its load event (answered by the browser, not the server). */
export async function measureBlankLoad(options: Pick<EditorLatencyOptions, 'browser' | 'siteUrl'>): Promise<number> {
  const context = await options.browser.newContext();
  try {
    const blank = new URL('/__bench-blank', options.siteUrl).href;
    await context.route(blank, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title><p>blank</p>' }),
    );
    const page = await context.newPage();
    await page.goto(blank);
    return await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
  } finally {
    await context.close();
  }
}
