/**
 * Every lab renders, runs and checks green with its solution in a real
 * browser, through the same buttons an attendee uses.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './test-support/browser.ts';
import { freshDataDir, repoRoot, startTestServer } from './test-support/local-server.ts';

const screenshots = join(repoRoot, 'test-results', 'screenshots');
mkdirSync(screenshots, { recursive: true });
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;

before(async () => {
  server = await startTestServer(freshDataDir());
  browser = await launchBrowser();
});
after(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed, which its type cannot say
  await browser?.close();
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed, which its type cannot say
  await server?.close();
});

test('every lab: solution in the editor, Run exits 0, Check turns every step green', async (t) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  for (const lab of server.runtime.labs) {
    await t.test(lab.folder, async () => {
      const labUrl = `${server.site.url}/labs/${lab.definition.id}`;
      await page.goto(`${labUrl}/${lab.steps[0]?.slug ?? ''}`);
      await page.locator('body[data-editor="monaco"]').waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Show solution' }).click();
      await page.getByRole('button', { name: 'Replace my code with the solution' }).click();
      await page.getByRole('button', { name: /Run/ }).click();
      await page.locator('#output .meta').waitFor({ timeout: 30_000 });
      const output = await page.locator('#output').innerText();
      assert.match(output, /exited with code 0/, output);
      await page.getByRole('button', { name: 'Check', exact: true }).click();
      await page.locator('#check-list .check:not(.running)[data-status="pass"]').first().waitFor();
      assert.equal(
        await page.locator('[data-step-checks].done').count(),
        lab.steps.filter((step) => step.frontmatter.checks.length > 0).length,
        'every step is marked done',
      );
      await page.screenshot({ path: join(screenshots, `lab-${lab.folder}.png`) });
      for (const step of lab.steps) {
        await page.goto(`${labUrl}/${step.slug}`);
        const statuses = await page
          .locator('#check-list .check')
          .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.status));
        assert.deepEqual(
          statuses,
          step.frontmatter.checks.map(() => 'pass'),
          step.slug,
        );
      }
    });
  }
  assert.deepEqual(pageErrors, []);
  await context.close();
});
