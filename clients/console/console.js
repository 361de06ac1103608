// The Switchboard console: every gateway serves it at GET / (PROTOCOL.md v1.1, "The browser SDK and console page").
// Connects through the browser SDK, subscribes, publishes (asking for receipts if told), lists messages, presence and
// connection events, and for admins charts the `connections` channel. See README.md in this folder.
import { connect } from '/sdk/switchboard.js';
import { byId, clockTime, el } from './dom.js';
import { MessageList } from './messages.js';
import { SubscriptionList, channelProblem } from './subscriptions.js';
import { GatewayCharts } from './charts.js';
import { PresencePanel } from './presence.js';
import { ReceiptList } from './receipts.js';

const LOG_CAP = 200;
const CONNECTIONS = 'connections';
/** Error codes that, on a channel the SDK subscribes again after a reconnection, mean it was refused. */
const REFUSALS = new Set(['permission_denied', 'unknown_channel', 'unauthorized', 'bad_request']);
const CLOSE_CODES = {
  1000: 'normal', 1001: 'gateway draining', 1002: 'protocol error', 1006: 'connection lost', 1007: 'invalid UTF-8',
  1009: 'frame too large', 1011: 'internal error', 4001: 'credentials expired or revoked', 4008: 'rate limits exceeded',
  4009: 'slow consumer', 4010: 'heartbeat timeout',
};

const ui = {
  form: byId('connect-form'), gateway: byId('gateway-url'), token: byId('token'),
  connect: byId('connect'), disconnect: byId('disconnect'), state: byId('state'), identity: byId('identity'),
  subscribeForm: byId('subscribe-form'), subscribeChannel: byId('subscribe-channel'), subscribeError: byId('subscribe-error'),
  publishForm: byId('publish-form'), publishChannel: byId('publish-channel'), publishEvent: byId('publish-event'),
  publishData: byId('publish-data'), publishError: byId('publish-error'), publishResult: byId('publish-result'),
  publishReceipts: byId('publish-receipts'), publish: byId('publish'), log: byId('event-log'),
  reconnects: byId('reconnects'), admin: byId('admin'), filter: byId('filter'),
};

const messages = new MessageList({
  list: byId('messages'), empty: byId('messages-empty'), count: byId('message-count'),
  filter: ui.filter, pause: byId('pause'), clear: byId('clear'),
}, ackMessage);
const subscriptions = new SubscriptionList({ list: byId('subscriptions'), empty: byId('subs-empty') }, removeChannel);
const charts = new GatewayCharts({ table: byId('gateways'), empty: byId('charts-empty'), charts: byId('charts') });
const presence = new PresencePanel({ panel: byId('presence'), cards: byId('presence-channels') }, log,
  (channel) => client && presence.ask(client, channel));
const receipts = new ReceiptList({ box: byId('receipts-box'), list: byId('receipts'), count: byId('receipt-count') });

/** The current SDK client, or null; a new one per Connect. */
let client = null;
let reconnects = 0;
let opened = false;
/** Set once this client subscribed by itself (personal channel, `connections`): never again if the user leaves them. */
let autoSubscribed = false;
/** Whether the data field holds JSON. */
let dataValid = true;

// ---- connection ----

ui.gateway.value = defaultGateway();
ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  start();
});
ui.disconnect.addEventListener('click', () => stop());

