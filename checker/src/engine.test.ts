import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadLab, LabContentError } from '@keyless/labs';
import { checkLab, compileChecks } from './engine.ts';
import { call, fixtureSandbox, token } from './test-support/fixture-sandbox.ts';

const lab = loadLab(fileURLToPath(new URL('./fixtures/labs/01-tiny', import.meta.url)));

test('an empty sandbox fails every check with an explanation', async () => {
  const report = await checkLab({ lab, sandbox: fixtureSandbox({}) });
  assert.equal(report.passed, false);
  assert.deepEqual(
    report.results.map((result) => result.messageKey),
    ['token-issued.no-requests', 'api-call.none'],
  );
  assert.match(report.results[0]?.hint ?? '', /orders\/read/);
});

test('a token with the wrong scope fails naming the scope that was expected', async () => {
  const report = await checkLab({ lab, sandbox: fixtureSandbox({ evidence: [token(['orders/write'])] }), checkIds: ['read-token'] });
  const [result] = report.results;
  assert.equal(result?.status, 'fail');
  assert.equal(result.messageKey, 'token-issued.wrong-scope');
  assert.match(result.explanation, /none with the scope orders\/read/);
  assert.match(result.explanation, /orders\/write/);
});

test('the wrong client authentication method fails', async () => {
  const report = await checkLab({
    lab,
    sandbox: fixtureSandbox({ evidence: [token(['orders/read'], { authMethod: 'client_secret_post' })] }),
    checkIds: ['read-token'],
  });
  assert.equal(report.results[0]?.messageKey, 'token-issued.wrong-auth-method');
});

test('failed token requests are reported with their OAuth errors', async () => {
  const report = await checkLab({
    lab,
    sandbox: fixtureSandbox({
      evidence: [token([], { outcome: 'failure', error: 'invalid_scope', grantedScopes: [], requestedScopes: ['orders/delete'] })],
    }),
    checkIds: ['read-token'],
  });
  assert.equal(report.results[0]?.messageKey, 'token-issued.all-failed');
  // The explanation names what the sandbox saw: the error and the scope that was asked for.
  assert.equal(report.results[0].explanation, "Every token request failed: invalid_scope for scope 'orders/delete'.");
});

test('evidence of the right token and call passes', async () => {
  const report = await checkLab({
    lab,
    sandbox: fixtureSandbox({ evidence: [token(['orders/read']), call('GET', 200, ['orders/read'])] }),
  });
  assert.equal(report.passed, true);
  assert.ok(report.results.every((result) => result.status === 'pass'));
});

test('an API call without a valid token does not pass a scoped check', async () => {
  const report = await checkLab({ lab, sandbox: fixtureSandbox({ evidence: [call('GET', 401, undefined)] }), checkIds: ['listed'] });
  assert.equal(report.results[0]?.status, 'fail');
  assert.match(report.results[0].explanation, /401 without a valid token/);
});

test('failing checks poll for evidence within the consistency window', async () => {
  const sandbox = fixtureSandbox({ consistencyWindowMs: 2_000 });
  let clock = 0;
  const report = await checkLab({
    lab,
    sandbox,
    checkIds: ['read-token'],
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
      if (clock >= 1_000) sandbox.evidenceList.push(token(['orders/read']));
    },
  });
  assert.equal(report.results[0]?.status, 'pass');
  assert.equal(clock, 1_000);
});

test('bad check parameters are reported with file, field and fix', () => {
  const [first] = lab.definition.checks;
  assert.ok(first);
  const broken = { ...lab, definition: { ...lab.definition, checks: [{ ...first, with: { scopes: 'orders/read' } }] } };
  assert.throws(
    () => compileChecks(broken),
    (error: unknown) => error instanceof LabContentError && /lab\.yaml → checks\.read-token\.with\.scopes/.test(error.message),
  );
});

test('every bad parameter of a check is reported, not only the first', () => {
  const [first] = lab.definition.checks;
  assert.ok(first);
  const broken = {
    ...lab,
    definition: { ...lab.definition, checks: [{ ...first, with: { scopes: 'orders/read', authMethod: 'carrier-pigeon' } }] },
  };
  assert.throws(
    () => compileChecks(broken),
    (error: unknown) =>
      error instanceof LabContentError &&
      error.issues.length === 2 &&
      /lab\.yaml → checks\.read-token\.with\.scopes: /.test(error.message) &&
      /lab\.yaml → checks\.read-token\.with\.authMethod: /.test(error.message) &&
      /Fix: see the params schema in checker\/src\/checks\/token-issued\.ts/.test(error.message),
  );
});
