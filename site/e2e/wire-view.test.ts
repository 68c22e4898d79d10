import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, test } from 'node:test';
import { loadLabs, partialSolution } from '@keyless/labs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { WireResponse } from '../src/wire/model.ts';
import { launchBrowser } from './test-support/browser.ts';
import { freshDataDir, repoRoot, startTestServer } from './test-support/local-server.ts';

/**
 * The Wire view, end to end: two attendees (Alice and Bob) each Run real lab
 * code on their own sandbox; each sees their own requests decoded, never the
 * other's, and neither's secrets appear in any Wire answer or page.
 */
const screenshots = process.env.KEYLESS_SHOTS ?? join(repoRoot, 'test-results', 'screenshots');
mkdirSync(screenshots, { recursive: true });
const COGNITO = 'cognito-client-credentials';
const STS = 'sts-temporary-credentials';
const labs = loadLabs(join(repoRoot, 'labs', 'content'));
const labOf = (id: string) => {
  const lab = labs.find((candidate) => candidate.definition.id === id);
  assert.ok(lab, id);
  return lab;
};

const dataDir = freshDataDir();
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let alice: BrowserContext;
let bob: BrowserContext;
/** Every Wire API answer either attendee received, for the secret scan. */
const answers: string[] = [];
/** Every lab page as the attendees saw it, Wire open. */
const pages: string[] = [];

before(async () => {
  server = await startTestServer(dataDir);
  browser = await launchBrowser();
  alice = await browser.newContext({ viewport: { width: 1440, height: 1100 } });
  bob = await browser.newContext({ viewport: { width: 1440, height: 1100 } });
});

after(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed, which its type cannot say
  await browser?.close();
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed, which its type cannot say
  await server?.close();
});

