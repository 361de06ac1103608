// The client against a scripted fake WebSocket: what it sends, and what the application sees, across reconnects.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { binaryFrame, inflatableEncodings, jwt, metadata } from './frames.js';
import { FakeSocket, message, nextSocket, openSubscribed, until } from './fake-socket.js';

let client;

/** Opens a client, subscribes to `metrics` and answers the subscribe at offset 40. */
async function subscribed(options = {}) {
  const opened = await openSubscribed(options);
  client = opened.client;
  return opened;
}

beforeEach(() => {
  FakeSocket.all = [];
  globalThis.WebSocket = FakeSocket;
});

afterEach(() => client?.close());

test('connects with the token, the subprotocol and the encodings it can inflate', async () => {
  const { ws } = await subscribed();
  assert.equal(ws.protocol, 'switchboard.v1');
  assert.equal(ws.url.pathname, '/ws');
  assert.equal(ws.url.searchParams.get('access_token'), 'jwt-1');
  assert.equal(ws.url.searchParams.get('accept_encoding'), inflatableEncodings().join(','));
  assert.equal(client.state, 'open');
  assert.deepEqual(ws.sentOf('subscribe')[0], { type: 'subscribe', id: ws.sentOf('subscribe')[0].id, channel: 'metrics' });
});

test('delivers text and compressed frames in arrival order', async () => {
  const { ws, seen } = await subscribed();
  ws.receive(binaryFrame('compressed_json', 'gzip', metadata({ channel: 'metrics', offset: 41, epoch: 'E:0' }), gzipSync('{"n":41}')));
  ws.receive(message(42));
  await until(() => seen.length === 2, 'two messages');
  assert.deepEqual(seen.map((m) => [m.offset, m.data.n]), [[41, 41], [42, 42]]);
});

test('matches replies by id and rejects an error frame with its code', async () => {
  const { ws } = await subscribed();
  const published = client.publish('metrics', { cpu: 1 }, 'cpu');
  const refused = client.publish('signals', 1);
  const who = client.presence('forum_threads:42');
  await until(() => ws.sent.length >= 5, 'three requests');
  const [p1, p2] = ws.sentOf('publish');
  assert.deepEqual(p1, { type: 'publish', id: p1.id, channel: 'metrics', data: { cpu: 1 }, event: 'cpu' });
  ws.receive({ type: 'error', id: p2.id, code: 'permission_denied', message: 'no', channel: 'signals' });
  ws.receive({ type: 'published', id: p1.id, channel: 'metrics', offset: 58 });
  ws.receive({ type: 'error', id: ws.sentOf('presence')[0].id, code: 'unknown_type', message: "unknown type 'presence'" });
  assert.equal((await published).offset, 58);
  await assert.rejects(refused, { code: 'permission_denied', channel: 'signals' });
  await assert.rejects(who, { code: 'unknown_type' });
});

test('joins every page of a presence answer', async () => {
  const { ws } = await subscribed();
  const who = client.presence('chat_rooms:1');
  await until(() => ws.sentOf('presence').length === 1, 'presence');
  ws.receive({ type: 'presence', id: ws.sentOf('presence')[0].id, channel: 'chat_rooms:1', members: [{ user_id: 'a', connections: 1 }], count: 2, next: 'a' });
  await until(() => ws.sentOf('presence').length === 2, 'the second page');
  assert.equal(ws.sentOf('presence')[1].after, 'a');
  ws.receive({ type: 'presence', id: ws.sentOf('presence')[1].id, channel: 'chat_rooms:1', members: [{ user_id: 'b', connections: 2 }], count: 2 });
  assert.deepEqual((await who).members.map((m) => m.user_id), ['a', 'b']);
});

