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

test('only the mechanisms the reference rates carry its ratings; the rest are marked as estimates', () => {
  // The reference comparison rates SigV4 (the STS card), mutual TLS and OIDC, nothing else.
  const rated = new Set<string>(['sts', 'mtls', 'oidc-federation']);
  for (const profile of mechanisms) {
    if (profile.ratedBy === 'source')
      assert.ok(rated.has(profile.id), `${profile.id} is not rated by the reference: mark it as an estimate`);
  }
  assert.ok(mechanisms.some((profile) => profile.ratedBy === 'estimate'));
});

test('every card cites AWS documentation, and one whose diagram sends a secret says so in "crosses the wire"', () => {
  for (const profile of mechanisms) {
    assert.ok(profile.sources.length > 0, `${profile.id} cites a source`);
    for (const source of profile.sources) assert.match(source.url, /^https:\/\/docs\.aws\.amazon\.com\//, `${profile.id}: ${source.url}`);
    if (profile.flows.some((flow) => flow.exposes === 'secret')) {
      assert.match(profile.crossesTheWire, /secret|key/, `${profile.id}: its diagram marks a secret crossing`);
    }
  }
});
