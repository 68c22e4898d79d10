import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createOutputCollector } from './output.ts';

test('decodes a character split across chunks once, whole', () => {
  const seen: string[] = [];
  const collector = createOutputCollector(1024, (text) => seen.push(text));
  const bytes = Buffer.from('a€b');
  assert.equal(collector.push(bytes.subarray(0, 2)), true);
  assert.equal(collector.push(bytes.subarray(2)), true);
  collector.end();
  assert.deepEqual(seen, ['a', '€b']);
  assert.equal(collector.text, 'a€b');
});

test('keeps the first maxBytes, drops a character cut at the cap, then refuses more', () => {
  const collector = createOutputCollector(5, () => {});
  assert.equal(collector.push(Buffer.from('abcd€')), false);
  assert.equal(collector.truncated, true);
  assert.equal(collector.push(Buffer.from('more')), false);
  collector.end();
  assert.equal(collector.text, 'abcd');
});
