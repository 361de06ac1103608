package io.switchboard.load;

import java.time.Instant;

/**
 * Wall-clock time in microseconds since the epoch (CLOCK_REALTIME), the one clock the producer and the loaders share:
 * they run on the same machine, so a produce time and a receive time taken in different processes can be subtracted.
 */
public final class EpochMicros {
    private EpochMicros() {}

    public static long now() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
