import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadLabs } from '@keyless/labs';
import { mechanisms } from './mechanisms.ts';
import { wireSteps } from './wire-steps.ts';

const labs = loadLabs(fileURLToPath(new URL('../content', import.meta.resolve('@keyless/labs'))));

test("each compared mechanism's Wire link is a step of a lab that teaches it", () => {
  for (const profile of mechanisms) {
    const target = wireSteps[profile.id];
    if (!target) continue;
    const lab = labs.find((candidate) => candidate.definition.id === target.labId);
    assert.ok(lab, `${profile.id}: lab ${target.labId} exists`);
    assert.equal(lab.definition.mechanism, profile.id);
    assert.ok(
      lab.steps.some((step) => step.slug === target.step),
      `${profile.id}: ${target.labId} has a step ${target.step}`,
    );
  }
  assert.ok(mechanisms.filter((profile) => wireSteps[profile.id]).length >= 6, 'the six lab mechanisms all link to a step');
});
