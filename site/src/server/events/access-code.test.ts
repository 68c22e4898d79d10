import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CODE_ALPHABET, CODE_ENTROPY_BITS, formatAccessCode, generateAccessCode, parseAccessCode } from './access-code.ts';

test('codes carry at least 60 bits in an unambiguous alphabet and print as XXXX-XXXX-XXXX-X', () => {
  assert.ok(CODE_ENTROPY_BITS >= 60, `${CODE_ENTROPY_BITS} bits`);
  for (const confusing of 'ILOU') assert.ok(!CODE_ALPHABET.includes(confusing), `${confusing} is not in the alphabet`);
  const code = generateAccessCode();
  assert.match(formatAccessCode(code), /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]$/);
  assert.notEqual(generateAccessCode(), code, 'random');
});

test('what people type is read leniently: case, spaces, dashes, and I/L/O for 1/1/0', () => {
  const code = generateAccessCode(() => 1); // "1111…" plus its check character
  const typed = formatAccessCode(code).toLowerCase().replaceAll('1', 'l').replace('-', ' ');
  assert.deepEqual(parseAccessCode(typed), { ok: true, code });
  const zeros = generateAccessCode(() => 0);
  assert.deepEqual(parseAccessCode(zeros.replaceAll('0', 'o')), { ok: true, code: zeros });
});

test('the check character catches every single-character typo and every swap of neighbours', () => {
  for (let sample = 0; sample < 20; sample += 1) {
    const code = generateAccessCode();
    for (let position = 0; position < code.length; position += 1) {
      for (const replacement of CODE_ALPHABET) {
        if (replacement === code[position]) continue;
        const typo = code.slice(0, position) + replacement + code.slice(position + 1);
        assert.deepEqual(parseAccessCode(typo), { ok: false, reason: 'typo' }, `${code} → ${typo}`);
      }
      if (position + 1 < code.length && code[position] !== code[position + 1]) {
        const swapped = code.slice(0, position) + code.charAt(position + 1) + code.charAt(position) + code.slice(position + 2);
        assert.deepEqual(parseAccessCode(swapped), { ok: false, reason: 'typo' }, `${code} → ${swapped}`);
      }
    }
  }
});

test('malformed input gets a reason, not a guess', () => {
  assert.deepEqual(parseAccessCode('  '), { ok: false, reason: 'empty' });
  assert.deepEqual(parseAccessCode('ABCD-EFGH'), { ok: false, reason: 'length' });
  assert.deepEqual(parseAccessCode('ABCD-EFGH-JKMN-U'), { ok: false, reason: 'character' });
  assert.deepEqual(parseAccessCode('<script>'), { ok: false, reason: 'character' });
});
