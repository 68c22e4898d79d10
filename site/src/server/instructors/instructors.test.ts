import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InstructorStore, openSiteDatabase } from '../store/index.ts';
import { csrfTokenFor, csrfTokenMatches } from './csrf.ts';
import { InstructorAuth, LOCAL_INSTRUCTOR, LOGIN_LINK_TTL_MS } from './instructor-auth.ts';
import { hashPassword, verifyPassword } from './password.ts';

// Cheap parameters keep the tests fast; the format stores them, so verification follows.
const FAST = { logN: 10, r: 8, p: 1 };

test('passwords are stored as salted scrypt hashes with their parameters, and verify only with the right password', async () => {
  const one = await hashPassword('correct horse battery', FAST);
  const two = await hashPassword('correct horse battery', FAST);
  assert.match(one, /^scrypt\$10\$8\$1\$[\w-]+\$[\w-]+$/);
  assert.notEqual(one, two, 'salted');
  assert.equal(await verifyPassword('correct horse battery', one), true);
  assert.equal(await verifyPassword('correct horse batterz', one), false);
  const parts = one.split('$');
  const hash = parts[5] ?? '';
  parts[5] = (hash[0] === 'A' ? 'B' : 'A') + hash.slice(1);
  assert.equal(await verifyPassword('correct horse battery', parts.join('$')), false, 'a tampered hash does not verify');
  assert.equal(await verifyPassword('x', 'md5$abc'), false);
  assert.match(await hashPassword('correct horse battery'), /^scrypt\$15\$8\$1\$/, 'the default is memory-hard (32 MiB)');
});

test('accounts: username rules, password length, no duplicates, the local account is reserved', async () => {
  const auth = new InstructorAuth(new InstructorStore(openSiteDatabase(':memory:')));
  await assert.rejects(auth.create('Bad Name', 'long enough password'), /Usernames/);
  await assert.rejects(auth.create('alice', 'short'), /at least 12/);
  await assert.rejects(auth.create(LOCAL_INSTRUCTOR, 'long enough password'), /reserved/);
  await auth.create('alice', 'long enough password');
  await assert.rejects(auth.create('alice', 'long enough password'), /already exists/);
});

test('sign-in: right password gives a session; wrong ones are counted per client and rate-limited', async () => {
  const auth = new InstructorAuth(new InstructorStore(openSiteDatabase(':memory:')));
  await auth.create('alice', 'long enough password');
  const token = await auth.login('alice', 'long enough password', 'c1');
  assert.ok(token);
  assert.equal(auth.resolveSession(token)?.username, 'alice');
  assert.equal(await auth.login('alice', 'wrong password!!', 'c1'), undefined);
  assert.equal(await auth.login('nobody', 'wrong password!!', 'c1'), undefined, 'unknown user: same answer');
  for (let i = 0; i < 8; i += 1) await auth.login('alice', 'wrong', 'c1');
  assert.ok(auth.retryAfterMs('c1') > 0);
  assert.equal(auth.retryAfterMs('c2'), 0);
  auth.logout(token);
  assert.equal(auth.resolveSession(token), undefined, 'sign-out ends the session on the server');
});

test('login links work once, expire after 15 minutes, and the local account has no password', async () => {
  let now = 1_000_000;
  const store = new InstructorStore(openSiteDatabase(':memory:'), () => now);
  const auth = new InstructorAuth(store, () => now);
  const link = auth.loginLinkToken(LOCAL_INSTRUCTOR);
  const session = auth.redeemLoginLink(link, 'c');
  assert.ok(session);
  assert.equal(auth.resolveSession(session)?.username, LOCAL_INSTRUCTOR);
  assert.equal(auth.redeemLoginLink(link, 'c'), undefined, 'single use');
  const late = auth.loginLinkToken(LOCAL_INSTRUCTOR);
  now += LOGIN_LINK_TTL_MS + 1;
  assert.equal(auth.redeemLoginLink(late, 'c'), undefined, 'expired');
  assert.equal(await auth.login(LOCAL_INSTRUCTOR, '', 'c'), undefined);
  assert.equal(auth.localInstructor().id, auth.localInstructor().id, 'created once');
  assert.throws(() => auth.loginLinkToken('nobody'), /No instructor/);
});

test('the CSRF token is bound to the session', () => {
  const token = csrfTokenFor('session-a');
  assert.equal(csrfTokenMatches('session-a', token), true);
  assert.equal(csrfTokenMatches('session-b', token), false);
  assert.equal(csrfTokenMatches('session-a', null), false);
  assert.equal(csrfTokenMatches('session-a', `${token}x`), false);
});
