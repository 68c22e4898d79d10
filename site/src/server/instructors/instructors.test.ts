import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateAccessCode } from '../events/access-code.ts';
import { createEvents } from '../events/index.ts';
import { AttendeeStore, InstructorStore, openSiteDatabase, ProgressStore, RunStore, WorkspaceStore } from '../store/index.ts';
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

test('sign-in: right password gives a session; wrong ones are limited per username and per address, before the password is verified', async () => {
  const clock = { now: 1_000_000 };
  const auth = new InstructorAuth(new InstructorStore(openSiteDatabase(':memory:'), () => clock.now), () => clock.now, {
    passwordParams: FAST,
  });
  await auth.create('alice', 'long enough password');
  await auth.create('bob', 'another long password');
  const token = await auth.login('alice', 'long enough password', 'c1');
  assert.ok(token);
  assert.equal(auth.resolveSession(token)?.username, 'alice');
  assert.equal(await auth.login('alice', 'wrong password!!', 'c1'), undefined);
  assert.equal(await auth.login('nobody', 'wrong password!!', 'c1'), undefined, 'unknown user: same answer');
  // From ten addresses, so only the per-username budget runs out.
  for (let i = 0; i < 9; i += 1) await auth.login('Alice', 'wrong', `c${i + 2}`);
  assert.ok(auth.retryAfterMs('c99', 'alice') > 0, 'ten wrong passwords for alice, from anywhere');
  assert.equal(await auth.login('alice', 'long enough password', 'c99'), undefined, 'refused without verifying, even the right password');
  assert.equal(auth.retryAfterMs('c99', 'bob'), 0, 'another account is unaffected');
  assert.ok(await auth.login('bob', 'another long password', 'c1'), 'and signs in');
  for (let i = 0; i < 30; i += 1) await auth.login(`user${i}`, 'wrong', 'sprayer');
  assert.ok(auth.retryAfterMs('sprayer') > 0, 'one address spraying usernames is limited too');
  assert.ok(auth.retryAfterMs('sprayer', 'bob') > 0);
  clock.now += 15 * 60_000 + 1;
  assert.ok(await auth.login('alice', 'long enough password', 'c99'), 'the window slid past the failures');
  auth.logout(token);
  assert.equal(auth.resolveSession(token), undefined, 'sign-out ends the session on the server');
});

test("attendees failing from the instructor's own address never keep a valid login link out", async () => {
  const clock = { now: 1_000_000 };
  const db = openSiteDatabase(':memory:');
  const auth = new InstructorAuth(new InstructorStore(db, () => clock.now), () => clock.now, { passwordParams: FAST });
  const local = '127.0.0.1'; // attendee code and the instructor's browser both come from here
  // Two attendees' code: wrong passwords, dead links and wrong access codes, all from 127.0.0.1.
  const events = createEvents({
    db,
    attendees: new AttendeeStore(db, () => clock.now),
    progress: new ProgressStore(db),
    runs: new RunStore(db),
    workspaces: new WorkspaceStore(db),
    labs: [],
    sandboxModes: ['local'],
    resetSandbox: async () => {},
    now: () => clock.now,
  });
  for (const attendee of ['ada', 'bo']) {
    for (let i = 0; i < 40; i += 1) {
      await auth.login(i % 2 === 0 ? LOCAL_INSTRUCTOR : `${attendee}${i}`, `${attendee} guess ${i}`, local);
      assert.equal(auth.redeemLoginLink(`${attendee}${'x'.repeat(40)}${String(i).padStart(3, '0')}`), undefined);
      events.join.join({ code: generateAccessCode(), displayName: attendee }, local);
    }
  }
  assert.ok(auth.retryAfterMs(local) > 0, 'password sign-in from this address is limited');
  assert.ok(auth.retryAfterMs('192.0.2.9', LOCAL_INSTRUCTOR) > 0, 'and for the local account from anywhere');
  const session = auth.redeemLoginLink(auth.loginLinkToken(LOCAL_INSTRUCTOR));
  assert.ok(session, 'a fresh login link still works');
  assert.equal(auth.resolveSession(session)?.username, LOCAL_INSTRUCTOR);
});

test('login links work once, expire after 15 minutes, and the local account has no password', async () => {
  let now = 1_000_000;
  const store = new InstructorStore(openSiteDatabase(':memory:'), () => now);
  const auth = new InstructorAuth(store, () => now);
  const link = auth.loginLinkToken(LOCAL_INSTRUCTOR);
  const session = auth.redeemLoginLink(link);
  assert.ok(session);
  assert.equal(auth.resolveSession(session)?.username, LOCAL_INSTRUCTOR);
  assert.equal(auth.redeemLoginLink(link), undefined, 'single use');
  const late = auth.loginLinkToken(LOCAL_INSTRUCTOR);
  now += LOGIN_LINK_TTL_MS + 1;
  assert.equal(auth.redeemLoginLink(late), undefined, 'expired');
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
