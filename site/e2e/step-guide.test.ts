/**
 * The step guide makes attendees think before they read the answer: the
 * solution's code sits behind a "Show me the code" reveal, each step asks
 * them to predict what the Run will show, every code sample has a working
 * Copy button, and the lab's AWS sources are one click away. The comparison
 * page explains its rating axes and marks the ratings that are estimates.
 * Screenshots, light and dark, go to test-results/screenshots/.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadLabs } from '@keyless/labs';
import { repoRoot } from './test-support/local-server.ts';
import { screenshotsDir } from './test-support/screenshots.ts';
import { serverAndBrowser } from './test-support/server-and-browser.ts';

const screenshots = screenshotsDir();
const lab = loadLabs(join(repoRoot, 'labs', 'content')).find((candidate) => candidate.definition.id === 'sts-temporary-credentials');
const harness = serverAndBrowser();

test('a step hides the solution behind "Show me the code", asks for a prediction, copies code and lists its sources', async () => {
  assert.ok(lab);
  const step = lab.steps[1];
  assert.ok(step?.frontmatter.predict, 'step 2 of the STS lab has a predict: question');
  const context = await harness.browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.server.site.url });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${harness.server.site.url}/labs/${lab.definition.id}/${step.slug}`);

  const predict = page.getByRole('complementary', { name: 'Predict, then Run' });
  await predict.waitFor();
  assert.equal((await predict.locator('p').textContent())?.trim(), step.frontmatter.predict);

  const reveal = page.locator('details.lab-code.reveal').first();
  const code = reveal.locator('pre');
  assert.equal(await reveal.getAttribute('open'), null, 'the solution starts hidden');
  assert.equal(await code.isVisible(), false);
  await reveal.getByText('Show me the code').click();
  await code.waitFor({ state: 'visible' });
  assert.match((await code.innerText()) || '', /AssumeRoleCommand/);

  // Every code sample of the prose (the JSON trust policy and the revealed TypeScript) has a Copy button that copies it.
  const samples = page.locator('.prose pre');
  assert.ok((await samples.count()) >= 2);
  assert.equal(await page.locator('.prose .copyable > .copy-button').count(), await samples.count());
  const copy = reveal.getByRole('button', { name: 'Copy this code' });
  await copy.click();
  await page.getByRole('button', { name: 'Copy this code' }).filter({ hasText: 'Copied' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied.trim(), (await code.innerText()).trim());

  const sources = page.locator('details.lab-sources');
  await sources.getByText('AWS documentation behind this lab').click();
  const links = sources.getByRole('link');
  assert.equal(await links.count(), lab.definition.sources.length);
  assert.equal(await links.first().getAttribute('href'), lab.definition.sources[0]?.url);

  // The guide scrolls on its own, so the revealed code and the sources are shot as elements.
  const guide = page.locator('article.guide');
  await reveal.screenshot({ path: join(screenshots, 'step-guide-reveal-light.png') });
  await sources.screenshot({ path: join(screenshots, 'step-guide-sources-light.png') });
  await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
  await reveal.screenshot({ path: join(screenshots, 'step-guide-reveal-dark.png') });
  await guide.evaluate((element) => element.scrollTo(0, 0));
  await page.screenshot({ path: join(screenshots, 'step-guide-dark.png') });
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test('the comparison page explains its two rating axes and marks the ratings the reference does not give', async () => {
  const context = await harness.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${harness.server.site.url}/mechanisms`);
  const axes = page.getByRole('region', { name: 'Reading the ratings' });
  assert.match((await axes.innerText()) || '', /Complexity[\s\S]*set up[\s\S]*Convenience[\s\S]*live with/);
  const row = (name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
  assert.equal(await row('API key').locator('.estimate-mark').count(), 2, 'the API key ratings are ours');
  assert.equal(await row('STS temporary credentials').locator('.estimate-mark').count(), 0, 'SigV4 is rated by the reference');
  assert.match(await row('Cognito client credentials').innerText(), /client secret/);
  await page.screenshot({ path: join(screenshots, 'mechanisms.png'), fullPage: true });
  await context.close();
});
