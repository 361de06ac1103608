// Presence of the subscribed channels (docs/protocol.md, "Presence"): who is there, with how many connections, and
// a live feed of joins and leaves. A channel gets a card once the gateway answers its `presence` question; a family
// without presence answers `bad_request` and gets none.
import { clockTime, el } from './dom.js';

/** Answers meaning "this channel has no presence here": a family without it, or a gateway older than presence. */
const NO_PRESENCE = new Set(['bad_request', 'unknown_type']);

/**
 * Who is on one channel, from `presence` answers and the `join`/`leave` notices since. Plain data, no DOM.
 * Notices that arrive while a question is out are applied again on its answer, which may predate them: a user's
 * latest notice says where it is now, so the members come out the same whether the answer saw the notices or not.
 */
export class PresenceRoster {
  #feedCap;
  /** @type {Map<string, number>} user id → connections (1 for a user known only from a `join`) */
  #members = new Map();
  #anonymous = 0;
  #answered = false;
  /** Notices seen since the earliest question still out, or null while none is out. */
  #sinceAsked = null;
  #questions = 0;
  /** Joins and leaves, newest first: `{kind, user_id, ts}`. */
  feed = [];

  constructor(feedCap = 50) {
    this.#feedCap = feedCap;
  }

  /** A `presence` question went out. */
  asked() {
    this.#questions++;
    this.#sinceAsked ??= [];
  }

  /** A question got no answer (an error): it no longer holds the notices back. */
  unanswered() {
    this.#settle();
  }