function defaultGateway() {
  const fromQuery = new URLSearchParams(location.search).get('gateway');
  if (fromQuery) return fromQuery;
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

function start() {
  stop();
  const url = ui.gateway.value.trim();
  const token = ui.token.value.trim();
  let next;
  try {
    next = connect(url, token ? { token } : {});
  } catch (error) {
    log('error', `cannot connect: ${error.message}`); // the SDK checks the URL before any token is added
    return;
  }
  client = next;
  opened = false;
  autoSubscribed = false;
  watch(next);
  log('info', `connecting to ${withoutQuery(url)} ${token ? 'with a token' : 'anonymously'}`);
  for (const channel of subscriptions.channels('live', 'waiting', 'closed', 'subscribing')) {
    // a personal channel belongs to the previous identity; the welcome brings the new one's
    if (channel.startsWith('user:')) subscriptions.remove(channel);
    else subscribe(channel);
  }
  render();
}

/** A URL as it may be shown: without its query, where a credential could hide. */
function withoutQuery(url) {
  try {
    const parsed = new URL(url, location.href);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(not a URL)';
  }
}

function stop() {
  if (!client) return;
  const old = client;
  client = null; // its close event is still logged: listeners check `old`
  old.close();
  subscriptions.moveAll(['live', 'waiting', 'subscribing'], 'closed');
  presence.clear();
  charts.stop();
  render();
}

function watch(c) {
  c.on('open', (welcome) => {
    if (opened) reconnects++;
    // back after a reconnection: the joins and leaves meanwhile were missed, ask who is there now
    if (opened && c === client) presence.askAll(c);
    opened = true;
    const who = welcome.user_id ? `user ${welcome.user_id}` : 'anonymous';
    const roles = welcome.roles?.length ? ` (${welcome.roles.join(', ')})` : '';
    log('open', `${who}${roles}, connection ${welcome.connection_id}${welcome.resumed ? ', resumed' : ''}`);
    ui.identity.textContent = `${who}${roles}`;
    ui.identity.title = `connection ${welcome.connection_id}, heartbeat ${welcome.heartbeat_ms} ms`;
    onWelcome(c, welcome);
    later(render);
  });
  c.on('resumed', () => log('resumed', 'the session came back through its reconnection token'));
  c.on('close', (code, reason) => {
    const name = CLOSE_CODES[code] ?? 'closed';
    log('close', `${code} (${name})${reason ? `: ${reason}` : ''}`);
    later(() => {
      if (c !== client) return;
      subscriptions.moveAll(['live', 'subscribing'], c.state === 'closed' ? 'closed' : 'waiting');
      if (c.state === 'closed') charts.stop();
      render();
    });
  });
  c.on('reconnecting', (attempt, delayMs) => {
    log('reconnecting', `attempt ${attempt} in ${(delayMs / 1000).toFixed(1)} s`);
    later(render);
  });
  c.on('error', (error) => onError(c, error));
  c.on('receipt', (receipt) => {
    if (c === client) receipts.add(receipt);
  });
}

function onWelcome(c, welcome) {
  if (c !== client) return;
  subscriptions.moveAll(['waiting'], 'live'); // the SDK subscribes them again; a refusal comes as an error event
  const admin = Array.isArray(welcome.roles) && welcome.roles.includes('admin');
  ui.admin.hidden = !admin;
  if (admin) charts.start().catch((error) => log('error', `charts: ${error.message}`));
  if (autoSubscribed) return;
  autoSubscribed = true;
  // The gateway holds the personal channel already, but the SDK hands over only the channels asked for.
  const personal = welcome.user_id ? `user:${welcome.user_id}` : null;
  if (personal && !subscriptions.has(personal)) subscribe(personal);
  if (admin && !subscriptions.has(CONNECTIONS)) subscribe(CONNECTIONS);
}

function onError(c, error) {
  log('error', `${error.code ?? error.name}: ${error.message}`);
  if (c !== client || !error.channel || !subscriptions.has(error.channel)) return;
  if (error.code === 'not_recovered') subscriptions.markGap(error.channel);
  else if (error.code === 'permission_revoked' || error.code === 'channel_closed') {
    subscriptions.setState(error.channel, 'ended', error.code);
    presence.remove(error.channel);
  } else if (REFUSALS.has(error.code) && subscriptions.state(error.channel) !== 'unsubscribing') {
    subscriptions.setState(error.channel, 'refused', error.code); // a re-subscribe after a reconnect was refused
    presence.remove(error.channel);
  }
}

function render() {
  const state = client ? client.state : 'closed';
  ui.state.dataset.state = state;
  ui.state.textContent = state;
  ui.disconnect.disabled = !client;
  ui.connect.textContent = client ? 'Reconnect' : 'Connect';
  ui.reconnects.textContent = `${reconnects} reconnect${reconnects === 1 ? '' : 's'}`;
  if (!client || state === 'closed') ui.identity.textContent = 'not connected';
  ui.publish.disabled = !client || state === 'closed' || !dataValid;
}

/** After the SDK's own handling of the current event: its `state` is up to date then. */
function later(fn) {
  setTimeout(fn, 0);
}

// ---- subscriptions ----

ui.subscribeForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const channel = ui.subscribeChannel.value.trim();
  const problem = channelProblem(channel);
  ui.subscribeError.textContent = problem ?? '';
  ui.subscribeChannel.setAttribute('aria-invalid', String(!!problem));
  if (problem) return;
  const current = subscriptions.state(channel);
  if (current && current !== 'refused' && current !== 'ended' && current !== 'closed') {
    ui.subscribeError.textContent = `Already subscribed to ${channel}.`;
    return;
  }
  if (!client) {
    ui.subscribeError.textContent = 'Connect first.';
    return;
  }
  ui.subscribeChannel.value = '';
  subscribe(channel);
});
ui.subscribeChannel.addEventListener('input', () => {
  ui.subscribeError.textContent = '';
  ui.subscribeChannel.removeAttribute('aria-invalid');
});

