// Switchboard browser SDK: one dependency-free ES module, served by every gateway at /sdk/switchboard.js
// (PROTOCOL.md v1.1, "The browser SDK and console page"). Runs as-is in a modern browser, and in Node 20+
// wherever a global WebSocket exists.

const SUBPROTOCOL = 'switchboard.v1';
/** Close codes after which reconnecting cannot help: normal, or a client bug (PROTOCOL.md, "Close codes"). */
const FINAL_CLOSE_CODES = new Set([1000, 1002, 1007, 1009]);
const CREDENTIALS_EXPIRED = 4001;
/** No close frame was received: the socket died, and bytes the gateway wrote may never have arrived. */
const ABNORMAL_CLOSURE = 1006;
const PING_TIMEOUT_MS = 10_000;
/** A reconnection token or JWT this close to its expiry is not worth presenting. */
const EXPIRY_MARGIN_MS = 5_000;
/** How long a resumed connection waits for the gateway to restore a channel before subscribing to it itself. */
const RESTORE_TIMEOUT_MS = 10_000;
/**
 * How long failed handshakes may keep presenting one reconnection token. A browser cannot tell a refused connection
 * (the gateway restarting) from a 401 (a token already used): past this, the SDK re-subscribes with `since` instead.
 */
const RESUME_RETRY_MS = 30_000;
/** The longest delay `setTimeout` takes: browsers and Node run a longer one at once (a 32-bit overflow). */
const MAX_TIMER_MS = 2 ** 31 - 1;
const EVENTS = new Set(['open', 'close', 'reconnecting', 'resumed', 'error', 'receipt']);

/**
 * Opens a connection to a Switchboard gateway; it reconnects by itself until `close()` (see README.md).
 *
 * @param {string} url the gateway's WebSocket endpoint, e.g. `wss://gateway.example/ws`
 * @param {object} [options]
 * @param {string|(() => Promise<string>|string)} [options.token] a JWT, or a function returning a fresh one
 * @param {string[]} [options.acceptEncoding] payload encodings to announce; default: what this runtime can inflate
 * @param {number} [options.minDelayMs] first reconnection delay bound, default 500
 * @param {number} [options.maxDelayMs] largest reconnection delay, default 20000
 */
export function connect(url, options = {}) {
  return new Client(url, options);
}

/** What the client holds for one channel the application subscribed to. */
class Subscription {
  constructor(name, onMessage, options) {
    this.name = name;
    this.onMessage = onMessage;
    this.presence = options.presence === true;
    this.onJoin = options.onJoin;
    this.onLeave = options.onLeave;
    /** The last position handed to onMessage (at first: where the stream began): where a re-subscribe resumes. */
    this.last = null;
    /** Whether the current connection delivers the channel. */
    this.confirmed = false;
    /** subscribe() promises still waiting for the first `subscribed`. */
    this.waiters = [];
  }

  frame(id) {
    const frame = { type: 'subscribe', id, channel: this.name };
    if (this.last) frame.since = { offset: this.last.offset, epoch: this.last.epoch };
    if (this.presence) frame.presence = true;
    return frame;
  }

  settle(error, frame) {
    for (const waiter of this.waiters.splice(0)) {
      if (error) waiter.reject(error);
      else waiter.resolve(frame);
    }
  }
}

/** One socket's life: the SDK makes a new one for every (re)connection. */
class Connection {
  constructor() {
    this.ws = null;
    this.welcomed = false;
    this.closed = false;
    /** Channels a `resume=` handshake should bring back by itself; empty for a fresh connection. */
    this.restoring = new Set();
    this.resumeAttempt = false;
  }
}

class Client {
  #url;
  #token;
  #acceptEncoding;
  #minDelayMs;
  #maxDelayMs;
  #state = 'connecting';
  #conn = new Connection();
  #closing = false;
  #attempt = 0;
  #nextId = 0;
  #userId = null;
  #listeners = new Map();
  /** @type {Map<string, Subscription>} */
  #channels = new Map();
  /** Requests waiting for their reply, by id: `{frame, resolve, reject, sent, owned}`. */
  #requests = new Map();
  /** The highest offset acknowledged per channel while no connection was open, sent at the next welcome. */
  #acks = new Map();
  #jwt = null;
  #jwtStale = false;
  /** The latest reconnection token: `{token, expiresAt, channels}`; one use only. */
  #resume = null;
  /** Every frame is handled after the one before it, even while a binary one is being inflated. */
  #inbound = Promise.resolve();
  #timers = { reconnect: null, renew: null, refresh: null, restore: null };
  #onVisibilityChange = () => this.#pingIfVisible();

