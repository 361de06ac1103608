package io.switchboard.load.coordinator;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The loader processes of a scale or presence run, on the load core: loader {@code i} holds its share of the clients
 * (global indexes from {@code --first-client}), spread over every gateway of the cluster, and writes its result to
 * {@code loader-i.json}. They talk to the run on standard input and output ({@code READY}, {@code STOP}, {@code
 * DONE}).
 */
final class ClusterLoaders {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Children children;
    private final Path dir;
    private final List<Child> loaders = new ArrayList<>();

    private ClusterLoaders(Children children, Path dir) {
        this.children = children;
        this.dir = dir;
    }

    /**
     * Starts {@code count} loaders of {@code main} with {@code jvm} options, sharing {@code clients} (the first
     * loaders take one more when they do not divide), {@code perAddress} a source address; {@code args} are the
     * options of that kind of loader.
     */
    static ClusterLoaders start(
            Children children,
            Placement placement,
            Path dir,
            ScaleCluster cluster,
            int clients,
            int count,
            int perAddress,
            List<String> jvm,
            Class<?> main,
            List<String> args) {
        ClusterLoaders fleet = new ClusterLoaders(children, dir);
        String gateways = cluster.gatewayAddresses();
        int first = 0;
        for (int i = 0; i < count; i++) {
            int n = clients / count + (i < clients % count ? 1 : 0);
            List<String> all = new ArrayList<>(List.of(
                    "--index=" + i,
                    "--gateways=" + gateways,
                    "--first-client=" + first,
                    "--clients=" + n,
                    "--per-address=" + perAddress));
            all.addAll(args);
            all.add("--result=" + fleet.result(i));
            fleet.loaders.add(children.start(
                    "loader-" + i,
                    placement.loadCpu(),
                    Jvm.command(jvm, main, all),
                    Map.of("SCALE_JWT_SECRET", cluster.jwtSecret),
                    dir));
            first += n;
        }
        return fleet;
    }

    /** The loader processes, in index order. */
    List<Child> processes() {
        return loaders;
    }

    /** Waits until every loader has each of its clients subscribed or failed; returns the subscribed count. */
    long awaitReady() throws InterruptedException {
        long subscribed = 0;
        for (Child loader : loaders) {
            subscribed += Long.parseLong(loader.await(l -> l.startsWith("READY"), READY_TIMEOUT, "READY")
                    .split(" ")[1]);
        }
        return subscribed;
    }

    /** Sends {@code command} to every loader, then, one by one, waits for DONE, reads its result and ends it. */
    <T> List<T> stop(String command, Class<T> resultType) throws Exception {
        loaders.forEach(l -> l.send(command));
        List<T> results = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < loaders.size(); i++) {
            loaders.get(i).await("DONE"::equals, STOP_TIMEOUT, "DONE");
            results.add(json.readValue(result(i).toFile(), resultType));
            children.stop(loaders.get(i));
        }
        return results;
    }

    private Path result(int loader) {
        return dir.resolve("loader-" + loader + ".json");
    }
}
