// Delivery receipts (PROTOCOL.md v1.1): publish asks for them only when told, `receipt` frames reach `on('receipt')`
// and never a channel's onMessage, and a personal message that asked for receipts can be acked.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { FakeSocket, message, openSubscribed, until } from './fake-socket.js';

let client;

beforeEach(() => {
  FakeSocket.all = [];
  globalThis.WebSocket = FakeSocket;
});

afterEach(() => client?.close());

async function subscribed() {
  const opened = await openSubscribed();
  client = opened.client;
  return opened;
}

const receipt = (eventId, userId = 'bob', ackedAt = 1763800000999) =>
  ({ type: 'receipt', event_id: eventId, user_id: userId, acked_at: ackedAt });

test('publish sends receipts: true only when asked, and never changes the rest of the frame', async () => {
  const { ws } = await subscribed();
  const unanswered = [
    client.publish('forum_threads:42', { text: 'hi' }, 'comment.created', { receipts: true }),
    client.publish('forum_threads:42', { text: 'no event' }, undefined, { receipts: true }),
    client.publish('forum_threads:42', 1, 'plain'),
    client.publish('forum_threads:42', 2, 'declined', { receipts: false }),
    client.publish('forum_threads:42', 3, 'truthy is not true', { receipts: 'yes' }),
  ];
  for (const publish of unanswered) publish.catch(() => {}); // rejected as `closed` after the test
  await until(() => ws.sentOf('publish').length === 5, 'five publishes');
  const [asked, noEvent, plain, declined, truthy] = ws.sentOf('publish');
  assert.deepEqual(asked, {
    type: 'publish', id: asked.id, channel: 'forum_threads:42', data: { text: 'hi' }, event: 'comment.created', receipts: true,
  });
  assert.deepEqual(noEvent, { type: 'publish', id: noEvent.id, channel: 'forum_threads:42', data: { text: 'no event' }, receipts: true });
  for (const frame of [plain, declined, truthy]) assert.equal('receipts' in frame, false, JSON.stringify(frame));
});

test('a publish with receipts still resolves with its published frame', async () => {
  const { ws } = await subscribed();
  const published = client.publish('forum_threads:42', {}, 'x', { receipts: true });
  await until(() => ws.sentOf('publish').length === 1, 'the publish');
  ws.receive({ type: 'published', id: ws.sentOf('publish')[0].id, channel: 'forum_threads:42', offset: 12 });
  assert.deepEqual(await published, { type: 'published', id: ws.sentOf('publish')[0].id, channel: 'forum_threads:42', offset: 12 });
});

test('receipt frames reach on(receipt) with their fields, and no onMessage', async () => {
  const { ws, seen } = await subscribed();
  const personal = [];
  client.subscribe('user:alice', (m) => personal.push(m));
  await until(() => ws.sentOf('subscribe').length === 2, 'the personal subscribe');
  ws.receive({ type: 'subscribed', id: ws.sentOf('subscribe')[1].id, channel: 'user:alice', position: { offset: 6, epoch: 'U:0' } });
  const receipts = [];
  const stop = client.on('receipt', (r) => receipts.push(r));
  ws.receive(receipt('e-1', 'bob', 111));
  ws.receive(receipt('e-1', 'carol', 222));
  ws.receive(message(41));
  await until(() => seen.length === 1, 'the message after the receipts');
  assert.deepEqual(receipts, [
    { event_id: 'e-1', user_id: 'bob', acked_at: 111 },
    { event_id: 'e-1', user_id: 'carol', acked_at: 222 },
  ]);
  assert.deepEqual(personal, []);
  assert.deepEqual(seen.map((m) => m.offset), [41]);
  stop();
  ws.receive(receipt('e-2'));
  ws.receive(message(42));
  await until(() => seen.length === 2, 'the next message');
  assert.equal(receipts.length, 2, 'a listener removed hears no more');
});

