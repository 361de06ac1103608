package io.switchboard.load.loader;

import io.switchboard.load.report.Latencies;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one loader learns from message frames: per-connection sequence continuity, measured-window counts and
 * latencies, and which sequence numbers went missing where. Selector thread only, except {@link #published()}.
 */
final class Deliveries {
    private static final int HOLE_SAMPLES = 20;
    private static final int MISSED_KEYS = 100_000;

    private final long warmupEvents;
    private final Latencies latencies = new Latencies();
    private final List<String> holeSamples = new ArrayList<>();
    private final Map<Long, Long> missed = new HashMap<>();
    private long received;
    private long receivedAll;
    private long unreadable;
    private volatile long published;

    /** @param warmupEvents events numbered up to this are warm-up: delivered and checked, but not measured */
    Deliveries(long warmupEvents) {
        this.warmupEvents = warmupEvents;
    }

    /** One {@code message} frame with {@code seq} and produce time {@code t} arrived on {@code c} at {@code now}. */
    void message(ClientConnection c, long seq, long t, long nowMicros) {
        if (seq < 0 || t < 0) {
            unreadable++;
            return;
        }
        receivedAll++;
        long skipped = c.sequence.accept(seq);
        if (skipped > 0) {
            hole(c, seq, skipped, nowMicros - t);
        }
        if (seq > warmupEvents) {
            received++;
            latencies.record(nowMicros - t);
        }
    }

    private void hole(ClientConnection c, long seq, long skipped, long latencyMicros) {
        if (holeSamples.size() < HOLE_SAMPLES) {
            holeSamples.add(String.format(
                    "connection %d: %d -> %d (%d missing), noticed when %d arrived %.1f ms after it was produced",
                    c.index, seq - skipped - 1, seq, skipped, seq, latencyMicros / 1000.0));
        }
        for (long s = seq - skipped; s < seq && (missed.size() < MISSED_KEYS || missed.containsKey(s)); s++) {
            missed.merge(s, 1L, Long::sum);
        }
    }

    /** Makes the measured count visible to the control thread; called once per selector round, not per frame. */
    void publish() {
        published = received;
    }

    long published() {
        return published;
    }

    long received() {
        return received;
    }

    long receivedAll() {
        return receivedAll;
    }

    /** Message frames without a readable {@code data.seq} or {@code data.t}. */
    long unreadable() {
        return unreadable;
    }

    Latencies latencies() {
        return latencies;
    }

    List<String> holeSamples() {
        return List.copyOf(holeSamples);
    }

    Map<Long, Long> missed() {
        return Map.copyOf(missed);
    }
}
