// The console's receipts logic without a DOM: receipts grouped by message (event id), the latest answered first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReceiptBook, readersText } from '../receipts.js';

const receipt = (eventId, userId, ackedAt = 0) => ({ event_id: eventId, user_id: userId, acked_at: ackedAt });

test('receipts of one message gather in one group, in the order they came', () => {
  const book = new ReceiptBook();
  book.add(receipt('e-1', 'bob'));
  const group = book.add(receipt('e-1', 'carol'));
  assert.equal(group.eventId, 'e-1');
  assert.deepEqual(group.readers.map((r) => r.user_id), ['bob', 'carol']);
  assert.equal(book.groups.length, 1);
  assert.equal(book.total, 2);
});

test('the message answered last comes first, and the oldest answered are dropped past the cap', () => {
  const book = new ReceiptBook(2);
  book.add(receipt('e-1', 'bob'));
  book.add(receipt('e-2', 'bob'));
  book.add(receipt('e-1', 'carol')); // e-1 answered again: first now
  assert.deepEqual(book.groups.map((g) => g.eventId), ['e-1', 'e-2']);
  book.add(receipt('e-3', 'bob'));
  assert.deepEqual(book.groups.map((g) => g.eventId), ['e-3', 'e-1']);
  assert.equal(book.total, 4);
});

test('a user is listed once per message even if a receipt came twice', () => {
  const book = new ReceiptBook();
  book.add(receipt('e-1', 'bob', 1));
  const group = book.add(receipt('e-1', 'bob', 2));
  assert.deepEqual(group.readers, [{ user_id: 'bob', acked_at: 1 }]);
});

test('readers read as user and local time of the ack', () => {
  const group = { eventId: 'e-1', readers: [{ user_id: 'bob', acked_at: Date.UTC(2026, 0, 1, 12, 0, 0, 5) }, { user_id: 'eve' }] };
  assert.match(readersText(group), /^bob \d\d:\d\d:\d\d\.005, eve$/);
});

test('a group names the publish it answers once the published reply named its event id', () => {
  const book = new ReceiptBook();
  book.name('e-1', 'forum_threads:42 #59');
  assert.equal(book.add(receipt('e-1', 'bob')).label, 'forum_threads:42 #59');
  assert.equal(book.add(receipt('e-2', 'bob')).label, 'e-2', 'not published from this page: the bare event id');
  book.name('e-2', 'forum_threads:42 #60'); // the receipt came first
  assert.equal(book.groups.find((g) => g.eventId === 'e-2').label, 'forum_threads:42 #60');
  book.name(undefined, 'a reply without event_id names nothing');
  assert.equal(book.groups.length, 2);
});