test('receipts arrive without a listener or a personal subscription, and change nothing', async () => {
  const { ws, seen } = await subscribed();
  const errors = [];
  client.on('error', (error) => errors.push(error));
  ws.receive(receipt('e-1'));
  ws.receive(message(41));
  await until(() => seen.length === 1, 'the message');
  assert.deepEqual(errors, []);
  assert.equal(client.state, 'open');
});

test('receipts interleaved with messages leave their order and de-duplication as they were', async () => {
  const { ws, seen } = await subscribed();
  const personal = [];
  client.subscribe('user:alice', (m) => personal.push(m));
  await until(() => ws.sentOf('subscribe').length === 2, 'the personal subscribe');
  ws.receive({ type: 'subscribed', id: ws.sentOf('subscribe')[1].id, channel: 'user:alice', position: { offset: 6, epoch: 'U:0' } });
  const receipts = [];
  client.on('receipt', (r) => receipts.push(r.event_id));
  const dm = (offset) => message(offset, { channel: 'user:alice', epoch: 'U:0', event: 'dm' });
  ws.receive(message(41));
  ws.receive(receipt('e-1'));
  ws.receive(dm(7));
  ws.receive(receipt('e-2'));
  ws.receive(message(41, { replayed: true })); // a repeat after a receipt is still a repeat
  ws.receive(dm(7));
  ws.receive(receipt('e-3'));
  ws.receive(message(43));
  ws.receive(dm(9));
  await until(() => seen.length === 2 && personal.length === 2 && receipts.length === 3, 'everything');
  assert.deepEqual(seen.map((m) => m.offset), [41, 43]);
  assert.deepEqual(personal.map((m) => m.offset), [7, 9]);
  assert.deepEqual(receipts, ['e-1', 'e-2', 'e-3']);
});

test('a receipt without an event id or a user id is reported as bad_frame, and the frames after it go on', async () => {
  const { ws, seen } = await subscribed();
  const errors = [];
  const receipts = [];
  client.on('error', (error) => errors.push(error));
  client.on('receipt', (r) => receipts.push(r));
  ws.receive({ type: 'receipt', user_id: 'bob', acked_at: 1 });
  ws.receive({ type: 'receipt', event_id: 'e-1', acked_at: 1 });
  ws.receive(receipt('e-2'));
  ws.receive(message(41));
  await until(() => seen.length === 1, 'the message');
  assert.deepEqual(errors.map((e) => e.code), ['bad_frame', 'bad_frame']);
  assert.deepEqual(receipts.map((r) => r.event_id), ['e-2']);
});

test('an exception in a receipt listener is reported, and later frames are still delivered', async () => {
  const { ws, seen } = await subscribed();
  const errors = [];
  client.on('error', (error) => errors.push(error));
  client.on('receipt', () => {
    throw new Error('listener bug');
  });
  ws.receive(receipt('e-1'));
  ws.receive(message(41));
  await until(() => seen.length === 1, 'the message');
  assert.deepEqual(errors.map((e) => e.message), ['listener bug']);
});

test('a personal message that asked for receipts is acked up to its offset by the application', async () => {
  const { ws } = await subscribed();
  client.subscribe('user:alice', (m) => client.ack(m.channel, m.offset));
  await until(() => ws.sentOf('subscribe').length === 2, 'the personal subscribe');
  ws.receive({ type: 'subscribed', id: ws.sentOf('subscribe')[1].id, channel: 'user:alice', position: { offset: 6, epoch: 'U:0' } });
  ws.receive(message(7, { channel: 'user:alice', epoch: 'U:0', event: 'invoice.ready' }));
  await until(() => ws.sentOf('ack').length === 1, 'the ack');
  assert.deepEqual(ws.sentOf('ack'), [{ type: 'ack', channel: 'user:alice', offset: 7 }]);
});

test('on(receipt) is a known event, and unknown events are still refused', async () => {
  await subscribed();
  assert.equal(typeof client.on('receipt', () => {}), 'function');
  assert.throws(() => client.on('receipts', () => {}), TypeError);
});
