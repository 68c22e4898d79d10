import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LabContentError } from './errors.ts';
import { loadLab, loadLabs } from './loader.ts';
import { stepPlacement } from './runner-placement.ts';

const contentDir = fileURLToPath(new URL('../content', import.meta.url));
const check = (id: string, kind: string) => ({ id, kind, title: id, with: {}, hint: 'h' });

describe('stepPlacement', () => {
  const cognito = { needs: ['cognito', 'orders-api'] as const, checks: [check('token', 'token-issued')] };
  test('auto picks the browser for a lab that needs nothing instance-only', () => {
    assert.equal(stepPlacement({ ...cognito, needs: [...cognito.needs] }, { runner: 'auto', checks: ['token'] }), 'browser');
  });
  test('auto picks the instance when the lab needs IMDS, mTLS or Roles Anywhere, or the step has such a check', () => {
    assert.equal(stepPlacement({ needs: ['imds', 'sts'], checks: [] }, { runner: 'auto', checks: [] }), 'instance');
    assert.equal(
      stepPlacement({ needs: ['orders-api'], checks: [check('tls', 'tls-handshake')] }, { runner: 'auto', checks: ['tls'] }),
      'instance',
    );
  });
  test('an explicit runner wins', () => {
    assert.equal(stepPlacement({ needs: ['cognito'], checks: [] }, { runner: 'instance', checks: [] }), 'instance');
  });
});

describe('runner at load', () => {
  test('the labs as written load, and their browser steps are the labs without instance-only needs', () => {
    const browserLabs = loadLabs(contentDir)
      .filter((lab) => lab.steps.some((step) => stepPlacement(lab.definition, step.frontmatter) === 'browser'))
      .map((lab) => lab.definition.id);
    for (const id of ['welcome-api-key', 'cognito-client-credentials', 'choosing']) assert.ok(browserLabs.includes(id), id);
    for (const id of ['sts-temporary-credentials', 'ec2-instance-profile', 'mutual-tls', 'iam-roles-anywhere'])
      assert.ok(!browserLabs.includes(id), id);
  });

  test('a step with runner: browser and an IMDS check is refused with the file, the field and a fix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyless-runner-'));
    try {
      const lab = join(dir, '02-ec2-instance-profile');
      cpSync(join(contentDir, '02-ec2-instance-profile'), lab, { recursive: true });
      const stepsDir = join(lab, 'steps');
      const imdsStep = readdirSync(stepsDir)
        .sort()
        .map((name) => join(stepsDir, name))
        .find((file) => /checks: \[[^\]]*\]/.test(readFileSync(file, 'utf8')) && /imds/.test(readFileSync(file, 'utf8')));
      assert.ok(imdsStep, 'lab 02 has a step with an IMDS check');
      writeFileSync(imdsStep, readFileSync(imdsStep, 'utf8').replace(/^minutes:/m, 'runner: browser\nminutes:'));
      assert.throws(
        () => loadLab(lab),
        (error: unknown) =>
          error instanceof LabContentError &&
          error.message.includes('runner') &&
          /imds-request/.test(error.message) &&
          /runner: instance/.test(error.message),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
