import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FailureRateLimiter } from './rate-limiter.ts';

test('failures are counted per client in a sliding window, with a bounded memory', () => {
  let now = 0;
  const limiter = new FailureRateLimiter({ limit: 3, windowMs: 1000, now: () => now, maxClients: 2 });
  for (let i = 0; i < 3; i += 1) {
    assert.equal(limiter.retryAfterMs('a'), 0);
    limiter.fail('a');
    now += 100;
  }
  assert.equal(limiter.retryAfterMs('a'), 700, 'until the oldest failure leaves the window');
  assert.equal(limiter.retryAfterMs('b'), 0);
  now = 1001;
  assert.equal(limiter.retryAfterMs('a'), 0);
  limiter.fail('b');
  limiter.fail('c');
  limiter.fail('d'); // forgets the least recently failed client
  assert.equal(limiter.retryAfterMs('d'), 0);
});
