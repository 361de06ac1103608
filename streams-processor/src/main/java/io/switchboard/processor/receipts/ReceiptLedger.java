package io.switchboard.processor.receipts;

import io.switchboard.schemas.avro.Cursor;
import io.switchboard.schemas.avro.PendingReceipt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The receipts of the channels of one task, in three stores whose keys start with the channel and a NUL (channel
 * names hold no NUL):
 *
 * <ul>
 *   <li>{@code receipts-pending-store}: channel, NUL, offset in 19 digits: the messages still waiting for an ack, in
 *       offset order, so that the ones an ack covers are one range scan.
 *   <li>{@code receipts-events-store}: channel, NUL, event id: every message seen, receipted or not, so that a copy the
 *       events app routed again after a crash (at-least-once, at a later offset) is not awaited a second time.
 *   <li>{@code receipts-acked-store}: channel, NUL, user id: the highest offset each user acknowledged on the channel
 *       and when, so that a message read back after its ack (the two travel different paths) is answered at once.
 * </ul>
 *
 * Entries of the last two are forgotten after the retention ({@link #expire}), with the pending entry of the message.
 */
final class ReceiptLedger {
    private static final char SEPARATOR = '\u0000';
    private static final StringSerializer PREFIX = new StringSerializer();

    private final KeyValueStore<String, PendingReceipt> pending;
    private final KeyValueStore<String, PendingReceipt> events;
    private final KeyValueStore<String, Cursor> acked;

    ReceiptLedger(
            KeyValueStore<String, PendingReceipt> pending,
            KeyValueStore<String, PendingReceipt> events,
            KeyValueStore<String, Cursor> acked) {
        this.pending = pending;
        this.events = events;
        this.acked = acked;
    }

    static String pendingKey(String channel, long offset) {
        return channel + SEPARATOR + String.format("%019d", offset);
    }

    static String eventKey(String channel, String eventId) {
        return channel + SEPARATOR + eventId;
    }

    static String ackedKey(String channel, String userId) {
        return channel + SEPARATOR + userId;
    }

    /** Records the message as seen; false when the channel already had its event id (a copy routed again). */
    boolean firstSight(String channel, PendingReceipt message) {
        String key = eventKey(channel, message.getEventId());
        if (events.get(key) != null) {
            return false;
        }
        events.put(key, message);
        return true;
    }

    void await(String channel, PendingReceipt message) {
        pending.put(pendingKey(channel, message.getOffset()), message);
    }

    /** The messages waiting after offset {@code after} up to {@code upTo} inclusive, in offset order. */
    List<PendingReceipt> pendingBetween(String channel, long after, long upTo) {
        List<PendingReceipt> found = new ArrayList<>();
        try (KeyValueIterator<String, PendingReceipt> range =
                pending.range(pendingKey(channel, after + 1), pendingKey(channel, upTo))) {
            range.forEachRemaining(entry -> found.add(entry.value));
        }
        return found;
    }

    /** The message at {@code offset} is answered and awaits no other ack. */
    void answered(String channel, long offset) {
        pending.delete(pendingKey(channel, offset));
    }

    /** The offset up to which {@code userId} acknowledged the channel, -1 when it never did (within retention). */
    long ackedUpTo(String channel, String userId) {
        Cursor cursor = acked.get(ackedKey(channel, userId));
        return cursor == null ? -1 : cursor.getOffset();
    }

    void ack(String channel, String userId, long offset, Instant time) {
        acked.put(ackedKey(channel, userId), new Cursor(userId, channel, offset, null, time));
    }

    /** The users who acknowledged the channel at or past {@code offset}, with their acks. */
    List<Cursor> ackedAtOrPast(String channel, long offset) {
        List<Cursor> found = new ArrayList<>();
        try (KeyValueIterator<String, Cursor> users = acked.prefixScan(channel + SEPARATOR, PREFIX)) {
            users.forEachRemaining(entry -> {
                if (entry.value.getOffset() >= offset) {
                    found.add(entry.value);
                }
            });
        }
        return found;
    }

    /**
     * Forgets the messages that asked for receipts before {@code before} (pending or not) and the acks older than
     * it; returns how many messages were still pending.
     */
    int expire(Instant before) {
        int unanswered = 0;
        for (KeyValue<String, PendingReceipt> entry : olderThan(events, before, PendingReceipt::getSince)) {
            events.delete(entry.key);
            String channel = entry.key.substring(0, entry.key.indexOf(SEPARATOR));
            String key = pendingKey(channel, entry.value.getOffset());
            if (pending.get(key) != null) {
                pending.delete(key);
                unanswered++;
            }
        }
        for (KeyValue<String, Cursor> entry : olderThan(acked, before, Cursor::getUpdatedAt)) {
            acked.delete(entry.key);
        }
        return unanswered;
    }

    // Collected first: a store is not changed while one of its iterators is open.
    private static <V> List<KeyValue<String, V>> olderThan(
            KeyValueStore<String, V> store, Instant before, Function<V, Instant> time) {
        List<KeyValue<String, V>> old = new ArrayList<>();
        try (KeyValueIterator<String, V> all = store.all()) {
            all.forEachRemaining(entry -> {
                if (time.apply(entry.value).isBefore(before)) {
                    old.add(entry);
                }
            });
        }
        return old;
    }
}
