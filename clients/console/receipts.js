// Delivery receipts of what this page published with "Ask for receipts" (docs/protocol.md, "Delivery receipts"):
// one row per message (event id), naming each user who acknowledged it and when, the latest answered on top.
import { clockTime, el } from './dom.js';

/**
 * Receipts grouped by event id, the group answered last first. Plain data, no DOM. A receipt names the event id the
 * processor gave the message, which the `published` reply does not carry: the rows cannot name the publish itself.
 */
export class ReceiptBook {
  #cap;
  /** @type {Map<string, {eventId: string, readers: {user_id: string, acked_at: number}[]}>} oldest answered first */
  #groups = new Map();
  #total = 0;

  /** @param {number} cap messages kept */
  constructor(cap = 50) {
    this.#cap = cap;
  }

  /** Takes one receipt as the SDK's `receipt` event gives it; returns its message's group. */
  add(receipt) {
    this.#total++;
    const group = this.#groups.get(receipt.event_id) ?? { eventId: receipt.event_id, readers: [] };
    this.#groups.delete(receipt.event_id); // re-inserted: the latest answered goes last in the map, first on screen
    this.#groups.set(receipt.event_id, group);
    if (!group.readers.some((r) => r.user_id === receipt.user_id)) {
      group.readers.push({ user_id: receipt.user_id, acked_at: receipt.acked_at });
    }
    for (const oldest of this.#groups.keys()) {
      if (this.#groups.size <= this.#cap) break;
      this.#groups.delete(oldest);
    }
    return group;
  }

  /** The groups, the one answered last first. */
  get groups() {
    return [...this.#groups.values()].reverse();
  }

  /** Receipts received, including those of groups no longer kept. */
  get total() {
    return this.#total;
  }
}

/** `alice 14:03:07.412, bob 14:03:09.001`. */
export function readersText(group) {
  return group.readers.map((r) => `${r.user_id}${Number.isFinite(r.acked_at) ? ` ${clockTime(r.acked_at)}` : ''}`)
    .join(', ');
}

/** The receipts box of the Publish panel: hidden until receipts are asked for or one arrives. */
export class ReceiptList {
  #box;
  #list;
  #count;
  #book = new ReceiptBook();

  /** @param {{box: HTMLElement, list: HTMLElement, count: HTMLElement}} elements */
  constructor({ box, list, count }) {
    this.#box = box;
    this.#list = list;
    this.#count = count;
  }

  /** Shows the box (empty at first): the page just published asking for receipts. */
  expect() {
    this.#box.hidden = false;
  }

  add(receipt) {
    const group = this.#book.add(receipt);
    this.#list.querySelector(`li[data-event-id="${CSS.escape(group.eventId)}"]`)?.remove();
    this.#list.prepend(el('li', { class: 'receipt', dataset: { eventId: group.eventId, readers: String(group.readers.length) } },
      el('span', { class: 'rc-event', text: group.eventId, title: `event ${group.eventId}` }),
      el('span', { class: 'rc-readers', text: readersText(group) })));
    while (this.#list.children.length > this.#book.groups.length) this.#list.lastElementChild.remove();
    const total = this.#book.total;
    this.#count.textContent = `${total} receipt${total === 1 ? '' : 's'}`;
    this.#box.hidden = false;
  }
}
