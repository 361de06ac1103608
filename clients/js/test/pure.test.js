import { test } from 'node:test';
import assert from 'node:assert/strict';
import { __internal } from '../switchboard.js';
import { jwt } from './frames.js';

const { backoffDelay, isAfter, jwtExpiresAt, refreshDelay } = __internal;

test('backoff draws between minDelayMs and a cap that doubles per attempt', () => {
  assert.equal(backoffDelay(1, 500, 20000, () => 0), 500);
  assert.equal(backoffDelay(1, 500, 20000, () => 0.999999), 500);
  assert.equal(backoffDelay(2, 500, 20000, () => 0.999999), 1000);
  assert.equal(backoffDelay(3, 500, 20000, () => 0.999999), 2000);
  assert.equal(backoffDelay(3, 500, 20000, () => 0.5), 1250);
});

test('backoff never goes past maxDelayMs, however many attempts', () => {
  assert.equal(backoffDelay(6, 500, 20000, () => 0.999999), 16000);
  for (const attempt of [7, 8, 50, 1e6]) {
    assert.equal(backoffDelay(attempt, 500, 20000, () => 0.999999), 20000);
    assert.equal(backoffDelay(attempt, 500, 20000, () => 0), 500);
  }
  for (let i = 0; i < 1000; i++) {
    const delay = backoffDelay(1 + (i % 12), 500, 20000);
    assert.ok(delay >= 500 && delay <= 20000, `${delay}`);
  }
});

test('a message is new only after the last delivered offset of its epoch', () => {
  const last = { offset: 57, epoch: 'Zx8:1' };
  assert.equal(isAfter(null, { offset: 0, epoch: 'Zx8:1' }), true);
  assert.equal(isAfter(last, { offset: 58, epoch: 'Zx8:1' }), true);
  assert.equal(isAfter(last, { offset: 57, epoch: 'Zx8:1' }), false);
  assert.equal(isAfter(last, { offset: 12, epoch: 'Zx8:1' }), false);
  // a recreated topic starts its offsets again under a new epoch
  assert.equal(isAfter(last, { offset: 3, epoch: 'Qq2:1' }), true);
});

test('reads a JWT expiry from its payload, without verifying it', () => {
  assert.equal(jwtExpiresAt(jwt({ sub: 'alice', exp: 1763800300 })), 1763800300000);
  assert.equal(jwtExpiresAt(jwt({ sub: 'zoë', name: 'Zoë ✓', exp: 1763800300 })), 1763800300000); // base64url, UTF-8
  assert.equal(jwtExpiresAt(jwt({ sub: 'alice' })), null);
  assert.equal(jwtExpiresAt(jwt({ sub: 'alice', exp: '1763800300' })), null);
  assert.equal(jwtExpiresAt('not-a-jwt'), null);
  assert.equal(jwtExpiresAt('a.%%%.c'), null);
  assert.equal(jwtExpiresAt(undefined), null);
});

test('refreshes a minute before expiry, or halfway through a shorter life', () => {
  const now = 1_000_000;
  assert.equal(refreshDelay(now + 3_600_000, now), 3_540_000);
  assert.equal(refreshDelay(now + 60_000, now), 30_000);
  assert.equal(refreshDelay(now + 500, now), 1000);
  assert.equal(refreshDelay(now, now), null);
  assert.equal(refreshDelay(now - 1, now), null);
});