function subscribe(channel) {
  const c = client;
  if (!c) return;
  subscriptions.add(channel);
  const onMessage = (message) => {
    if (c !== client) return;
    subscriptions.position(channel, message.offset, message.epoch, message.ts, true);
    messages.add(message);
    if (channel === CONNECTIONS) charts.add(message);
  };
  // every channel but a personal one asks for joins and leaves: a family without presence just never sends any
  const withPresence = presence.wants(channel);
  c.subscribe(channel, onMessage, withPresence ? presence.listeners(channel) : {}).then((frame) => {
    if (c !== client) return;
    subscriptions.setState(channel, 'live', frame.recovered === false ? 'gap' : '');
    if (frame.position) subscriptions.position(channel, frame.position.offset, frame.position.epoch, null, false);
    log('reply', `subscribed ${channel} at offset ${frame.position?.offset ?? '?'}`);
    if (withPresence) presence.ask(c, channel);
  }, (error) => {
    if (c !== client || error.code === 'unsubscribed' || error.code === 'closed') return;
    subscriptions.setState(channel, 'refused', error.code);
    log('error', `subscribe ${channel}: ${error.code}: ${error.message}`);
  });
}

/** The ✕ of a row: unsubscribe a channel the gateway delivers, or just drop a refused or ended one. */
function removeChannel(channel, state) {
  if (!client || state === 'refused' || state === 'ended' || state === 'closed') {
    subscriptions.remove(channel);
    return;
  }
  const c = client;
  subscriptions.setState(channel, 'unsubscribing');
  presence.remove(channel);
  c.unsubscribe(channel).then((frame) => {
    log('reply', `unsubscribed ${channel}${frame ? ` (${frame.reason})` : ''}`);
  }, (error) => {
    log('error', `unsubscribe ${channel}: ${error.code}: ${error.message}`);
  }).finally(() => subscriptions.remove(channel));
}

// ---- publishing ----

ui.publishData.addEventListener('input', validateData);
ui.publishData.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    ui.publishForm.requestSubmit();
  }
});
ui.publishForm.addEventListener('submit', (event) => {
  event.preventDefault();
  publish();
});

/** The parsed data field, or undefined after showing why it is not JSON. */
function validateData() {
  const text = ui.publishData.value;
  let value;
  let problem = '';
  if (text.trim() === '') problem = 'Data is empty: enter a JSON value, e.g. {"text": "hello"} or null.';
  else {
    try {
      value = JSON.parse(text);
    } catch (error) {
      problem = `Invalid JSON${where(text, error.message)}: ${error.message}`;
    }
  }
  ui.publishError.textContent = problem;
  ui.publishData.setAttribute('aria-invalid', String(!!problem));
  dataValid = !problem;
  render();
  return problem ? undefined : { value };
}

/** ` at line L, column C` from a JSON.parse message that gives a position. */
function where(text, message) {
  const match = /position (\d+)/.exec(message);
  if (!match || /line \d+/.test(message)) return '';
  const before = text.slice(0, Number(match[1])).split('\n');
  return ` at line ${before.length}, column ${before.at(-1).length + 1}`;
}

function publish() {
  const parsed = validateData();
  const channel = ui.publishChannel.value.trim();
  const problem = channelProblem(channel);
  if (problem) {
    ui.publishError.textContent = problem;
    ui.publishChannel.focus();
    return;
  }
  if (!parsed || !client) return;
  const event = ui.publishEvent.value.trim() || undefined;
  const asked = ui.publishReceipts.checked;
  const started = performance.now();
  ui.publishResult.textContent = 'publishing…';
  if (asked) receipts.expect();
  client.publish(channel, parsed.value, event, { receipts: asked }).then((frame) => {
    const ms = Math.round(performance.now() - started);
    const also = asked ? ', receipts asked' : '';
    if (asked) receipts.published(frame, event);
    ui.publishResult.textContent = `published to ${frame.channel} at offset ${frame.offset} (${ms} ms${also})`;
    log('reply', `published ${frame.channel}${event ? ` ${event}` : ''} at offset ${frame.offset}${also}`);
  }, (error) => {
    ui.publishResult.textContent = '';
    ui.publishError.textContent = `Not published: ${error.code}: ${error.message}`;
    log('error', `publish ${channel}: ${error.code}: ${error.message}`);
  });
}

/** The Ack button of a message row: confirms delivery of its channel up to its offset. */
function ackMessage(message) {
  if (!client) return;
  client.ack(message.channel, message.offset);
  log('info', `acked ${message.channel} up to offset ${message.offset}`);
}

// ---- connection log ----

function log(kind, text) {
  const entry = el('li', { class: 'log-entry', dataset: { kind } },
    el('time', { text: clockTime(Date.now()) }),
    el('span', { class: 'log-text' }, el('span', { class: 'log-kind', text: kind }), ` ${text}`));
  ui.log.prepend(entry);
  while (ui.log.children.length > LOG_CAP) ui.log.lastElementChild.remove();
}

// ---- keyboard ----

document.addEventListener('keydown', (event) => {
  const typing = event.target.closest?.('input, textarea, select, [contenteditable]');
  if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    ui.filter.focus();
  } else if (event.key === 'Escape' && event.target === ui.filter) {
    ui.filter.value = '';
    messages.setFilter('');
  }
});

render();
