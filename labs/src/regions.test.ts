import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractRegion, stripRegionMarkers } from './regions.ts';

const source = ['a', '// #region outer', '  b', '  // #region inner', '  c', '  // #endregion', '// #endregion', 'd'].join('\n');

test('extracts a region, de-indented, including nested region bodies', () => {
  assert.equal(extractRegion(source, 'inner'), 'c');
  assert.equal(extractRegion(source, 'outer'), 'b\nc');
  assert.equal(extractRegion(source, 'missing'), undefined);
});

test('strips marker lines for display', () => {
  assert.equal(stripRegionMarkers(source), 'a\n  b\n  c\nd');
});