  constructor(url, options) {
    const parsed = new URL(url, globalThis.location?.href); // throws on a bad URL, before any token is added
    if (!/^(wss?|https?):$/.test(parsed.protocol)) throw new TypeError('a gateway URL is ws:, wss:, http: or https:');
    if (options.token != null && typeof options.token !== 'string' && typeof options.token !== 'function') {
      throw new TypeError('options.token must be a string or a function');
    }
    this.#url = url;
    this.#token = options.token ?? null;
    this.#acceptEncoding = options.acceptEncoding ?? supportedEncodings();
    this.#minDelayMs = options.minDelayMs ?? 500;
    this.#minDelayMs = Math.min(this.#minDelayMs, MAX_TIMER_MS);
    this.#maxDelayMs = Math.min(Math.max(options.maxDelayMs ?? 20_000, this.#minDelayMs), MAX_TIMER_MS);
    globalThis.document?.addEventListener?.('visibilitychange', this.#onVisibilityChange);
    this.#open(this.#conn);
  }

  /** `connecting`, `open`, `reconnecting` or `closed`. */
  get state() {
    return this.#state;
  }

  /**
   * Subscribes to a channel; the returned promise settles with the first `subscribed` frame or the `error`. The
   * subscription outlives reconnections: `onMessage` sees each message once, in order.
   */
  subscribe(channel, onMessage, options = {}) {
    if (typeof onMessage !== 'function') throw new TypeError('onMessage must be a function');
    if (this.#state === 'closed') return Promise.reject(closedError());
    if (this.#channels.has(channel)) {
      const message = `already subscribed to ${channel}`;
      return Promise.reject(new SwitchboardError('already_subscribed', message, { channel }));
    }
    const subscription = new Subscription(channel, onMessage, options);
    this.#channels.set(channel, subscription);
    const subscribed = new Promise((resolve, reject) => subscription.waiters.push({ resolve, reject }));
    if (this.#state === 'open') this.#sendSubscribe(subscription);
    return subscribed;
  }

  /** Stops delivering a channel; resolves with the `unsubscribed` frame, or undefined when no connection is open. */
  unsubscribe(channel) {
    const subscription = this.#channels.get(channel);
    if (subscription) {
      this.#channels.delete(channel);
      subscription.settle(new SwitchboardError('unsubscribed', `unsubscribed from ${channel}`, { channel }));
    }
    return this.#state === 'open' ? this.#request({ type: 'unsubscribe', channel }) : Promise.resolve(undefined);
  }

  /**
   * Publishes a JSON value; resolves with the `published` frame once it is durably in the channel's stream. With
   * `{receipts: true}` each user who acknowledges the message answers with a `receipt` event (see `on`).
   */
  publish(channel, data, event, options = {}) {
    const frame = { type: 'publish', channel, data };
    if (event != null) frame.event = event;
    if (options?.receipts === true) frame.receipts = true; // only when asked: a v1.0 frame otherwise
    return this.#request(frame);
  }

  /** Who is on a presence-enabled channel: the `presence` frame, every page of members joined into one. */
  async presence(channel) {
    let page = await this.#request({ type: 'presence', channel });
    const members = [...(page.members ?? [])];
    while (page.next != null) {
      page = await this.#request({ type: 'presence', channel, after: page.next });
      members.push(...(page.members ?? []));
    }
    const { next: _last, ...answer } = page;
    return { ...answer, members };
  }

  /** Confirms delivery up to `offset` (no reply); kept for the next connection while none is open. */
  ack(channel, offset) {
    if (this.#state === 'open') {
      this.#send({ type: 'ack', channel, offset });
    } else if (this.#state !== 'closed' && !(this.#acks.get(channel) >= offset)) {
      this.#acks.set(channel, offset);
    }
  }

  /**
   * Listens to `open`, `close`, `reconnecting`, `resumed`, `error` or `receipt`; returns a function that stops
   * listening.
   */
  on(event, fn) {
    if (!EVENTS.has(event)) throw new TypeError(`unknown event '${event}'`);
    if (!this.#listeners.has(event)) this.#listeners.set(event, new Set());
    this.#listeners.get(event).add(fn);
    return () => this.#listeners.get(event).delete(fn);
  }

  /** Closes the connection for good (1000); pending promises are rejected with `closed`. */
  close() {
    if (this.#state === 'closed') return;
    this.#closing = true;
    this.#shutDown(closedError());
    const ws = this.#conn.ws;
    if (ws && ws.readyState <= 1) {
      ws.close(1000); // its close event still reports to `close` listeners
    } else {
      this.#conn.closed = true;
      this.#emit('close', 1000, 'client closed');
    }
  }

  // ---- connecting ----

  async #open(conn) {
    this.#conn = conn;
    let query;
    try {
      query = await this.#credentials(conn);
    } catch (error) {
      if (this.#closing) return;
      this.#emit('error', error);
      this.#reconnectLater();
      return;
    }
    if (this.#closing || this.#conn !== conn) return;
    let ws;
    try {
      ws = new WebSocket(this.#socketUrl(query), SUBPROTOCOL);
    } catch {
      // the runtime's message may quote the URL, and so the token: say less
      this.#shutDown(new SwitchboardError('bad_request', 'cannot open a WebSocket to the gateway URL'));
      return;
    }
    conn.ws = ws;
    ws.binaryType = 'arraybuffer';
    ws.onmessage = (event) => this.#enqueue(() => this.#onData(conn, event.data));
    ws.onclose = (event) => this.#enqueue(() => this.#onSocketClose(conn, event.code, event.reason));
    ws.onerror = () => {}; // a close event always follows, and its code says more
  }

  /**
   * The credential query parameter for the next handshake. A reconnection token goes alone: the gateway takes
   * `access_token` first when both are present (HandshakeAuthenticator), which would ignore the resume.
   */
  async #credentials(conn) {
    const resume = this.#resume;
    const now = Date.now();
    const retrying = resume?.firstFailure == null || now - resume.firstFailure < RESUME_RETRY_MS;
    if (resume && resume.expiresAt - now > EXPIRY_MARGIN_MS && retrying) {
      // kept until a welcome: a handshake that fails (a gateway restarting) did not use it
      conn.resumeAttempt = true;
      conn.restoring = resume.channels;
      return { resume: resume.token };
    }
    this.#resume = null;
    if (typeof this.#token === 'function') {
      const expiresAt = this.#jwt === null ? null : jwtExpiresAt(this.#jwt);
      if (this.#jwt === null || this.#jwtStale || (expiresAt !== null && expiresAt - Date.now() < EXPIRY_MARGIN_MS)) {
        this.#jwt = await this.#askToken();
        this.#jwtStale = false;
      }
      return { access_token: this.#jwt };
    }
    return this.#token ? { access_token: this.#token } : {};
  }

  #socketUrl(query) {
    const url = new URL(this.#url, globalThis.location?.href);
    url.protocol = url.protocol.replace(/^http/, 'ws');
    url.searchParams.delete('access_token');
    url.searchParams.delete('resume');
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    if (this.#acceptEncoding.length > 0) url.searchParams.set('accept_encoding', this.#acceptEncoding.join(','));
    return url.href;
  }

  #reconnectLater() {
    this.#state = 'reconnecting';
    const attempt = ++this.#attempt;
    const delayMs = backoffDelay(attempt, this.#minDelayMs, this.#maxDelayMs);
    this.#emit('reconnecting', attempt, delayMs);
    this.#timers.reconnect = setTimeout(() => this.#open(new Connection()), delayMs);
  }

  #onWelcome(conn, frame) {
    conn.welcomed = true;
    this.#attempt = 0;
    if (conn.resumeAttempt) this.#resume = null; // used: a new one is asked below
    this.#userId = frame.user_id ?? null;
    this.#state = 'open';
    const restoring = frame.resumed === true ? conn.restoring : new Set();
    for (const subscription of this.#channels.values()) {
      subscription.confirmed = false;
      if (!restoring.has(subscription.name)) this.#sendSubscribe(subscription);
    }
    if (restoring.size > 0) {
      this.#timers.restore = setTimeout(() => this.#subscribeUnrestored(conn), RESTORE_TIMEOUT_MS);
    }
    for (const [channel, offset] of this.#acks) this.#send({ type: 'ack', channel, offset });
    this.#acks.clear();
    for (const request of this.#requests.values()) {
      if (!request.sent) this.#transmit(request);
    }
    this.#renewReconnectionToken(conn);
    this.#scheduleRefresh();
    this.#emit('open', frame);
    if (frame.resumed === true) this.#emit('resumed', frame);
  }

  /** A channel the resume did not bring back in time (its token may predate it): subscribe to it ourselves. */
  #subscribeUnrestored(conn) {
    if (this.#conn !== conn || this.#state !== 'open') return;
    for (const subscription of this.#channels.values()) {
      if (!subscription.confirmed && conn.restoring.has(subscription.name)) this.#sendSubscribe(subscription);
    }
  }

  #onSocketClose(conn, code, reason) {
    if (conn.closed) return;
    conn.closed = true;
    if (conn.ws) conn.ws.onmessage = conn.ws.onclose = null;
    for (const timer of ['renew', 'restore']) clearTimeout(this.#timers[timer]);
    if (this.#resume && conn.welcomed) this.#resume.channels = this.#confirmedChannels(); // held at the close
    if (this.#resume && conn.resumeAttempt && !conn.welcomed) this.#resume.firstFailure ??= Date.now();
    for (const subscription of this.#channels.values()) subscription.confirmed = false;
    const lost = new SwitchboardError('connection_closed', `the connection closed (${code}) before the reply`);
    for (const [id, request] of this.#requests) {
      if (request.owned) {
        this.#requests.delete(id); // a subscribe is sent again on the next connection
      } else if (request.sent) {
        this.#requests.delete(id);
        request.reject(lost);
      }
    }
    this.#emit('close', code, reason);
    if (this.#closing) return;
    if (FINAL_CLOSE_CODES.has(code) || (code === CREDENTIALS_EXPIRED && typeof this.#token !== 'function')) {
      this.#shutDown(new SwitchboardError('closed', `the gateway closed the connection (${code})`));
      return;
    }
    if (code === CREDENTIALS_EXPIRED) {
      this.#jwtStale = true;
      this.#resume = null; // the session's credentials are what expired
    } else if (!conn.welcomed && !conn.resumeAttempt && typeof this.#token === 'function') {
      this.#jwtStale = true; // the handshake failed, perhaps with 401: the token may be the reason
    }
    if (code === ABNORMAL_CLOSURE && conn.welcomed) {
      // A resume restores from the positions the gateway wrote to its socket, not those that arrived here
      // (docs/recovery.md): after a socket that died, our own `since` is the only position that loses nothing.
      this.#resume = null;
    }
    this.#reconnectLater();
  }

  /** Gives up on a socket that does not answer: reported as 1006, like any socket that died. */
  #abandon(conn, reason) {
    if (conn.closed || this.#conn !== conn) return;
    conn.ws.onmessage = conn.ws.onclose = null;
    conn.ws.close();
    this.#enqueue(() => this.#onSocketClose(conn, ABNORMAL_CLOSURE, reason));
  }

  #shutDown(error) {
    this.#state = 'closed';
    for (const timer of Object.values(this.#timers)) clearTimeout(timer);
    globalThis.document?.removeEventListener?.('visibilitychange', this.#onVisibilityChange);
    for (const request of this.#requests.values()) if (!request.owned) request.reject(error);
    this.#requests.clear();
    for (const subscription of this.#channels.values()) subscription.settle(error);
    this.#acks.clear();
    this.#resume = null;
  }

  // ---- frames in ----

  #enqueue(task) {
    this.#inbound = this.#inbound.then(task).catch((error) => this.#emit('error', error));
  }

  async #onData(conn, data) {
    if (typeof data === 'string') {
      let frame;
      try {
        frame = JSON.parse(data);
      } catch (cause) {
        throw new SwitchboardError('bad_frame', 'a text frame is not JSON', { cause });
      }
      if (frame === null || typeof frame !== 'object' || Array.isArray(frame)) {
        throw badFrame('a text frame is not a JSON object');
      }
      this.#onFrame(conn, frame);
      return;
    }
    const bytes = ArrayBuffer.isView(data) || data instanceof ArrayBuffer ? data : await data.arrayBuffer(); // a Blob
    this.#deliver(toMessage(await decodeBinaryMessage(bytes)));
  }

  #onFrame(conn, frame) {
    const request = frame.id == null ? undefined : this.#requests.get(frame.id);
    if (request) {
      this.#requests.delete(frame.id);
      if (frame.type === 'error') request.reject(SwitchboardError.fromFrame(frame));
      else request.resolve(frame);
      return;
    }
    const subscription = typeof frame.channel === 'string' ? this.#channels.get(frame.channel) : undefined;
    switch (frame.type) {
      case 'message':
        this.#deliver(toMessage(frame));
        break;
      case 'welcome':
        this.#onWelcome(conn, frame);
        break;
      case 'subscribed': // the gateway's own: a restored channel, or the personal one
        if (subscription) {
          this.#onSubscribed(subscription, frame);
        } else if (frame.channel !== `user:${this.#userId}`) {
          this.#send({ type: 'unsubscribe', channel: frame.channel }); // restored, but dropped while away
        }
        break;
      case 'unsubscribed': // the gateway ended it: permission_revoked or channel_closed
        if (subscription) {
          this.#channels.delete(frame.channel);
          const message = `the gateway ended ${frame.channel} (${frame.reason})`;
          const code = frame.reason ?? 'unsubscribed';
          this.#emit('error', new SwitchboardError(code, message, { channel: frame.channel, frame }));
        }
        break;
      case 'receipt': // on the personal channel, but no message: no offset, so it neither moves nor passes a position
        this.#emit('receipt', toReceipt(frame));
        break;
      case 'join':
      case 'leave': {
        const fn = frame.type === 'join' ? subscription?.onJoin : subscription?.onLeave;
        if (fn) this.#call(fn, { channel: frame.channel, user_id: frame.user_id, ts: frame.ts });
        break;
      }
      case 'error':
        if (frame.id == null && subscription && !subscription.confirmed) {
          this.#onSubscribeRefused(subscription, SwitchboardError.fromFrame(frame)); // a restore the policy refused
        } else {
          this.#emit('error', SwitchboardError.fromFrame(frame));
        }
        break;
      default: // a reply to a request given up on, or a frame type newer than this SDK
    }
  }

  /** Hands a message to its channel's onMessage unless it was handed already: resume and `since` can repeat some. */
  #deliver(message) {
    const subscription = this.#channels.get(message.channel);
    if (!subscription || !isAfter(subscription.last, message)) return;
    subscription.last = { offset: message.offset, epoch: message.epoch };
    this.#call(subscription.onMessage, message);
  }

  // ---- subscriptions ----

  #sendSubscribe(subscription) {
    const id = this.#newId();
    const request = {
      frame: subscription.frame(id),
      sent: false,
      owned: true,
      resolve: (frame) => this.#onSubscribed(subscription, frame),
      reject: (error) => this.#onSubscribeRefused(subscription, error),
    };
    this.#requests.set(id, request);
    this.#transmit(request);
  }

  #onSubscribed(subscription, frame) {
    if (this.#channels.get(subscription.name) !== subscription) return;
    subscription.confirmed = true;
    const position = frame.position;
    if (frame.recovered === false && subscription.last) {
      this.#emit('error', new SwitchboardError(
        'not_recovered',
        `messages of ${subscription.name} after offset ${subscription.last.offset} could not be recovered`,
        { channel: subscription.name, frame }));
      // another epoch: the old offset means nothing any more; the live stream starts at position
      if (position && position.epoch !== subscription.last.epoch) subscription.last = { ...position };
    } else if (!subscription.last && position) {
      subscription.last = { offset: position.offset, epoch: position.epoch }; // where a re-subscribe continues
    }
    subscription.settle(null, frame);
  }

  #onSubscribeRefused(subscription, error) {
    if (this.#channels.get(subscription.name) !== subscription) return;
    const retryable = error.code === 'rate_limited' || error.code === 'unavailable';
    if (subscription.waiters.length === 0 && retryable) {
      // a re-subscribe after a reconnect (30 at once, then 1 a second): the application asked already, keep at it
      const conn = this.#conn;
      const delayMs = error.retryAfterMs ?? backoffDelay(1, this.#minDelayMs, this.#maxDelayMs);
      setTimeout(() => {
        const current = this.#channels.get(subscription.name) === subscription && !subscription.confirmed;
        if (current && this.#conn === conn && this.#state === 'open') this.#sendSubscribe(subscription);
      }, delayMs);
      return;
    }
    this.#channels.delete(subscription.name);
    if (subscription.waiters.length > 0) subscription.settle(error);
    else this.#emit('error', error);
  }

  #confirmedChannels() {
    return new Set([...this.#channels.values()].filter((s) => s.confirmed).map((s) => s.name));
  }

  // ---- tokens ----

  /** Keeps a reconnection token at hand: one now, and a new one before it expires. */
  async #renewReconnectionToken(conn) {
    let delayMs;
    try {
      const reply = await this.#request({ type: 'get_reconnection_token' });
      this.#resume = { token: reply.token, expiresAt: reply.expires_at, channels: this.#confirmedChannels() };
      delayMs = Math.min(MAX_TIMER_MS, Math.max(EXPIRY_MARGIN_MS, (reply.expires_at - Date.now()) * 0.8));
    } catch (error) {
      delayMs = error.retryAfterMs ?? 30_000; // unavailable now (or never, on an older gateway): ask again later
    }
    if (this.#conn === conn && !conn.closed && this.#state === 'open') {
      clearTimeout(this.#timers.renew);
      this.#timers.renew = setTimeout(() => this.#renewReconnectionToken(conn), delayMs);
    }
  }

  async #askToken() {
    const token = await this.#token();
    if (typeof token !== 'string' || token === '') {
      throw new SwitchboardError('token_invalid', 'options.token gave no token');
    }
    return token;
  }

  /** With `token` as a function: sends `refresh` with a new JWT a little before the current one's `exp`. */
  #scheduleRefresh() {
    clearTimeout(this.#timers.refresh);
    if (typeof this.#token !== 'function' || this.#jwt === null) return;
    const expiresAt = jwtExpiresAt(this.#jwt);
    const delayMs = expiresAt === null ? null : refreshDelay(expiresAt, Date.now());
    if (delayMs === null) return;
    // a JWT valid for more than 24.8 days: look again then, rather than have the timer fire at once
    this.#timers.refresh = delayMs > MAX_TIMER_MS
      ? setTimeout(() => this.#scheduleRefresh(), MAX_TIMER_MS)
      : setTimeout(() => this.#refresh(), delayMs);
  }

  async #refresh() {
    if (this.#state !== 'open') {
      this.#jwtStale = true; // the next handshake asks for a new one
      return;
    }
    try {
      const token = await this.#askToken();
      this.#jwt = token;
      await this.#request({ type: 'refresh', token });
      this.#scheduleRefresh();
    } catch (error) {
      this.#jwtStale = true;
      if (error.code !== 'connection_closed' && error.code !== 'closed') this.#emit('error', error);
    }
  }

  // ---- frames out ----

  #request(frame) {
    if (this.#state === 'closed') return Promise.reject(closedError());
    return new Promise((resolve, reject) => {
      const id = this.#newId();
      const request = { frame: { type: frame.type, id, ...frame }, sent: false, owned: false, resolve, reject };
      this.#requests.set(id, request);
      if (this.#state === 'open') this.#transmit(request); // else at the next welcome
    });
  }

  #transmit(request) {
    request.sent = true;
    this.#send(request.frame);
  }

  #send(frame) {
    const ws = this.#conn.ws;
    if (ws && ws.readyState === 1) ws.send(JSON.stringify(frame));
  }

  #newId() {
    return String(++this.#nextId);
  }

  /** A tab back from the background may hold a socket that died silently: a JSON ping finds out quickly. */
  #pingIfVisible() {
    if (globalThis.document?.visibilityState !== 'visible' || this.#state !== 'open') return;
    const conn = this.#conn;
    const timer = setTimeout(() => this.#abandon(conn, 'no pong after the page became visible'), PING_TIMEOUT_MS);
    this.#request({ type: 'ping' }).then(() => clearTimeout(timer), () => clearTimeout(timer));
  }

  // ---- events ----

  #emit(event, ...args) {
    const listeners = [...(this.#listeners.get(event) ?? [])];
    if (event === 'error' && listeners.length === 0) {
      console.error('switchboard:', args[0]); // never a token: no error message quotes one
      return;
    }
    for (const fn of listeners) {
      try {
        fn(...args);
      } catch (error) {
        if (event === 'error') console.error('switchboard: an error listener threw', error);
        else this.#emit('error', error);
      }
    }
  }

  /** Runs application code: what it throws is reported, and never stops the frames after it. */
  #call(fn, arg) {
    try {
      fn(arg);
    } catch (error) {
      this.#emit('error', error);
    }
  }
}

function closedError() {
  return new SwitchboardError('closed', 'the client is closed');
}

// ---- pure parts: binary frames, inflation, positions, backoff, JWT expiry ----

/** Binary frame kinds (PROTOCOL.md, "Binary frames"), by their byte. */
const KINDS = Object.freeze({ 1: 'image', 2: 'audio', 3: 'video', 4: 'compressed_json', 5: 'custom' });

/** Payload encodings by their byte; the names are those of `accept_encoding`. */
const ENCODINGS = Object.freeze({ 0: 'none', 1: 'gzip', 2: 'deflate', 3: 'zstd' });

/** The `DecompressionStream` format of each encoding: `deflate` on the wire is raw RFC 1951, no zlib header. */
const STREAM_FORMATS = Object.freeze({ gzip: 'gzip', deflate: 'deflate-raw', zstd: 'zstd' });

/** The most a payload may inflate to, as the gateway itself bounds it (DeliveryFrameEncoder.MAX_INFLATED_BYTES). */
const MAX_INFLATED_BYTES = 16 * 1024 * 1024;

const HEADER_BYTES = 8;
const MAGIC = 0x53;
const VERSION = 0x01;

/** An error the SDK reports, with the server's error `code` (or one of the SDK's own, documented in README.md). */
export class SwitchboardError extends Error {
  /**
   * @param {string} code e.g. `permission_denied`, `connection_closed`
   * @param {string} message human readable
   * @param {object} [details] `channel`, `retryAfterMs`, `frame` (the server's error frame), `cause`
   */
  constructor(code, message, details = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SwitchboardError';
    this.code = code;
    if (details.channel !== undefined) this.channel = details.channel;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    if (details.frame !== undefined) this.frame = details.frame;
  }

  /** The error carried by a server `error` frame. */
  static fromFrame(frame) {
    return new SwitchboardError(frame.code ?? 'internal', frame.message ?? frame.code ?? 'error', {
      channel: frame.channel,
      retryAfterMs: frame.retry_after_ms,
      frame,
    });
  }
}

/**
 * Splits a binary frame into its header, metadata and payload, without inflating anything.
 *
 * @param {ArrayBuffer|Uint8Array} frame
 * @returns {{kind: string, encoding: string, metadata: object, payload: Uint8Array}}
 * @throws {SwitchboardError} `bad_frame` when the frame does not follow the layout
 */
function parseBinaryFrame(frame) {
  const bytes = frame instanceof Uint8Array ? frame : new Uint8Array(frame);
  if (bytes.length < HEADER_BYTES || bytes[0] !== MAGIC || bytes[1] !== VERSION) {
    throw badFrame('a binary frame must start with 0x53 0x01 and an 8-byte header');
  }
  const kind = KINDS[bytes[2]];
  const encoding = ENCODINGS[bytes[3]];
  if (kind === undefined) throw badFrame(`unknown kind byte 0x${hex(bytes[2])}`);
  if (encoding === undefined) throw badFrame(`unknown encoding byte 0x${hex(bytes[3])}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const metadataLength = view.getUint32(4, false);
  if (metadataLength > bytes.length - HEADER_BYTES) throw badFrame('metadata length beyond the frame');
  let metadata;
  try {
    metadata = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(
      bytes.subarray(HEADER_BYTES, HEADER_BYTES + metadataLength)));
  } catch (cause) {
    throw badFrame('metadata is not UTF-8 JSON', cause);
  }
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw badFrame('metadata is not a JSON object');
  }
  return { kind, encoding, metadata, payload: bytes.subarray(HEADER_BYTES + metadataLength) };
}

/**
 * Decodes a binary `message` frame into what `onMessage` receives. COMPRESSED_JSON becomes its JSON value; the other
 * kinds keep their bytes (inflated when they came compressed) with `contentType` and `kind`.
 *
 * @param {ArrayBuffer|Uint8Array} frame
 * @param {number} [maxBytes] the most a payload may inflate to
 * @returns {Promise<object>} `{type: 'message', channel, event, data, offset, epoch, ts, replayed, contentType, kind}`
 */
async function decodeBinaryMessage(frame, maxBytes = MAX_INFLATED_BYTES) {
  const { kind, encoding, metadata, payload } = parseBinaryFrame(frame);
  if (metadata.type !== 'message') throw badFrame(`a binary frame of type '${metadata.type}'`);
  const bytes = encoding === 'none' ? payload : await inflate(payload, encoding, maxBytes);
  let data = bytes;
  if (kind === 'compressed_json') {
    try {
      data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch (cause) {
      throw badFrame('a COMPRESSED_JSON payload is not one JSON value', cause);
    }
  }
  return { ...metadata, data, contentType: metadata.content_type, kind };
}

/**
 * Inflates a payload with `DecompressionStream`, giving up past `maxBytes` (a small frame can inflate to gigabytes).
 *
 * @param {Uint8Array} bytes
 * @param {'gzip'|'deflate'|'zstd'} encoding
 * @param {number} [maxBytes]
 * @returns {Promise<Uint8Array>}
 */
async function inflate(bytes, encoding, maxBytes = MAX_INFLATED_BYTES) {
  let stream;
  try {
    stream = new DecompressionStream(STREAM_FORMATS[encoding]);
  } catch (cause) {
    throw new SwitchboardError('bad_frame', `this runtime cannot inflate ${encoding}`, { cause });
  }
  const writer = stream.writable.getWriter();
  writer.write(bytes).catch(() => {}); // a corrupt payload rejects here and, more usefully, in the reader below
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        reader.cancel().catch(() => {});
        throw new SwitchboardError('message_too_large', `a payload inflates to more than ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  } catch (cause) {
    if (cause instanceof SwitchboardError) throw cause;
    throw badFrame(`a payload is not valid ${encoding}`, cause);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/**
 * The encodings this runtime can inflate, as `accept_encoding` names them. zstd only where `DecompressionStream`
 * accepts it: announcing an encoding we cannot inflate would make the gateway send frames we cannot read.
 *
 * @returns {string[]}
 */
function supportedEncodings() {
  if (typeof DecompressionStream !== 'function') return [];
  return ['gzip', 'deflate', 'zstd'].filter((name) => {
    try {
      new DecompressionStream(STREAM_FORMATS[name]);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * `onMessage`'s argument, from a text `message` frame or a decoded binary one.
 *
 * @throws {SwitchboardError} `bad_frame` without a channel name, an integer offset and an epoch: such a message
 *   could be neither ordered nor de-duplicated
 */
function toMessage(frame) {
  if (typeof frame.channel !== 'string' || !Number.isSafeInteger(frame.offset) || frame.offset < 0
      || typeof frame.epoch !== 'string') {
    throw badFrame('a message without a channel, an integer offset and an epoch');
  }
  const message = {
    channel: frame.channel,
    event: frame.event ?? null,
    data: frame.data,
    offset: frame.offset,
    epoch: frame.epoch,
    ts: frame.ts,
    replayed: frame.replayed === true,
  };
  if (frame.contentType !== undefined) {
    message.contentType = frame.contentType;
    message.kind = frame.kind;
  }
  return message;
}

/**
 * A `receipt` listener's argument: who acknowledged which event of ours, and when.
 *
 * @returns {{event_id: string, user_id: string, acked_at: number}}
 * @throws {SwitchboardError} `bad_frame` without an event id and a user id
 */
function toReceipt(frame) {
  if (typeof frame.event_id !== 'string' || typeof frame.user_id !== 'string') {
    throw badFrame('a receipt without an event id and a user id');
  }
  return { event_id: frame.event_id, user_id: frame.user_id, acked_at: frame.acked_at };
}

/**
 * Whether a message comes after the last position handed to `onMessage` on its channel. Offsets only compare within
 * one epoch: a message of another epoch (the topic was recreated) is new, its offsets start again.
 *
 * @param {{offset: number, epoch: string}|null} last
 * @param {{offset: number, epoch: string}} message
 */
function isAfter(last, message) {
  return last == null || last.epoch !== message.epoch || message.offset > last.offset;
}

/**
 * Full-jitter backoff: a random delay between `minMs` and a cap that doubles per attempt up to `maxMs`, so that
 * clients dropped together by one gateway do not all come back at the same instant.
 *
 * @param {number} attempt 1 for the first retry
 * @param {number} minMs
 * @param {number} maxMs
 * @param {() => number} [random] in [0, 1)
 */
function backoffDelay(attempt, minMs, maxMs, random = Math.random) {
  const cap = Math.min(maxMs, minMs * 2 ** Math.min(Math.max(attempt, 1) - 1, 30));
  return Math.round(minMs + random() * Math.max(0, cap - minMs));
}

/**
 * The expiry of a JWT in epoch milliseconds, from its payload's `exp`; null when it is not a JWT or has none. The
 * signature is not verified: the gateway does that, the SDK only needs to know when to refresh.
 *
 * @param {string} token
 * @returns {number|null}
 */
function jwtExpiresAt(token) {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3) return null;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const json = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const exp = JSON.parse(json).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * How long to wait before refreshing credentials that expire at `expiresAt`: a minute ahead, or halfway through
 * what is left when that is shorter; null when they have expired already (the gateway will close with 4001).
 *
 * @param {number} expiresAt epoch ms
 * @param {number} now epoch ms
 * @returns {number|null}
 */
function refreshDelay(expiresAt, now) {
  const left = expiresAt - now;
  if (left <= 0) return null;
  return Math.max(1000, left - Math.min(60_000, left / 2));
}

function badFrame(message, cause) {
  return new SwitchboardError('bad_frame', message, { cause });
}

function hex(byte) {
  return byte.toString(16).padStart(2, '0');
}

/**
 * The pure parts, for the SDK's own tests (clients/js/test). Not a public API: they may change in any release.
 */
export const __internal = Object.freeze({
  KINDS, ENCODINGS, MAX_INFLATED_BYTES, parseBinaryFrame, decodeBinaryMessage, inflate, supportedEncodings,
  toMessage, toReceipt, isAfter, backoffDelay, jwtExpiresAt, refreshDelay,
});
