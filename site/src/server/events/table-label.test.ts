import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_TABLE_LENGTH, parseTableLabel } from './table-label.ts';

test('a table is a short label, trimmed and upper-cased; blank or absent is no table', () => {
  assert.deepEqual(parseTableLabel('7'), { ok: true, table: '7' });
  assert.deepEqual(parseTableLabel('  b3 '), { ok: true, table: 'B3' });
  assert.deepEqual(parseTableLabel('b-12  a'), { ok: true, table: 'B-12 A' });
  assert.deepEqual(parseTableLabel('１２'), { ok: true, table: '12' }, 'full-width digits are digits');
  for (const none of [undefined, null, '', '   ']) assert.deepEqual(parseTableLabel(none), { ok: true, table: null });
});

test('anything else is refused with what to type', () => {
  for (const bad of [
    'x'.repeat(MAX_TABLE_LENGTH + 1),
    '<b>',
    '7;',
    'a\u202Eb',
    '7\n8',
    '7\t8',
    '--',
    '-7',
    '😀',
    7,
    ['7'],
    { table: '7' },
  ]) {
    const result = parseTableLabel(bad);
    assert.ok(!result.ok, JSON.stringify(bad));
    assert.match(result.message, /like 7 or B3/);
  }
});
