// Delivery receipts of what this page published with "Ask for receipts" (docs/protocol.md, "Delivery receipts"):
// one row per message (event id), naming each user who acknowledged it and when, the latest answered on top.
import { clockTime, el } from './dom.js';

/**
 * Receipts grouped by event id, the group answered last first. Plain data, no DOM. A receipt names the event id the
 * processor gave the message; the `published` reply names it too (`event_id`), so a group shows which publish it
 * answers once that reply was seen (`label`), else the bare event id.
 */
export class ReceiptBook {
  #cap;
  /** @type {Map<string, {eventId: string, label: string, readers: {user_id: string, acked_at: number}[]}>} */
  #groups = new Map();
  /** What this page published, by event id, oldest first: at most #cap of them. */
  #labels = new Map();
  #total = 0;

  /** @param {number} cap messages kept */
  constructor(cap = 50) {
    this.#cap = cap;
  }

  /** Names a message this page published (`label`, e.g. its channel and offset) by its event id. */
  name(eventId, label) {
    if (typeof eventId !== 'string') return; // a gateway before event ids in `published`
    this.#labels.set(eventId, label);
    for (const oldest of this.#labels.keys()) {
      if (this.#labels.size <= this.#cap) break;
      this.#labels.delete(oldest);
    }
    const group = this.#groups.get(eventId);
    if (group) group.label = label; // the receipt came before the reply
  }

  /** Takes one receipt as the SDK's `receipt` event gives it; returns its message's group. */
  add(receipt) {
    this.#total++;
    const group = this.#groups.get(receipt.event_id)
      ?? { eventId: receipt.event_id, label: this.#labels.get(receipt.event_id) ?? receipt.event_id, readers: [] };
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

  /** The `published` reply of a publish that asked for receipts: its rows will name it by channel and offset. */
  published(frame, event) {
    this.#book.name(frame.event_id, `${frame.channel} #${frame.offset}${event ? ` ${event}` : ''}`);
    const row = this.#list.querySelector(`li[data-event-id="${CSS.escape(String(frame.event_id))}"] .rc-event`);
    if (row) row.textContent = this.#book.groups.find((g) => g.eventId === frame.event_id)?.label ?? row.textContent;
  }

  add(receipt) {
    const group = this.#book.add(receipt);
    this.#list.querySelector(`li[data-event-id="${CSS.escape(group.eventId)}"]`)?.remove();
    this.#list.prepend(el('li', { class: 'receipt', dataset: { eventId: group.eventId, readers: String(group.readers.length) } },
      el('span', { class: 'rc-event', text: group.label, title: `event ${group.eventId}` }),
      el('span', { class: 'rc-readers', text: readersText(group) })));
    while (this.#list.children.length > this.#book.groups.length) this.#list.lastElementChild.remove();
    const total = this.#book.total;
    this.#count.textContent = `${total} receipt${total === 1 ? '' : 's'}`;
    this.#box.hidden = false;
  }
}
