package io.switchboard.processor.sessions;

import io.switchboard.schemas.avro.SessionSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The reconnection sessions of one task in {@code sessions-store} (key: token hash, value: {@link
 * SessionSnapshot}). The task reads the same partition of {@code switchboard.sessions} and of {@code
 * switchboard.actions}; a {@code Resume} is keyed by its token hash, so every use of one token reaches this ledger,
 * one after the other, and {@link #use} alone decides which one wins.
 */
final class SessionLedger {
    /** What became of a resume. */
    sealed interface Use {}

    /** The token was valid; {@code session} is now marked used. */
    record Accepted(SessionSnapshot session) implements Use {}

    /** The token restores nothing; {@code reason} is for operators, never for the client. */
    record Rejected(Reason reason) implements Use {}

    /** Why a token was refused. */
    enum Reason {
        UNKNOWN,
        EXPIRED,
        USED
    }

    private final KeyValueStore<String, SessionSnapshot> store;

    SessionLedger(KeyValueStore<String, SessionSnapshot> store) {
        this.store = store;
    }

    /**
     * Uses the token of {@code hash} at {@code time}: refused when no session has that hash, when {@code time} is
     * after its expiry, or when it was used already; otherwise marked used in the store before this returns, so the
     * next use, even one processed right after, is refused.
     */
    Use use(String hash, Instant time) {
        SessionSnapshot session = TokenIssuer.isHash(hash) ? store.get(hash) : null;
        if (session == null) {
            return new Rejected(Reason.UNKNOWN);
        }
        if (session.getUsed()) {
            return new Rejected(Reason.USED);
        }
        if (time.isAfter(session.getExpiresAt())) {
            return new Rejected(Reason.EXPIRED);
        }
        SessionSnapshot used = SessionSnapshots.used(session);
        store.put(hash, used);
        return new Accepted(used);
    }

    /**
     * Keeps a snapshot read from {@code switchboard.sessions}, unless the stored one is used and this one is not: a
     * snapshot written before the use but read after it (a disconnect's positions, or the issue itself read back
     * late) must not make the token usable again. Returns whether the snapshot was kept.
     */
    boolean keep(String hash, SessionSnapshot snapshot) {
        SessionSnapshot stored = store.get(hash);
        if (stored != null && stored.getUsed() && !snapshot.getUsed()) {
            return false;
        }
        store.put(hash, snapshot);
        return true;
    }

    /** Forgets a session (a tombstone on {@code switchboard.sessions}). */
    void forget(String hash) {
        store.delete(hash);
    }

    /** Deletes every session that expired before {@code now}, used or not, and returns their hashes. */
    List<String> removeExpired(Instant now) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, SessionSnapshot> sessions = store.all()) {
            while (sessions.hasNext()) {
                KeyValue<String, SessionSnapshot> session = sessions.next();
                if (now.isAfter(session.value.getExpiresAt())) {
                    expired.add(session.key);
                }
            }
        }
        expired.forEach(store::delete); // after the iterator is closed: a store is not changed while it is read
        return expired;
    }
}
