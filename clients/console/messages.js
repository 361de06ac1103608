// The live message list: newest first, capped, with pause and filter. Rows are added at most once per animation
// frame, so a burst of messages costs one layout, and a hidden tab only keeps the newest `cap` waiting.
import { clockTime, el, fullText, preview } from './dom.js';

export class MessageList {
  #list;
  #empty;
  #count;
  #pauseButton;
  #cap;
  #onAck;
  /** Messages not yet shown, oldest first: waiting for the next frame, or for the user to resume. */
  #pending = [];
  #paused = false;
  #filter = '';
  #scheduled = false;
  #total = 0;

  /**
   * @param {{list, empty, count, filter, pause, clear}} elements
   * @param {(message) => void} onAck the Ack button of an unfolded row: confirms delivery up to its offset
   * @param {number} cap rows kept
   */
  constructor(elements, onAck, cap = 500) {
    this.#onAck = onAck;
    this.#list = elements.list;
    this.#empty = elements.empty;
    this.#count = elements.count;
    this.#pauseButton = elements.pause;
    this.#cap = cap;
    elements.pause.addEventListener('click', () => this.setPaused(!this.#paused));
    elements.clear.addEventListener('click', () => this.clear());
    elements.filter.addEventListener('input', () => this.setFilter(elements.filter.value));
    this.#updateCount();
  }

  /** Takes one message as the SDK's onMessage gives it. */
  add(message) {
    this.#total++;
    this.#pending.push(message);
    if (this.#pending.length > this.#cap) this.#pending.splice(0, this.#pending.length - this.#cap);
    if (this.#paused) this.#updatePauseButton();
    else this.#schedule();
  }

  setPaused(paused) {
    this.#paused = paused;
    this.#pauseButton.setAttribute('aria-pressed', String(paused));
    this.#updatePauseButton();
    if (!paused) this.#schedule();
  }

  setFilter(text) {
    this.#filter = text.trim().toLowerCase();
    for (const row of this.#list.children) row.hidden = !this.#matches(row);
    this.#updateCount();
  }

  clear() {
    this.#list.replaceChildren();
    this.#pending = [];
    this.#updatePauseButton();
    this.#updateCount();
  }

  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    requestAnimationFrame(() => {
      this.#scheduled = false;
      if (!this.#paused) this.#flush();
    });
  }

  #flush() {
    const batch = this.#pending.splice(0);
    if (batch.length === 0) return;
    const fragment = document.createDocumentFragment();
    for (let i = batch.length - 1; i >= 0; i--) fragment.append(this.#row(batch[i]));
    this.#list.prepend(fragment);
    while (this.#list.children.length > this.#cap) this.#list.lastElementChild.remove();
    this.#updateCount();
  }

  #row(message) {
    const event = message.event ?? '';
    const ts = Number.isFinite(message.ts) ? message.ts : Date.now();
    const line = preview(message.data);
    const summary = el('summary', {},
      el('time', { class: 'msg-time', text: clockTime(ts), dateTime: new Date(ts).toISOString() }),
      el('span', { class: 'msg-channel', text: message.channel, title: message.channel }),
      el('span', { class: 'msg-event', text: event || '—', title: event }),
      el('span', {
        class: 'msg-offset',
        text: `${message.replayed ? '↺ ' : ''}#${message.offset}`,
        title: `offset ${message.offset}${message.replayed ? ', replayed' : ''}`,
      }),
      el('span', { class: 'msg-preview', text: line }));
    const details = el('details', {}, summary);
    details.addEventListener('toggle', () => {
      if (details.open && details.childElementCount === 1) details.append(detailBody(message, this.#onAck));
    });
    const row = el('li', {
      class: message.replayed ? 'msg replayed' : 'msg',
      dataset: { channel: message.channel, event, offset: String(message.offset) },
    }, details);
    row.searchText = `${message.channel}\n${event}\n${line}`.toLowerCase();
    row.hidden = !this.#matches(row);
    return row;
  }

  #matches(row) {
    return this.#filter === '' || row.searchText.includes(this.#filter);
  }

  #updatePauseButton() {
    const waiting = this.#pending.length;
    this.#pauseButton.textContent = this.#paused ? `Resume${waiting ? ` (${waiting} new)` : ''}` : 'Pause';
    this.#pauseButton.classList.toggle('active', this.#paused);
  }

  #updateCount() {
    const rows = this.#list.children.length;
    let shown = rows;
    if (this.#filter !== '') shown = [...this.#list.children].filter((row) => !row.hidden).length;
    this.#count.textContent = this.#filter !== '' ? `${shown} of ${rows} shown` : `${rows} shown · ${this.#total} received`;
    this.#empty.hidden = rows > 0;
  }
}

/** The unfolded part of a row: epoch, event time, content type, the whole data, and an Ack button. */
function detailBody(message, onAck) {
  const meta = [`epoch ${message.epoch}`];
  if (Number.isFinite(message.ts)) meta.push(`ts ${new Date(message.ts).toISOString()}`);
  if (message.contentType) meta.push(`${message.kind ?? 'binary'} ${message.contentType}`);
  const ack = el('button', {
    type: 'button', class: 'msg-ack', text: `Ack #${message.offset}`,
    title: `Confirm delivery of ${message.channel} up to offset ${message.offset}: a publisher that asked for receipts gets one`,
  });
  ack.addEventListener('click', () => {
    onAck(message);
    ack.textContent = `Acked #${message.offset}`;
    ack.disabled = true;
  });
  return el('div', { class: 'msg-body' },
    el('div', { class: 'msg-meta-row' }, el('p', { class: 'msg-meta muted', text: meta.join(' · ') }), ack),
    el('pre', { class: 'msg-data', text: fullText(message.data) }));
}
