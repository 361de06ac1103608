// The list of subscriptions: each channel's state, its last position and how many messages it brought.
import { clockTime, el } from './dom.js';

/** PROTOCOL.md, "Channels": `family` or `family:key`; lowercase family, the key may add `:`, `@` and uppercase. */
const CHANNEL = /^[a-z0-9_.-]+(:[A-Za-z0-9_.\-:@]+)?$/;

/** Why `name` is not a channel name, or null when it is one. */
export function channelProblem(name) {
  if (name === '') return 'Enter a channel name, e.g. metrics or forum_threads:42.';
  if (name.length > 200) return 'A channel name has at most 200 characters.';
  if (!CHANNEL.test(name)) {
    return 'Not a channel name: family (a-z 0-9 _ - .), then optionally ":" and a key (letters, digits, _ - . : @).';
  }
  return null;
}

/**
 * States: `subscribing` (asked, no reply yet), `live`, `waiting` (the connection is down; the SDK subscribes
 * again when it is back), `unsubscribing`, `refused` and `ended` (the gateway said no, or ended it: the row stays
 * with its reason until removed).
 */
export class SubscriptionList {
  #list;
  #empty;
  #onRemove;
  /** @type {Map<string, {row: HTMLLIElement, state: string, count: number}>} */
  #rows = new Map();

  /** @param {(channel: string, state: string) => void} onRemove the ✕ button of a row */
  constructor({ list, empty }, onRemove) {
    this.#list = list;
    this.#empty = empty;
    this.#onRemove = onRemove;
  }

  has(channel) {
    return this.#rows.has(channel);
  }

  state(channel) {
    return this.#rows.get(channel)?.state;
  }

  /** Channels in the given states, in list order. */
  channels(...states) {
    return [...this.#rows].filter(([, entry]) => states.includes(entry.state)).map(([channel]) => channel);
  }

  /** Adds a row (or reuses the channel's row) in state `subscribing`. */
  add(channel) {
    if (!this.#rows.has(channel)) {
      const remove = el('button', {
        type: 'button', class: 'icon unsubscribe', text: '✕', title: `Unsubscribe from ${channel}`,
        attrs: { 'aria-label': `Unsubscribe from ${channel}` },
      });
      remove.addEventListener('click', () => this.#onRemove(channel, this.#rows.get(channel)?.state));
      const row = el('li', { class: 'sub', dataset: { channel, state: 'subscribing' } },
        el('span', { class: 'sub-channel', text: channel, title: channel }),
        el('span', { class: 'sub-state' }),
        el('span', { class: 'sub-position muted' }),
        remove);
      this.#rows.set(channel, { row, state: 'subscribing', count: 0 });
      this.#list.append(row);
    }
    this.setState(channel, 'subscribing');
    this.#empty.hidden = true;
  }

  /** Moves a row to `state`; `detail` (an error code, a reason) is shown beside it. */
  setState(channel, state, detail = '') {
    const entry = this.#rows.get(channel);
    if (!entry) return;
    entry.state = state;
    entry.row.dataset.state = state;
    const label = entry.row.querySelector('.sub-state');
    label.textContent = detail ? `${state}: ${detail}` : state;
    label.title = label.textContent;
    const button = entry.row.querySelector('.unsubscribe');
    const gone = state === 'refused' || state === 'ended' || state === 'closed';
    button.title = gone ? `Remove ${channel} from the list` : `Unsubscribe from ${channel}`;
    button.setAttribute('aria-label', button.title);
  }

  /** Every row in one of `from` moves to `to`: the connection went down, or came back. */
  moveAll(from, to) {
    for (const channel of this.channels(...from)) this.setState(channel, to);
  }

  /** The channel's stream is at `offset` (a message, or where a subscription starts). */
  position(channel, offset, epoch, ts, counted) {
    const entry = this.#rows.get(channel);
    if (!entry) return;
    if (counted) entry.count++;
    const position = entry.row.querySelector('.sub-position');
    const when = ts ? ` · ${clockTime(ts)}` : '';
    const at = offset < 0 ? 'empty channel' : `#${offset}`; // -1: nothing was ever published there
    position.textContent = `${at} · ${entry.count} msg${when}`;
    position.title = `offset ${offset}, epoch ${epoch}`;
  }

  /** The gap indicator of a channel whose missed messages could not be recovered. */
  markGap(channel) {
    this.#rows.get(channel)?.row.classList.add('gap');
  }

  remove(channel) {
    const entry = this.#rows.get(channel);
    if (!entry) return;
    const next = entry.row.nextElementSibling ?? entry.row.previousElementSibling;
    const hadFocus = entry.row.contains(document.activeElement);
    entry.row.remove();
    this.#rows.delete(channel);
    this.#empty.hidden = this.#rows.size > 0;
    if (hadFocus) (next?.querySelector('button') ?? document.getElementById('subscribe-channel'))?.focus();
  }
}