test('after a socket that died, subscribes again after the last delivered offset and drops what it saw', async () => {
  const { ws, seen } = await subscribed();
  const reconnecting = [];
  client.on('reconnecting', (attempt, delayMs) => reconnecting.push([attempt, delayMs]));
  ws.receive({ type: 'reconnection_token', id: ws.sentOf('get_reconnection_token')[0].id, token: 'R'.repeat(43), expires_at: Date.now() + 300000 });
  ws.receive(message(41));
  ws.receive(message(45));
  await until(() => seen.length === 2, 'two messages');
  ws.drop(1006);
  const next = await nextSocket();
  assert.equal(client.state, 'reconnecting');
  assert.equal(reconnecting[0][0], 1);
  assert.ok(reconnecting[0][1] >= 1 && reconnecting[0][1] <= 2);
  assert.equal(next.url.searchParams.get('resume'), null, 'no resume: bytes in flight may be lost');
  assert.equal(next.url.searchParams.get('access_token'), 'jwt-1');
  next.welcome();
  await until(() => next.sentOf('subscribe').length === 1, 're-subscribe');
  const again = next.sentOf('subscribe')[0];
  assert.deepEqual(again.since, { offset: 45, epoch: 'E:0' });
  next.receive({ type: 'subscribed', id: again.id, channel: 'metrics', position: { offset: 50, epoch: 'E:0' }, recovered: true });
  for (const offset of [41, 45, 47, 50]) next.receive(message(offset, offset === 45 ? { replayed: true } : {}));
  await until(() => seen.length === 4, 'four messages');
  assert.deepEqual(seen.map((m) => m.offset), [41, 45, 47, 50]);
});

test('resumes with its reconnection token after a clean close, alone on the URL', async () => {
  const { ws, seen } = await subscribed();
  const resumed = [];
  client.on('resumed', (welcome) => resumed.push(welcome));
  const token = 'T'.repeat(43);
  ws.receive({ type: 'reconnection_token', id: ws.sentOf('get_reconnection_token')[0].id, token, expires_at: Date.now() + 300000 });
  ws.receive(message(41));
  await until(() => seen.length === 1, 'a message');
  ws.drop(4009, 'slow consumer');
  const next = await nextSocket();
  assert.equal(next.url.searchParams.get('resume'), token);
  assert.equal(next.url.searchParams.get('access_token'), null, 'the gateway would take access_token first');
  next.welcome({ resumed: true });
  next.receive({ type: 'subscribed', channel: 'metrics', position: { offset: 44, epoch: 'E:0' }, recovered: true });
  next.receive({ type: 'subscribed', channel: 'forum_threads:9', position: { offset: 3, epoch: 'F:0' }, recovered: true });
  next.receive(message(44));
  await until(() => seen.length === 2, 'the resumed message');
  assert.equal(resumed.length, 1);
  assert.equal(next.sentOf('subscribe').length, 0, 'the gateway restored it');
  assert.deepEqual(next.sentOf('unsubscribe').map((f) => f.channel), ['forum_threads:9']);
  assert.equal(next.sentOf('get_reconnection_token').length, 1, 'a fresh token after each resume');
});

test('does not reconnect after a close that reconnecting cannot fix, and rejects what waits', async () => {
  const { ws } = await subscribed();
  const pending = client.publish('metrics', 1);
  const closes = [];
  client.on('close', (code, reason) => closes.push([code, reason]));
  ws.drop(1002, 'protocol error');
  await assert.rejects(pending, { code: 'connection_closed' });
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(FakeSocket.all.length, 1);
  assert.equal(client.state, 'closed');
  assert.deepEqual(closes, [[1002, 'protocol error']]);
});

test('on 4001 asks the token function again before reconnecting', async () => {
  const tokens = [jwt({ sub: 'alice', exp: 4102444800 }), jwt({ sub: 'alice', exp: 4102444801 })];
  let calls = 0;
  const { ws } = await subscribed({ token: async () => tokens[calls++] });
  assert.equal(ws.url.searchParams.get('access_token'), tokens[0]);
  ws.drop(4001, 'credentials expired');
  const next = await nextSocket();
  assert.equal(calls, 2);
  assert.equal(next.url.searchParams.get('access_token'), tokens[1]);
});

test('on 4001 with a fixed token, stops', async () => {
  const { ws } = await subscribed();
  ws.drop(4001);
  await until(() => client.state === 'closed', 'closed');
  assert.equal(FakeSocket.all.length, 1);
});

