import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadLabs, mechanismSchema } from '@keyless/labs';
import { mechanisms } from './mechanisms.ts';

// The labs package's own content folder, found through the package (its entry is src/index.ts).
const labs = loadLabs(fileURLToPath(new URL('../content', import.meta.resolve('@keyless/labs'))));

test('each compared mechanism is one the labs name, once, and its lab teaches that mechanism', () => {
  const ids = mechanisms.map((profile) => profile.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const profile of mechanisms) {
    assert.ok(mechanismSchema.options.includes(profile.id), `${profile.id} is a lab mechanism`);
    const lab = labs.find((candidate) => candidate.definition.id === profile.labId);
    assert.ok(lab, `${profile.id}: lab ${profile.labId} exists`);
    assert.equal(lab.definition.mechanism, profile.id, `${profile.labId} teaches ${profile.id}`);
  }
});
