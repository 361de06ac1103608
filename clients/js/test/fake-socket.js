// A scripted fake WebSocket, for tests of the client: the test plays the gateway, frame by frame.
import assert from 'node:assert/strict';
import { connect } from '../switchboard.js';

/** A WebSocket the test plays the gateway for. */
export class FakeSocket {
  static all = [];

  constructor(url, protocol) {
    this.url = new URL(url);
    this.protocol = protocol;
    this.readyState = 0;
    this.sent = [];
    FakeSocket.all.push(this);
  }

  send(text) {
    this.sent.push(JSON.parse(text));
  }

  close(code = 1005) {
    if (this.readyState === 3) return;
    this.readyState = 3;
    setImmediate(() => this.onclose?.({ code, reason: '' }));
  }

  // ---- the gateway's side ----

  welcome(fields = {}) {
    this.readyState = 1;
    this.receive({ type: 'welcome', connection_id: 'c-1', user_id: 'alice', roles: ['viewer'], heartbeat_ms: 25000, resumed: false, ...fields });
  }

  receive(frame) {
    this.onmessage?.({ data: frame instanceof ArrayBuffer ? frame : JSON.stringify(frame) });
  }

  drop(code, reason = '') {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  sentOf(type) {
    return this.sent.filter((frame) => frame.type === type);
  }
}

export const last = () => FakeSocket.all.at(-1);

export async function until(condition, what) {
  for (let i = 0; i < 500; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  assert.fail(`timed out waiting for ${what}`);
}

export async function nextSocket() {
  const count = FakeSocket.all.length;
  await until(() => FakeSocket.all.length > count, 'a new socket');
  return last();
}

export function message(offset, fields = {}) {
  return { type: 'message', channel: 'metrics', offset, epoch: 'E:0', event: 'cpu', data: { n: offset }, ts: offset, ...fields };
}

/** Opens a client, subscribes to `metrics` and answers the subscribe at offset 40. */
export async function openSubscribed(options = {}) {
  const client = connect('wss://gw.example/ws', { token: 'jwt-1', minDelayMs: 1, maxDelayMs: 2, ...options });
  const seen = [];
  await until(() => FakeSocket.all.length > 0, 'the first socket');
  const ws = last();
  const subscribe = client.subscribe('metrics', (m) => seen.push(m));
  ws.welcome();
  await until(() => ws.sentOf('subscribe').length === 1, 'subscribe');
  ws.receive({ type: 'subscribed', id: ws.sentOf('subscribe')[0].id, channel: 'metrics', position: { offset: 40, epoch: 'E:0' } });
  await subscribe;
  return { client, ws, seen };
}