test('queues requests and acks made while reconnecting', async () => {
  const { ws } = await subscribed();
  ws.drop(1011);
  const next = await nextSocket();
  const published = client.publish('metrics', 2);
  client.ack('user:alice', 7);
  client.ack('user:alice', 9);
  assert.equal(next.sent.length, 0);
  next.welcome();
  await until(() => next.sentOf('publish').length === 1, 'the queued publish');
  assert.deepEqual(next.sentOf('ack'), [{ type: 'ack', channel: 'user:alice', offset: 9 }]);
  next.receive({ type: 'published', id: next.sentOf('publish')[0].id, channel: 'metrics', offset: 60 });
  assert.equal((await published).offset, 60);
});

test('tells the application when a gap could not be recovered', async () => {
  const { ws, seen } = await subscribed();
  const errors = [];
  client.on('error', (error) => errors.push(error));
  ws.receive(message(41));
  await until(() => seen.length === 1, 'a message');
  ws.drop(1006);
  const next = await nextSocket();
  next.welcome();
  await until(() => next.sentOf('subscribe').length === 1, 're-subscribe');
  next.receive({ type: 'subscribed', id: next.sentOf('subscribe')[0].id, channel: 'metrics', position: { offset: 5, epoch: 'NEW:0' }, recovered: false });
  next.receive(message(6, { epoch: 'NEW:0' }));
  await until(() => seen.length === 2, 'the new epoch');
  assert.equal(errors[0].code, 'not_recovered');
  assert.deepEqual(seen.map((m) => [m.epoch, m.offset]), [['E:0', 41], ['NEW:0', 6]]);
});

test('keeps its reconnection token across handshakes that fail, and resumes once a gateway answers', async () => {
  const { ws, seen } = await subscribed();
  const resumed = [];
  client.on('resumed', (welcome) => resumed.push(welcome));
  const token = 'K'.repeat(43);
  ws.receive({ type: 'reconnection_token', id: ws.sentOf('get_reconnection_token')[0].id, token, expires_at: Date.now() + 300000 });
  ws.receive(message(41));
  await until(() => seen.length === 1, 'a message');
  ws.drop(1001, 'gateway shutting down');
  const refused = await nextSocket();
  assert.equal(refused.url.searchParams.get('resume'), token);
  refused.drop(1006); // no gateway on the port yet: the token was never presented to one
  const next = await nextSocket();
  assert.equal(next.url.searchParams.get('resume'), token);
  next.welcome({ resumed: true });
  next.receive({ type: 'subscribed', channel: 'metrics', position: { offset: 42, epoch: 'E:0' }, recovered: true });
  next.receive(message(42));
  await until(() => seen.length === 2, 'the resumed message');
  assert.equal(resumed.length, 1);
  assert.equal(next.sentOf('subscribe').length, 0, 'the gateway restored it');
});

test('a malformed frame from the server is reported as an error, and the frames after it are delivered', async () => {
  const { ws, seen } = await subscribed();
  const errors = [];
  client.on('error', (error) => errors.push(error));
  ws.onmessage({ data: '{"type":"message", "channel": "metrics", ' });
  ws.onmessage({ data: 'null' });
  ws.onmessage({ data: '[1,2]' });
  ws.receive({ type: 'message', channel: 'metrics', offset: 'x' });
  ws.receive(binaryFrame('compressed_json', 'gzip', metadata({ channel: 'metrics', offset: 41, epoch: 'E:0' }), Buffer.from('not gzip')));
  ws.receive(binaryFrame('compressed_json', 'none', 'not json metadata', Buffer.from('{}')));
  ws.onmessage({ data: new ArrayBuffer(3) });
  ws.receive(message(42));
  await until(() => seen.length === 1, 'the good message');
  assert.deepEqual(seen.map((m) => m.offset), [42]);
  assert.ok(errors.length >= 5, `errors: ${errors.map((e) => e.message)}`);
  assert.ok(errors.every((e) => e.code === 'bad_frame'), `codes: ${errors.map((e) => e.code)}`);
  assert.equal(client.state, 'open');
});

test('does not refresh a JWT that expires in years (timers past 2^31 ms would fire at once)', async () => {
  let calls = 0;
  const { ws } = await subscribed({ token: async () => { calls++; return jwt({ sub: 'alice', exp: 4102444800 }); } });
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal(ws.sentOf('refresh').length, 0);
  assert.equal(calls, 1);
});
