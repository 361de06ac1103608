package io.switchboard.load.coordinator;

import picocli.CommandLine.Option;

/** The options that shape the load. */
final class LoadOptions {
    @Option(names = "--clients", defaultValue = "1000", description = "WebSocket clients (default 1000).")
    int clients;

    @Option(names = "--rate", defaultValue = "100", description = "Events a second (default 100).")
    int rate;

    @Option(
            names = "--duration",
            defaultValue = "30",
            description = "Seconds of the measured window (default 30); with --idle, of the idle CPU window.")
    int duration;

    @Option(
            names = "--warmup",
            defaultValue = "0",
            description =
                    "Seconds of events before the measured window (default 0: the first minute as a user sees it).")
    int warmup;

    @Option(names = "--loaders", description = "Loader processes (default: one per 19000 clients).")
    Integer loaders;

    @Option(names = "--payload-bytes", defaultValue = "0", description = "Padding added to each event's data.")
    int payloadBytes;

    @Option(names = "--idle", description = "Connect and subscribe the clients, produce nothing (RSS per connection).")
    boolean idle;

    @Option(
            names = "--clients-per-address",
            defaultValue = "16",
            description = "Clients per source address 127.0.0.2, .3, ... (default 16: within the gateway's default "
                    + "handshake burst of 20 per address).")
    int perAddress;

    @Option(
            names = "--settle",
            defaultValue = "3",
            description = "Seconds between the last subscribe and the first event.")
    int settle;

    @Option(names = "--drain", defaultValue = "15", description = "Longest wait in seconds for late deliveries.")
    int drain;

    @Option(names = "--read-buffer-kib", defaultValue = "256", description = "Each loader's read buffer (default 256).")
    int readBufferKib;

    @Option(names = "--channel", defaultValue = "metrics", description = "The channel (default metrics).")
    String channel;

    Scenario scenario() {
        require(clients >= 1, "--clients must be at least 1");
        require(rate >= 1, "--rate must be at least 1");
        require(duration >= 1 && warmup >= 0, "--duration must be at least 1, --warmup at least 0");
        require(payloadBytes >= 0 && payloadBytes <= readBufferKib * 1024 / 2, "--payload-bytes must fit the buffer");
        int loaderCount = loaders != null ? loaders : Scenario.autoLoaders(clients);
        require(loaderCount >= 1 && clients / loaderCount <= 19_500, "at most about 19500 clients per loader");
        return new Scenario(
                clients,
                rate,
                duration,
                warmup,
                loaderCount,
                perAddress,
                payloadBytes,
                idle,
                settle,
                drain,
                readBufferKib,
                channel);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
