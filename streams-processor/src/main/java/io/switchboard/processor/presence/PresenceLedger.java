package io.switchboard.processor.presence;

import io.switchboard.schemas.avro.PresenceAnswer;
import io.switchboard.schemas.avro.PresenceCount;
import io.switchboard.schemas.avro.PresenceKind;
import io.switchboard.schemas.avro.PresenceMember;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The presence of the channels of one task. {@code presence-store} holds one entry per connection holding a channel:
 * key {@code channel NUL user NUL connection} (anonymous: {@code channel NUL NUL connection}), value the record time
 * at which it began holding it. Entries are set-like, so a repeated change counts once; the entries of one channel
 * sort by user id (stores order keys by their UTF-8 bytes, and user ids are ASCII without NUL), so a page is one range
 * scan that skips the anonymous entries (they sort first). {@code presence-counts-store} keeps per channel the number
 * of users and of anonymous connections, so that neither needs a scan.
 */
final class PresenceLedger {
    /** Members per answer, as PROTOCOL.md says. */
    static final int PAGE_SIZE = 1_000;

    private static final char SEPARATOR = '\u0000';
    // Just above SEPARATOR: no user id or channel holds a character below it, so it bounds ranges from above.
    private static final char ABOVE = '\u0001';

    private final KeyValueStore<String, Long> connections;
    private final KeyValueStore<String, PresenceCount> counts;

    PresenceLedger(KeyValueStore<String, Long> connections, KeyValueStore<String, PresenceCount> counts) {
        this.connections = connections;
        this.counts = counts;
    }

    /** Records that the connection holds the channel; JOIN when it is the user's first. */
    Optional<PresenceKind> hold(String channel, String userId, String connectionId, long since) {
        String key = key(channel, userId, connectionId);
        if (connections.get(key) != null) {
            return Optional.empty();
        }
        boolean first = userId != null && !hasConnections(channel, userId);
        connections.put(key, since);
        count(channel, first ? 1 : 0, userId == null ? 1 : 0);
        return first ? Optional.of(PresenceKind.JOIN) : Optional.empty();
    }

    /** Records that the connection no longer holds the channel; LEAVE when it was the user's last. */
    Optional<PresenceKind> release(String channel, String userId, String connectionId) {
        if (connections.delete(key(channel, userId, connectionId)) == null) {
            return Optional.empty();
        }
        boolean last = userId != null && !hasConnections(channel, userId);
        count(channel, last ? -1 : 0, userId == null ? -1 : 0);
        return last ? Optional.of(PresenceKind.LEAVE) : Optional.empty();
    }

    /** The page of members after {@code after} (null: from the first), with the channel's counts. */
    PresenceAnswer page(String channel, String after) {
        String from = after == null ? channel + SEPARATOR + ABOVE : channel + SEPARATOR + after + ABOVE;
        List<PresenceMember> members = new ArrayList<>();
        String next = null;
        try (KeyValueIterator<String, Long> entries = connections.range(from, channel + ABOVE)) {
            while (entries.hasNext()) {
                String user = userOf(channel, entries.next());
                PresenceMember last = members.isEmpty() ? null : members.get(members.size() - 1);
                if (last != null && last.getUserId().equals(user)) {
                    last.setConnections(last.getConnections() + 1);
                } else if (members.size() == PAGE_SIZE) {
                    next = last.getUserId();
                    break;
                } else {
                    members.add(new PresenceMember(user, 1));
                }
            }
        }
        PresenceCount count = countOf(channel);
        return new PresenceAnswer(channel, members, count.getUsers(), count.getAnonymous(), next);
    }

    private boolean hasConnections(String channel, String userId) {
        String prefix = channel + SEPARATOR + userId + SEPARATOR;
        try (KeyValueIterator<String, Long> entries = connections.range(prefix, channel + SEPARATOR + userId + ABOVE)) {
            return entries.hasNext();
        }
    }

    private void count(String channel, int users, int anonymous) {
        PresenceCount count = countOf(channel);
        PresenceCount changed = new PresenceCount(count.getUsers() + users, count.getAnonymous() + anonymous);
        if (changed.getUsers() == 0 && changed.getAnonymous() == 0) {
            counts.delete(channel); // an empty channel leaves nothing behind
        } else {
            counts.put(channel, changed);
        }
    }

    private PresenceCount countOf(String channel) {
        PresenceCount count = counts.get(channel);
        return count != null ? count : new PresenceCount(0, 0);
    }

    private static String key(String channel, String userId, String connectionId) {
        return channel + SEPARATOR + (userId == null ? "" : userId) + SEPARATOR + connectionId;
    }

    private static String userOf(String channel, KeyValue<String, Long> entry) {
        int start = channel.length() + 1;
        return entry.key.substring(start, entry.key.indexOf(SEPARATOR, start));
    }
}
