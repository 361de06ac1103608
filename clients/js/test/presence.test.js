// Presence (PROTOCOL.md v1.1): subscribe's presence flag, join and leave notices, and presence kept across a resume.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { FakeSocket, message, nextSocket, openSubscribed, until } from './fake-socket.js';

let client;

beforeEach(() => {
  FakeSocket.all = [];
  globalThis.WebSocket = FakeSocket;
});

afterEach(() => client?.close());

const ROOM = 'chat_rooms:1';

/** A client subscribed to `metrics` (without presence) and to ROOM with presence, answered at offset 3. */
async function inRoom() {
  const opened = await openSubscribed();
  client = opened.client;
  const { ws } = opened;
  const changes = [];
  const roomMessages = [];
  const subscribed = client.subscribe(ROOM, (m) => roomMessages.push(m), {
    presence: true,
    onJoin: (change) => changes.push(['join', change]),
    onLeave: (change) => changes.push(['leave', change]),
  });
  await until(() => ws.sentOf('subscribe').length === 2, 'the room subscribe');
  ws.receive({ type: 'subscribed', id: ws.sentOf('subscribe')[1].id, channel: ROOM, position: { offset: 3, epoch: 'R:0' } });
  await subscribed;
  return { ...opened, changes, roomMessages };
}

const roomMessage = (offset) => message(offset, { channel: ROOM, epoch: 'R:0', event: 'said' });

test('subscribe asks for presence only when told', async () => {
  const { ws } = await inRoom();
  const [plain, withPresence] = ws.sentOf('subscribe');
  assert.equal('presence' in plain, false);
  assert.deepEqual(withPresence, { type: 'subscribe', id: withPresence.id, channel: ROOM, presence: true });
});

test('join and leave reach onJoin and onLeave of their channel, never onMessage, and move no position', async () => {
  const { ws, changes, roomMessages } = await inRoom();
  ws.receive(roomMessage(4));
  ws.receive({ type: 'join', channel: ROOM, user_id: 'bob', ts: 10 });
  ws.receive({ type: 'leave', channel: ROOM, user_id: 'bob', ts: 11 });
  ws.receive({ type: 'join', channel: 'chat_rooms:other', user_id: 'eve', ts: 12 }); // not ours: dropped
  ws.receive(roomMessage(4));
  ws.receive(roomMessage(5));
  await until(() => roomMessages.length === 2, 'two room messages');
  assert.deepEqual(changes, [
    ['join', { channel: ROOM, user_id: 'bob', ts: 10 }],
    ['leave', { channel: ROOM, user_id: 'bob', ts: 11 }],
  ]);
  assert.deepEqual(roomMessages.map((m) => m.offset), [4, 5]);
});

test('after a resume the gateway restores presence with the channel: no subscribe of our own, joins still reach onJoin', async () => {
  const { ws, seen, changes, roomMessages } = await inRoom();
  ws.receive({ type: 'reconnection_token', id: ws.sentOf('get_reconnection_token')[0].id, token: 'P'.repeat(43), expires_at: Date.now() + 300000 });
  ws.receive(roomMessage(4));
  await until(() => roomMessages.length === 1, 'a room message');
  ws.drop(4009, 'slow consumer');
  const next = await nextSocket();
  assert.equal(next.url.searchParams.get('resume'), 'P'.repeat(43));
  next.welcome({ resumed: true });
  next.receive({ type: 'subscribed', channel: 'metrics', position: { offset: 44, epoch: 'E:0' }, recovered: true });
  next.receive({ type: 'subscribed', channel: ROOM, position: { offset: 6, epoch: 'R:0' }, recovered: true });
  for (const offset of [5, 6]) next.receive(roomMessage(offset));
  next.receive({ type: 'join', channel: ROOM, user_id: 'carol', ts: 20 });
  next.receive(message(45));
  await until(() => seen.length === 1 && changes.length === 1, 'the metrics message and the join');
  assert.deepEqual(roomMessages.map((m) => m.offset), [4, 5, 6]);
  assert.deepEqual(changes.map(([kind, c]) => `${kind} ${c.user_id}`), ['join carol']);
  assert.equal(next.sentOf('subscribe').length, 0, 'both channels were restored as they were: no subscribe of our own');
});
