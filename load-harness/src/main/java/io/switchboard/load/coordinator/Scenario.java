package io.switchboard.load.coordinator;

/**
 * The load of one run.
 *
 * @param clients WebSocket clients, all subscribed to {@code channel}
 * @param rate events a second
 * @param durationSeconds the measured window
 * @param warmupSeconds events produced before the measured window (not counted, but checked for gaps)
 * @param loaders loader processes
 * @param perAddress clients per source address
 * @param payloadBytes padding added to each event's data
 * @param idle connect and subscribe only, produce nothing (memory per connection)
 * @param settleSeconds pause between the last subscription and the first event
 * @param drainSeconds longest wait after the last event for deliveries still under way
 * @param readBufferKib each loader's read buffer
 * @param channel the channel every client subscribes to and the producer writes
 */
record Scenario(
        int clients,
        int rate,
        int durationSeconds,
        int warmupSeconds,
        int loaders,
        int perAddress,
        int payloadBytes,
        boolean idle,
        int settleSeconds,
        int drainSeconds,
        int readBufferKib,
        String channel) {
    /** Most connections one loader process opens: one process holds at most ≈ 19.5k sockets here. */
    static final int MAX_PER_LOADER = 19_000;

    long warmupEvents() {
        return idle ? 0 : (long) rate * warmupSeconds;
    }

    long measuredEvents() {
        return idle ? 0 : (long) rate * durationSeconds;
    }

    /** Loaders needed when none were asked for: one per {@link #MAX_PER_LOADER} clients. */
    static int autoLoaders(int clients) {
        return Math.max(1, (clients + MAX_PER_LOADER - 1) / MAX_PER_LOADER);
    }

    /** Clients of loader {@code i}: an even split, the first loaders taking the remainder. */
    int clientsOf(int i) {
        return clients / loaders + (i < clients % loaders ? 1 : 0);
    }

    /** The global index of loader {@code i}'s first client. */
    int firstClientOf(int i) {
        int first = 0;
        for (int k = 0; k < i; k++) {
            first += clientsOf(k);
        }
        return first;
    }

    /** The broker's warm-up: this load (at most 1000 clients) for {@code seconds}, nothing measured. */
    Scenario brokerWarmup(int seconds) {
        return new Scenario(
                Math.min(clients, 1000),
                rate,
                seconds,
                0,
                1,
                perAddress,
                payloadBytes,
                false,
                settleSeconds,
                drainSeconds,
                readBufferKib,
                channel);
    }

    String describe() {
        return idle
                ? clients + " idle clients (subscribed, no events)"
                : clients + " clients x " + rate + " ev/s for " + durationSeconds + " s"
                        + (warmupSeconds > 0 ? " after " + warmupSeconds + " s of warm-up" : " (no warm-up excluded)")
                        + (payloadBytes > 0 ? ", " + payloadBytes + " B of padding" : "");
    }
}