  /** Takes the answer (every page joined, as the SDK gives it). */
  answer(frame) {
    this.#members = new Map((frame.members ?? []).map((m) => [m.user_id, m.connections]));
    this.#anonymous = Number.isFinite(frame.anonymous) ? frame.anonymous : 0;
    this.#answered = true;
    // the latest notice of each user says where it is now; an answer that saw it already keeps its connection count
    const latest = new Map((this.#sinceAsked ?? []).map((notice) => [notice.user_id, notice]));
    for (const notice of latest.values()) this.#apply(notice);
    this.#settle();
  }

  #settle() {
    this.#questions = Math.max(0, this.#questions - 1);
    if (this.#questions === 0) this.#sinceAsked = null;
  }

  /** A `join` or `leave` notice; returns its feed entry. */
  change(kind, notice) {
    const entry = { kind, user_id: notice.user_id, ts: notice.ts };
    this.#apply(entry);
    this.#sinceAsked?.push(entry);
    this.feed.unshift(entry);
    if (this.feed.length > this.#feedCap) this.feed.length = this.#feedCap;
    return entry;
  }

  #apply({ kind, user_id: user }) {
    if (kind === 'leave') this.#members.delete(user);
    else if (!this.#members.has(user)) this.#members.set(user, 1); // a join is a user's first connection
  }

  /** Whether an answer came: until then the members are unknown. */
  get answered() {
    return this.#answered;
  }

  /** `[{user_id, connections}]` in user-id order, as the gateway lists them. */
  get members() {
    return [...this.#members].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([user_id, connections]) => ({ user_id, connections }));
  }

  get anonymous() {
    return this.#anonymous;
  }

  /** `3 users · 1 anonymous`. */
  summary() {
    const users = this.#members.size;
    const named = `${users} user${users === 1 ? '' : 's'}`;
    return this.#anonymous > 0 ? `${named} · ${this.#anonymous} anonymous` : named;
  }
}

/** The Presence panel: one card per channel that has presence, kept up to date through the SDK. */
export class PresencePanel {
  #panel;
  #cards;
  #log;
  #refresh;
  /** @type {Map<string, {roster: PresenceRoster, card: HTMLElement|null}>} */
  #channels = new Map();
  /** Channels that answered they have no presence: not asked again on this page. */
  #without = new Set();

  /**
   * @param {{panel: HTMLElement, cards: HTMLElement}} elements
   * @param {(kind: string, text: string) => void} log writes to the connection log
   * @param {(channel: string) => void} refresh the ↻ of a card: the page asks again with its current client
   */
  constructor({ panel, cards }, log, refresh) {
    this.#panel = panel;
    this.#cards = cards;
    this.#log = log;
    this.#refresh = refresh;
  }

  /** Whether to subscribe `channel` with presence: never a personal channel, nor one that said it has none. */
  wants(channel) {
    return !channel.startsWith('user:') && !this.#without.has(channel);
  }

  /** The `onJoin` and `onLeave` of a subscription to `channel`. */
  listeners(channel) {
    return {
      presence: true,
      onJoin: (notice) => this.#change(channel, 'join', notice),
      onLeave: (notice) => this.#change(channel, 'leave', notice),
    };
  }

  /** Asks who is on `channel` (again), through `client`; a card appears with the first answer. */
  ask(client, channel) {
    if (!this.wants(channel)) return;
    const entry = this.#entry(channel);
    entry.roster.asked();
    client.presence(channel).then((frame) => {
      if (this.#channels.get(channel) !== entry) return; // left meanwhile
      entry.roster.answer(frame);
      this.#render(channel, entry);
    }, (error) => {
      if (this.#channels.get(channel) !== entry) return;
      entry.roster.unanswered();
      if (NO_PRESENCE.has(error.code)) {
        this.#without.add(channel);
        this.remove(channel);
      } else if (error.code !== 'closed') {
        this.#log('error', `presence ${channel}: ${error.code}: ${error.message}`);
        if (entry.card) entry.card.querySelector('.pc-count').textContent = `not known now (${error.code})`;
      }
    });
  }

  /** Asks again for every channel shown: after a reconnection, joins and leaves may have been missed. */
  askAll(client) {
    for (const channel of this.#channels.keys()) this.ask(client, channel);
  }

  /** Forgets every channel: without a connection, who is there is not known. */
  clear() {
    for (const channel of [...this.#channels.keys()]) this.remove(channel);
  }

  remove(channel) {
    this.#channels.get(channel)?.card?.remove();
    this.#channels.delete(channel);
    this.#panel.hidden = ![...this.#channels.values()].some((entry) => entry.card);
  }

  #entry(channel) {
    if (!this.#channels.has(channel)) this.#channels.set(channel, { roster: new PresenceRoster(), card: null });
    return this.#channels.get(channel);
  }

  #change(channel, kind, notice) {
    const entry = this.#channels.get(channel);
    if (!entry) return;
    entry.roster.change(kind, notice);
    if (entry.roster.answered) this.#render(channel, entry);
  }

  #render(channel, entry) {
    entry.card ??= this.#newCard(channel);
    const { roster, card } = entry;
    card.querySelector('.pc-count').textContent = roster.summary();
    card.querySelector('.pc-members').replaceChildren(...roster.members.map((m) => el('li', {
      class: 'pc-member', dataset: { user: m.user_id, connections: String(m.connections) },
    }, el('span', { class: 'pc-user', text: m.user_id, title: m.user_id }),
    el('span', { class: 'pc-conns muted', text: `×${m.connections}`, title: `${m.connections} connection(s)` }))));
    card.querySelector('.pc-feed').replaceChildren(...roster.feed.map((change) => el('li', {
      class: 'pc-change', dataset: { kind: change.kind, user: change.user_id },
    }, el('time', { text: Number.isFinite(change.ts) ? clockTime(change.ts) : '' }),
    ` ${change.user_id} ${change.kind === 'join' ? 'joined' : 'left'}`)));
    this.#panel.hidden = false;
  }

  #newCard(channel) {
    const refresh = el('button', {
      type: 'button', class: 'icon pc-refresh', text: '↻', title: `Ask again who is on ${channel}`,
      attrs: { 'aria-label': `Ask again who is on ${channel}` },
    });
    refresh.addEventListener('click', () => this.#refresh(channel));
    const card = el('article', { class: 'presence-channel', dataset: { channel } },
      el('div', { class: 'pc-head' },
        el('h3', { class: 'pc-name', text: channel, title: channel }),
        el('span', { class: 'pc-count muted', attrs: { 'aria-live': 'polite' } }),
        refresh),
      el('ul', { class: 'pc-members', attrs: { 'aria-label': `Members of ${channel}` } }),
      el('ol', { class: 'pc-feed', attrs: { 'aria-label': `Joins and leaves on ${channel}, newest first` } }));
    this.#cards.append(card);
    return card;
  }
}
