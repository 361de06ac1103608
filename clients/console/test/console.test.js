// The console's pure parts: `node --test clients/console/test/` (Node 20, no packages). The page itself is checked
// in a real browser (README.md, "Developing").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summaryPoint } from '../charts.js';
import { channelProblem } from '../subscriptions.js';
import { ago, compact, fullText, preview } from '../dom.js';

// the example of docs/operations.md, "The `connections` channel"
const SUMMARY = {
  gateway_id: 'gateway-1', state: 'serving', sequence: 42, at: '2026-11-23T15:40:00.012Z',
  interval_ms: 10000, uptime_ms: 420117, ready: true,
  connections_active: 412, subscriptions: 1630, channels: 57,
  connections_opened: 12, connections_closed: { 1000: 9, 1001: 1, 4009: 1 },
  messages_received: 840, messages_sent: 51230,
  errors: { rate_limited: 3, permission_denied: 1 }, rate_limited: 3, resumes: { resumed: 1 },
  delivery_latency_ms: { count: 51100, mean: 4.1, p50: 4.194, p99: 16.777 },
};
const message = (data, event = 'gateway_summary') => ({ channel: 'connections', event, data, offset: 1, epoch: 'e', ts: 5000 });

test('a gateway summary becomes a chart point: gauges as they are, counts per second of its interval', () => {
  assert.deepEqual(summaryPoint(message(SUMMARY)), {
    gateway: 'gateway-1', t: Date.parse('2026-11-23T15:40:00.012Z') / 1000,
    connections: 412, subscriptions: 1630, in: 84, out: 5123, p50: 4.194, p99: 16.777,
    state: 'serving', ready: true, intervalMs: 10000,
  });
});

test('an interval without deliveries has no latency, and a summary without a usable `at` takes the event time', () => {
  const { delivery_latency_ms: _none, ...quiet } = SUMMARY;
  const point = summaryPoint(message({ ...quiet, at: 'not a time' }));
  assert.equal(point.p50, null);
  assert.equal(point.p99, null);
  assert.equal(point.t, 5);
});

test('a zero interval gives no rates rather than infinities', () => {
  const point = summaryPoint(message({ ...SUMMARY, interval_ms: 0 }));
  assert.equal(point.in, null);
  assert.equal(point.out, null);
});

test('anything but a gateway summary is ignored', () => {
  assert.equal(summaryPoint(message(SUMMARY, 'something_else')), null);
  assert.equal(summaryPoint(message('a string')), null);
  assert.equal(summaryPoint(message(null)), null);
  assert.equal(summaryPoint(message({ ...SUMMARY, gateway_id: 7 })), null);
});

test('channel names follow PROTOCOL.md', () => {
  for (const ok of ['metrics', 'forum_threads:42', 'user:alice', 'track_comments:Ab-1.x@y:z', 'a.b-c_d']) {
    assert.equal(channelProblem(ok), null, ok);
  }
  for (const bad of ['', 'Metrics', 'forum threads', 'metrics:', ':key', 'a:b c', '<img>', 'x'.repeat(201)]) {
    assert.notEqual(channelProblem(bad), null, bad);
  }
});

test('previews are one line and bounded; binary payloads show their size', () => {
  assert.equal(preview({ text: '<img src=x onerror=alert(1)>' }), '{"text":"<img src=x onerror=alert(1)>"}');
  assert.equal(preview(null), 'null');
  assert.equal(preview(undefined), 'undefined');
  assert.equal(preview('x'.repeat(500)).length, 240);
  assert.equal(preview(new Uint8Array(3)), '‹3 bytes›');
  assert.match(fullText(new Uint8Array([1, 255])), /^2 bytes\n01 ff$/);
  assert.equal(fullText({ a: 1 }), '{\n  "a": 1\n}');
});

test('numbers and ages read compactly', () => {
  assert.equal(compact(null), '–');
  assert.equal(compact(412), '412');
  assert.equal(compact(0.6), '0.60');
  assert.equal(compact(33.61), '33.6');
  assert.equal(compact(51230), '51.2k');
  assert.equal(compact(2_500_000), '2.5M');
  assert.equal(ago(1000, 4000), '3 s ago');
  assert.equal(ago(0, 300_000), '5 min ago');
});
