/**
 * Every lab renders, runs and checks green with its solution in a real
 * browser, through the same buttons an attendee uses.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { screenshotsDir } from './test-support/screenshots.ts';
import { serverAndBrowser } from './test-support/server-and-browser.ts';

const screenshots = screenshotsDir();
const harness = serverAndBrowser();

test('every lab: solution in the editor, Run exits 0, Check turns every step green', async (t) => {
  const context = await harness.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  for (const lab of harness.server.runtime.labs) {
    await t.test(lab.folder, async () => {
      const labUrl = `${harness.server.site.url}/labs/${lab.definition.id}`;
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
