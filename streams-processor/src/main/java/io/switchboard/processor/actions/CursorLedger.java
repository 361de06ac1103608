package io.switchboard.processor.actions;

import io.switchboard.schemas.avro.Ack;
import io.switchboard.schemas.avro.Cursor;
import io.switchboard.schemas.avro.Position;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The delivery cursors of the users of one task in {@code cursors-store} (key: {@link #key}, value: {@link Cursor}):
 * per user and channel, the highest offset the user acknowledged. Actions are keyed by user id in {@code
 * switchboard.actions}, so a user's acks and connects all reach the task that holds the user's cursors.
 */
final class CursorLedger {
    /** The offset before the first: a personal channel read from it gets everything retained. */
    static final long BEFORE_FIRST = -1L;

    private static final char SEPARATOR = '\u0000';

    private final KeyValueStore<String, Cursor> store;

    CursorLedger(KeyValueStore<String, Cursor> store) {
        this.store = store;
    }

    /** The key of a cursor in the store and in {@code switchboard.cursors}: user id, a NUL character, channel. */
    static String key(String userId, String channel) {
        return userId + SEPARATOR + channel;
    }

    /**
     * Moves the user's cursor on the ack's channel to the ack when it is newer, and returns the new cursor; empty
     * when the ack changes nothing (see {@link #supersedes}).
     */
    Optional<Cursor> advance(String userId, Ack ack, Instant time) {
        String key = key(userId, ack.getChannel());
        Cursor current = store.get(key);
        if (!supersedes(ack, current)) {
            return Optional.empty();
        }
        String epoch = epochOf(ack);
        Cursor advanced = Cursor.newBuilder()
                .setUserId(userId)
                .setChannel(ack.getChannel())
                .setOffset(ack.getOffset())
                // An ack without an epoch names no other incarnation, so the cursor keeps the one it had.
                .setEpoch(epoch != null || current == null ? epoch : current.getEpoch())
                .setUpdatedAt(time)
                .build();
        store.put(key, advanced);
        return Optional.of(advanced);
    }

    /**
     * Whether {@code ack} replaces {@code current}: always when there is no cursor yet; when both name an epoch and
     * they differ (the channel's topic was recreated, the old offsets mean nothing); otherwise only with a larger
     * offset, so a repeated or late ack never moves a cursor back. A negative offset is no position at all.
     */
    static boolean supersedes(Ack ack, Cursor current) {
        if (ack.getOffset() < 0) {
            return false;
        }
        if (current == null) {
            return true;
        }
        String epoch = epochOf(ack);
        if (epoch != null && current.getEpoch() != null && !epoch.equals(current.getEpoch())) {
            return true;
        }
        return ack.getOffset() > current.getOffset();
    }

    /**
     * The position from which a personal channel is delivered to a new subscription of {@code userId}: after the
     * cursor, in its epoch; after the cursor in any epoch (an inbox read, empty epoch) when it has none; or
     * everything retained, in any epoch ({@link #BEFORE_FIRST}, empty epoch) when the user never acknowledged it.
     */
    Position resumeFrom(String userId, String channel) {
        Cursor cursor = store.get(key(userId, channel));
        if (cursor == null) {
            return new Position(BEFORE_FIRST, "");
        }
        return new Position(cursor.getOffset(), Objects.requireNonNullElse(cursor.getEpoch(), ""));
    }

    // An empty epoch would read as "any epoch" once it is handed back in a grant: treat it as no epoch.
    private static String epochOf(Ack ack) {
        String epoch = ack.getEpoch();
        return epoch == null || epoch.isEmpty() ? null : epoch;
    }
}
