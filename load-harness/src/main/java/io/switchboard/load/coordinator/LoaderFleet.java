package io.switchboard.load.coordinator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.load.loader.LoaderMain;
import io.switchboard.load.report.LoaderResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The loader processes of one run, each on the load core with its share of the clients. */
final class LoaderFleet {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Children children;
    private final List<Child> loaders = new ArrayList<>();
    private final List<Path> results = new ArrayList<>();

    private LoaderFleet(Children children) {
        this.children = children;
    }

    /** Starts the loaders; they begin connecting at once. */
    static LoaderFleet start(
            Children children, Placement placement, Scenario scenario, Endpoints endpoints, Path runDir) {
        LoaderFleet fleet = new LoaderFleet(children);
        for (int i = 0; i < scenario.loaders(); i++) {
            Path result = runDir.resolve("loader-" + i + ".json");
            List<String> args = List.of(
                    "--index=" + i,
                    "--host=" + endpoints.gatewayHost(),
                    "--port=" + endpoints.gatewayPort(),
                    "--path=" + endpoints.gatewayPath(),
                    "--channel=" + scenario.channel(),
                    "--first-client=" + scenario.firstClientOf(i),
                    "--clients=" + scenario.clientsOf(i),
                    "--per-address=" + scenario.perAddress(),
                    "--warmup-events=" + scenario.warmupEvents(),
                    "--read-buffer-kib=" + scenario.readBufferKib(),
                    "--result=" + result);
            // One thread does the work: a serial collector keeps GC threads off the shared load core.
            List<String> jvm = List.of("-XX:+UseSerialGC", "-Xms256m", "-Xmx1g");
            fleet.loaders.add(children.start(
                    "loader-" + i, placement.loadCpu(), Jvm.command(jvm, LoaderMain.class, args), Map.of(), runDir));
            fleet.results.add(result);
        }
        return fleet;
    }

    /** Waits until every loader has each client subscribed or failed; returns the subscribed count. */
    long awaitSubscribed(Duration timeout) throws InterruptedException {
        long subscribed = 0;
        for (Child loader : loaders) {
            String ready = loader.await(l -> l.startsWith("READY"), timeout, "READY");
            subscribed += Long.parseLong(ready.split(" ")[1]);
        }
        return subscribed;
    }

    /** Measured messages received so far by all loaders, and connections open. */
    long[] count() throws InterruptedException {
        loaders.forEach(l -> l.send("COUNT"));
        long[] total = new long[2];
        for (Child loader : loaders) {
            String[] parts = loader.await(l -> l.startsWith("COUNT"), Duration.ofSeconds(10), "COUNT")
                    .split(" ");
            total[0] += Long.parseLong(parts[1]);
            total[1] += Long.parseLong(parts[2]);
        }
        return total;
    }

    /** Stops every loader and reads its result; {@code lastProduced} lets each count what never arrived. */
    List<LoaderResult> stop(long lastProduced) throws InterruptedException, IOException {
        loaders.forEach(l -> l.send("STOP " + lastProduced));
        List<LoaderResult> collected = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < loaders.size(); i++) {
            loaders.get(i).await("DONE"::equals, STOP_TIMEOUT, "DONE");
            collected.add(json.readValue(results.get(i).toFile(), LoaderResult.class));
            children.stop(loaders.get(i));
        }
        return collected;
    }

    /** Loader PIDs by name, for CPU accounting. */
    Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        loaders.forEach(l -> pids.put(l.name(), l.pid()));
        return pids;
    }
}
