import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openSiteDatabase, RateLimitStore } from '../store/index.ts';
import { FailureRateLimiter } from './rate-limiter.ts';

function limiterOver(store: RateLimitStore, clock: { now: number }, name = 'test'): FailureRateLimiter {
  return new FailureRateLimiter({ store, name, limit: 3, windowMs: 1000, now: () => clock.now });
}

test('failures are counted per client in a sliding window; the wait ends when the oldest counted failure leaves it', () => {
  const clock = { now: 0 };
  const limiter = limiterOver(new RateLimitStore(openSiteDatabase(':memory:')), clock);
  for (let i = 0; i < 3; i += 1) {
    assert.equal(limiter.retryAfterMs('a'), 0);
    limiter.fail('a');
    // The third failure (at 200) reaches the limit: wait until the one at 0 leaves the window; the first two do not.
    assert.equal(limiter.retryAfterMs('a'), i === 2 ? 800 : 0, `after failure ${i + 1} of a limit of 3`);
    clock.now += 100;
  }
  assert.equal(limiter.retryAfterMs('a'), 700, 'the failure at 0 leaves the window at 1000');
  assert.equal(limiter.retryAfterMs('b'), 0, 'another client has its own count');
  limiter.fail('a'); // at 300: still counted after the first one leaves
  clock.now = 1000;
  assert.equal(limiter.retryAfterMs('a'), 100, 'failures at 100, 200, 300 remain: wait for the one at 100');
  clock.now = 1100;
  assert.equal(limiter.retryAfterMs('a'), 0);
});

test('limiters sharing a store keep separate counts, and expired failures are pruned as new ones are written', () => {
  const clock = { now: 0 };
  const db = openSiteDatabase(':memory:');
  const store = new RateLimitStore(db);
  const joins = limiterOver(store, clock, 'joins');
  const passwords = limiterOver(store, clock, 'passwords');
  for (let i = 0; i < 3; i += 1) joins.fail('a');
  assert.ok(joins.retryAfterMs('a') > 0);
  assert.equal(passwords.retryAfterMs('a'), 0, 'join failures are not password failures');
  clock.now = 5000;
  joins.fail('b');
  const rows = db
    .prepare("SELECT client FROM rate_limit_failures WHERE limiter = 'joins'")
    .all()
    .map((row) => row.client);
  assert.deepEqual(rows, ['b'], 'only failures still in the window are kept');
});

test('counts survive a restart: the same database file, closed and opened again, still limits the client', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyless-limits-'));
  try {
    const clock = { now: 1_000_000 };
    const path = join(dir, 'keyless.db');
    const first = openSiteDatabase(path);
    const before = limiterOver(new RateLimitStore(first), clock);
    for (let i = 0; i < 3; i += 1) before.fail('203.0.113.7');
    const wait = before.retryAfterMs('203.0.113.7');
    assert.equal(wait, 1000, 'three failures just now: limited for the whole window');
    first.close();

    const second = openSiteDatabase(path);
    const after = limiterOver(new RateLimitStore(second), clock);
    assert.equal(after.retryAfterMs('203.0.113.7'), wait, 'a restart hands out no fresh budget');
    assert.equal(after.retryAfterMs('198.51.100.1'), 0);
    second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
