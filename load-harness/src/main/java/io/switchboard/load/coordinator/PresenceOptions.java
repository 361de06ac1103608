package io.switchboard.load.coordinator;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of the presence test. */
final class PresenceOptions {
    /** Sockets one process may hold here (the file-descriptor limit is 20,000), with room for its other files. */
    static final int SOCKETS_PER_PROCESS = 19_000;

    @Option(names = "--clients", defaultValue = "20000", description = "Members, each its own user (default 20000).")
    int clients;

    @Option(
            names = "--gateways",
            description = "Gateway processes (default: 2, or one per 15000 clients if that is more).")
    Integer gateways;

    @Option(names = "--loaders", description = "Loader processes (default: 2, or one per 10000 clients if more).")
    Integer loaders;

    @Option(
            names = "--channel",
            defaultValue = "forum_threads:lobby",
            description = "The channel, of a presence-enabled family (default forum_threads:lobby).")
    String channel;

    @Option(names = "--clients-per-address", defaultValue = "16", description = "Clients per source address.")
    int perAddress;

    @Option(names = "--max-in-flight", defaultValue = "200", description = "Connects per loader awaiting a grant.")
    int maxInFlight;

    @Option(names = "--paging-runs", defaultValue = "3", description = "Times the watcher pages through (default 3).")
    int pagingRuns;

    @Option(
            names = "--quiet",
            defaultValue = "30",
            description = "Seconds of the CPU window without churn (default 30; 0: no CPU windows, no churn).")
    int quietSeconds;

    @Option(
            names = "--churn-rate",
            defaultValue = "1000",
            description = "Subscribes + unsubscribes a second during the churn (default 1000).")
    int churnRate;

    @Option(names = "--churn", defaultValue = "30", description = "Seconds of churn (default 30).")
    int churnSeconds;

    @Mixin
    ClusterOptions cluster;

    void validate() {
        require(clients >= 1, "need clients >= 1");
        require(gatewayCount() >= 1 && loaderCount() >= 1, "need a gateway and a loader at least");
        require(
                (clients + 1 + gatewayCount() - 1) / gatewayCount() <= SOCKETS_PER_PROCESS,
                "at most " + SOCKETS_PER_PROCESS + " clients per gateway: add --gateways");
        require(
                (clients + loaderCount() - 1) / loaderCount() <= SOCKETS_PER_PROCESS,
                "at most " + SOCKETS_PER_PROCESS + " clients per loader: add --loaders");
        require(pagingRuns >= 1, "need --paging-runs >= 1");
        require(quietSeconds >= 0 && churnSeconds >= 1 && churnRate >= 2, "need --quiet >= 0, --churn >= 1, rate >= 2");
        require(channel.contains(":"), "--channel is family:key");
        cluster.validate();
    }

    int gatewayCount() {
        return gateways != null ? gateways : Math.max(2, (clients + 14_999) / 15_000);
    }

    int loaderCount() {
        return loaders != null ? loaders : Math.max(2, (clients + 9_999) / 10_000);
    }

    Placement placement() {
        return cluster.placement();
    }

    String describe() {
        return String.format(
                "%d members of %s (%d loaders, %d per source address) on %d gateways, 1 processor; %d paging runs;"
                        + " %s%s",
                clients,
                channel,
                loaderCount(),
                perAddress,
                gatewayCount(),
                pagingRuns,
                quietSeconds == 0
                        ? "no churn"
                        : String.format(
                                "%d s quiet, then %d s of %d subscribes+unsubscribes/s",
                                quietSeconds, churnSeconds, churnRate),
                cluster.describeSettings());
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
