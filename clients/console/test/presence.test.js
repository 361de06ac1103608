// The console's presence logic without a DOM: the roster a card shows, and which channels it asks about.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PresencePanel, PresenceRoster } from '../presence.js';

const answer = (members, extra = {}) => ({
  type: 'presence', channel: 'chat_rooms:1', members: members.map(([user_id, connections]) => ({ user_id, connections })),
  count: members.length, ...extra,
});
const users = (roster) => roster.members.map((m) => `${m.user_id}×${m.connections}`);

test('a roster lists the answer in user-id order with connection counts, and counts anonymous connections apart', () => {
  const roster = new PresenceRoster();
  assert.equal(roster.answered, false);
  roster.asked();
  roster.answer(answer([['carol', 1], ['alice', 2]], { anonymous: 3 }));
  assert.equal(roster.answered, true);
  assert.deepEqual(users(roster), ['alice×2', 'carol×1']);
  assert.equal(roster.summary(), '2 users · 3 anonymous');
  roster.answer(answer([['bob', 1]]));
  assert.equal(roster.summary(), '1 user');
});

test('joins add a user once, leaves remove it, and the feed keeps them newest first, capped', () => {
  const roster = new PresenceRoster(3);
  roster.answer(answer([['alice', 2]]));
  roster.change('join', { channel: 'chat_rooms:1', user_id: 'bob', ts: 1 });
  roster.change('join', { channel: 'chat_rooms:1', user_id: 'alice', ts: 2 }); // known already: keeps its 2
  roster.change('leave', { channel: 'chat_rooms:1', user_id: 'bob', ts: 3 });
  roster.change('join', { channel: 'chat_rooms:1', user_id: 'dave', ts: 4 });
  assert.deepEqual(users(roster), ['alice×2', 'dave×1']);
  assert.deepEqual(roster.feed.map((c) => `${c.kind} ${c.user_id} ${c.ts}`), ['join dave 4', 'leave bob 3', 'join alice 2']);
});

test('notices that arrive while a question is out still count when its answer predates them', () => {
  const roster = new PresenceRoster();
  roster.answer(answer([['alice', 1], ['bob', 1]]));
  roster.asked();
  roster.change('leave', { user_id: 'bob', ts: 1 });
  roster.change('join', { user_id: 'carol', ts: 2 });
  roster.answer(answer([['alice', 1], ['bob', 1]])); // computed before both notices
  assert.deepEqual(users(roster), ['alice×1', 'carol×1']);
});

test('an answer that already saw the notices gives the same members, and one after it replays nothing', () => {
  const roster = new PresenceRoster();
  roster.asked();
  roster.change('join', { user_id: 'bob', ts: 1 });
  roster.change('leave', { user_id: 'bob', ts: 2 });
  roster.change('join', { user_id: 'bob', ts: 3 });
  roster.answer(answer([['alice', 1], ['bob', 2]]));
  assert.deepEqual(users(roster), ['alice×1', 'bob×2']);
  roster.answer(answer([['alice', 1]])); // a later question: bob has gone since
  assert.deepEqual(users(roster), ['alice×1']);
});

test('the panel asks about every channel but personal ones, and stops asking about one without presence', async () => {
  const panel = new PresencePanel({ panel: {}, cards: {} }, () => {}, () => {});
  assert.equal(panel.wants('user:alice'), false);
  assert.equal(panel.wants('metrics'), true);
  const asked = [];
  const refusing = {
    presence: (channel) => {
      asked.push(channel);
      return Promise.reject(Object.assign(new Error('presence is not enabled for the family'), { code: 'bad_request' }));
    },
  };
  panel.ask(refusing, 'metrics');
  panel.ask(refusing, 'user:alice');
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(asked, ['metrics']);
  assert.equal(panel.wants('metrics'), false);
  assert.deepEqual(panel.listeners('chat_rooms:1').presence, true);
});

test('the panel logs a presence question that failed for a reason other than no presence', async () => {
  const logged = [];
  const panel = new PresencePanel({ panel: {}, cards: {} }, (kind, text) => logged.push([kind, text]), () => {});
  const limited = { presence: () => Promise.reject(Object.assign(new Error('too many'), { code: 'rate_limited' })) };
  panel.ask(limited, 'chat_rooms:1');
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(logged, [['error', 'presence chat_rooms:1: rate_limited: too many']]);
  assert.equal(panel.wants('chat_rooms:1'), true, 'asked again later');
});

test('with two questions out, the notices between their answers still count on the second', () => {
  const roster = new PresenceRoster();
  roster.answer(answer([['alice', 1]]));
  roster.asked();
  roster.asked(); // ↻ while the first is out
  roster.answer(answer([['alice', 1]]));
  roster.change('join', { user_id: 'bob', ts: 1 });
  roster.answer(answer([['alice', 1]])); // computed before bob joined
  assert.deepEqual(users(roster), ['alice×1', 'bob×1']);
});
