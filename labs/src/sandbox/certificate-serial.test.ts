import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalSerial } from './certificate-serial.ts';

test('a serial in any printed form has one canonical form: lowercase hex, no colons, no leading zeros', () => {
  for (const printed of ['0A1B2C', '0a:1b:2c', '0A:1B:2C', 'a1b2c', '000a1b2c', '0a 1b 2c'])
    assert.equal(canonicalSerial(printed), 'a1b2c', printed);
  assert.equal(canonicalSerial('00'), '0');
  assert.equal(canonicalSerial('7F'), '7f');
});

test('what is not a hex serial has no canonical form', () => {
  for (const text of ['', ':', 'xyz', '12-34', '0x12', '12g4']) assert.equal(canonicalSerial(text), undefined, text);
});