/** Opens a lab step with `files` saved as the attendee's code, presses Run and waits for the exit line. */
async function runOnPage(context: BrowserContext, lab: string, step: string, files: Record<string, string>): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.site.url}/labs/${lab}/${step}`);
  const saved = await page.request.put(`${server.site.url}/api/labs/${lab}/workspace`, { data: { files } });
  assert.equal(saved.status(), 204);
  await page.reload();
  await page.getByRole('button', { name: /Run/ }).click();
  await page.locator('#output .meta').first().waitFor({ timeout: 60_000 });
  await page.getByRole('tab', { name: /^Wire/ }).click();
  return page;
}

async function wire(page: Page, lab: string, query = ''): Promise<{ status: number; body: WireResponse; text: string }> {
  const response = await page.request.get(`${server.site.url}/api/labs/${lab}/wire${query}`);
  const text = await response.text();
  answers.push(text);
  return { status: response.status(), body: (response.status() === 200 ? JSON.parse(text) : {}) as WireResponse, text };
}

let aliceRun = '';

test("lab 3's step-2 code: the token request shows the requested scope and the issued token's claims", async (t) => {
  const page = await runOnPage(alice, COGNITO, '02-get-token', partialSolution(labOf(COGNITO), 2));
  const entry = page.locator('.wire-entry[data-mechanism="oauth-token"]').first();
  await entry.waitFor();
  await page.locator('#wire-panel').screenshot({ path: join(screenshots, 'wire-list-light.png') });
  await entry.locator('summary').click();
  const text = await entry.innerText();
  assert.match(text, /POST \/oauth2\/token/);
  assert.match(text, /Scopes requested\s+orders\/read/);
  assert.match(text, /Claims issued/);
  assert.match(text, /"client_id": "\w+"/);
  assert.match(text, /"scope": "orders\/read"/);
  assert.match(text, /expires in \d+:\d\d/);
  await entry.locator('figure').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(screenshots, 'wire-token-light.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(screenshots, 'wire-token-dark.png') });
  pages.push(await page.content());

  const { status, body, text: json } = await wire(page, COGNITO);
  assert.equal(status, 200);
  assert.ok(body.run);
  t.diagnostic(
    `Wire data of this lab-3 Run: ${String(Buffer.byteLength(json))} bytes of JSON for ${String(body.run.entries.length)} requests`,
  );
  aliceRun = body.run.runId;
  assert.ok(body.run.entries.some((candidate) => candidate.mechanism === 'oauth-token' && candidate.ok));
  assert.deepEqual((await wire(page, COGNITO, `?run=${aliceRun}`)).body.run?.runId, aliceRun);
  await page.close();
});

test('a deliberately wrong SigV4 secret in lab 1: the failed call shows the canonical request the sandbox computed', async () => {
  const solution = labOf(STS).solution;
  const signer = "new SignatureV4({ service: 'execute-api', region, credentials,";
  const main = solution['main.ts'] ?? '';
  assert.ok(main.includes(signer), 'the lab 1 solution signs with SignatureV4 as this test expects');
  const wrong = main.replace(
    signer,
    "new SignatureV4({ service: 'execute-api', region, credentials: { ...credentials, secretAccessKey: 'not-the-secret' },",
  );
  const page = await runOnPage(bob, STS, '03-sign-the-call', { ...solution, 'main.ts': wrong });
  const entry = page.locator('.wire-entry.failed[data-mechanism="sigv4"]', { hasText: 'GET /orders' }).first();
  await entry.waitFor();
  await entry.locator('summary').click();
  const canonical = entry.locator('figure', { hasText: 'Canonical request the sandbox computed' }).locator('pre');
  assert.match(await canonical.innerText(), /^GET\n\/restapis\/[^\n]+\/orders\n/);
  assert.match(await canonical.innerText(), /^x-amz-security-token:<session token, not shown>$/m);
  assert.match(
    await entry.locator('figure', { hasText: 'String to sign' }).locator('pre').innerText(),
    /^AWS4-HMAC-SHA256\n\d{8}T\d{6}Z\n/,
  );
  await canonical.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(screenshots, 'wire-sigv4-mismatch-light.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(screenshots, 'wire-sigv4-mismatch-dark.png') });
  pages.push(await page.content());
  assert.ok((await wire(page, STS)).body.run);
  await page.close();
});

test("the other attendee's entries are never returned, and malformed ids are 4xx", async () => {
  const page = await bob.newPage();
  await page.goto(`${server.site.url}/labs/${COGNITO}/02-get-token`);
  assert.ok(aliceRun);
  assert.deepEqual((await wire(page, COGNITO, `?run=${aliceRun}`)).body, {}, "Alice's Run id finds nothing in Bob's evidence");
  assert.deepEqual((await wire(page, COGNITO)).body, {}, 'Bob has not run lab 3: no last Run');
  for (const query of ['?run=../../etc', '?run=r-xyz', '?run=%00']) {
    assert.equal((await wire(page, COGNITO, query)).status, 400, query);
  }
  assert.equal((await wire(page, 'no-such-lab')).status, 404);
  const anonymous = await browser.newContext();
  assert.equal((await anonymous.request.get(`${server.site.url}/api/labs/${COGNITO}/wire`)).status(), 401);
  await anonymous.close();
  await page.close();
});

test('no secret of either attendee appears in any Wire answer or lab page', () => {
  const db = new DatabaseSync(join(dataDir, 'sandbox.db'), { readOnly: true });
  const column = (sql: string): string[] =>
    (db.prepare(sql).all() as Record<string, string | null>[]).flatMap((row) =>
      Object.values(row).filter((value): value is string => Boolean(value)),
    );
  const secrets = [
    ...column('SELECT secret_access_key, session_token FROM role_sessions'),
    ...column('SELECT client_secret FROM user_pool_clients'),
    ...column('SELECT api_key FROM attendees'),
  ];
  db.close();
  assert.ok(secrets.length >= 6, `both attendees have secrets to look for (${String(secrets.length)})`);
  const seen = [...answers, ...pages];
  assert.ok(answers.length >= 8 && pages.length === 2);
  for (const secret of secrets) {
    for (const text of seen)
      assert.ok(!text.includes(secret) && !text.includes(encodeURIComponent(secret)), `a secret (…${secret.slice(-4)}) leaked`);
  }
  // No whole JWT either (header.claims.signature): the view keeps header and claims, never the signed token.
  for (const text of seen) assert.doesNotMatch(text, /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{20,}/);
});
