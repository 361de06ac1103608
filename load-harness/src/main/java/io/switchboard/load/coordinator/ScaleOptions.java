package io.switchboard.load.coordinator;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of the scale test. */
final class ScaleOptions {
    @Option(names = "--clients", defaultValue = "15000", description = "Clients, each its own user (default 15000).")
    int clients;

    @Option(
            names = "--gateways",
            defaultValue = "3",
            description = "Gateway processes (default 3; 1 only with --no-kill).")
    int gateways;

    @Option(names = "--processors", defaultValue = "2", description = "Processor processes (default 2).")
    int processors;

    @Option(names = "--channels", defaultValue = "50", description = "Shared channels forum_threads:0.. (default 50).")
    int channels;

    @Option(names = "--rate", defaultValue = "100", description = "Events a second over the shared channels.")
    int rate;

    @Option(names = "--personal-rate", defaultValue = "50", description = "Personal messages a second, in all.")
    int personalRate;

    @Option(names = "--before", defaultValue = "30", description = "Seconds of events before the kills (default 30).")
    int before;

    @Option(names = "--after", defaultValue = "60", description = "Seconds of events after the kills (default 60).")
    int after;

    @Option(names = "--no-kill", description = "Kill nothing (a baseline).")
    boolean noKill;

    @Option(names = "--loaders", description = "Loader processes (default: one per 6000 clients).")
    Integer loaders;

    @Option(names = "--clients-per-address", defaultValue = "16", description = "Clients per source address.")
    int perAddress;

    @Option(names = "--backoff-base-ms", defaultValue = "1000", description = "First reconnect window (jittered).")
    long backoffBase;

    @Option(names = "--backoff-cap-ms", defaultValue = "15000", description = "Largest reconnect window.")
    long backoffCap;

    @Option(names = "--drain", defaultValue = "15", description = "Seconds after the last event for late ones.")
    int drain;

    @Mixin
    ClusterOptions cluster;

    void validate() {
        require(clients >= 1 && processors >= 1, "need clients >= 1 and processors >= 1");
        require(gateways >= (noKill ? 1 : 2), "need 2 gateways or more (1 with --no-kill): clients move to another");
        require(channels >= 1 && rate >= 1 && personalRate >= 0, "need channels >= 1, rate >= 1, personal-rate >= 0");
        require(before >= 5 && after >= 10, "need --before >= 5 and --after >= 10");
        require(loaderCount() >= 1 && clients / loaderCount() <= 19_000, "at most 19000 clients per loader");
        cluster.validate();
    }

    int loaderCount() {
        return loaders != null ? loaders : Math.max(1, (clients + 5_999) / 6_000);
    }

    Placement placement() {
        return cluster.placement();
    }

    String describe() {
        return String.format(
                "%d clients (%d loaders, %d per source address) on %d gateways, %d processors; %d ev/s over %d channels"
                        + " + %d personal msgs/s; %d s, then %s, then %d s; backoff %d..%d ms%s",
                clients,
                loaderCount(),
                perAddress,
                gateways,
                processors,
                rate,
                channels,
                personalRate,
                before,
                noKill ? "no kill" : "SIGKILL gateway-0 and processor-0",
                after,
                backoffBase,
                backoffCap,
                cluster.describeSettings());
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
