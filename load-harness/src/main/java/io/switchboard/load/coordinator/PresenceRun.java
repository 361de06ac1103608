package io.switchboard.load.coordinator;

import io.switchboard.load.EpochMicros;
import io.switchboard.load.loader.PresenceLoaderMain;
import io.switchboard.load.presence.JoinLatencies;
import io.switchboard.load.presence.PagingCheck;
import io.switchboard.load.presence.PresenceLoaderResult;
import io.switchboard.load.presence.PresencePage;
import io.switchboard.load.report.CpuUse;
import io.switchboard.load.report.Latencies;
import io.switchboard.load.scale.DevJwt;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One presence run: broker, one processor, the gateways; a watcher subscribed with presence; the members connected
 * from the loaders; paging checked exactly-once; a quiet CPU window and a churn window; paging checked again; store
 * sizes; then every process stopped and the loaders' results joined with the watcher's join frames.
 */
final class PresenceRun {
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);
    /** How often a wait for the watcher's members says how far it got. */
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final Children children;
    private final Placement placement;
    private final PresenceOptions options;
    private final Path dir;
    private final Progress progress = new Progress();
    private final Map<String, Object> report = new LinkedHashMap<>();
    private boolean passed = true;

    PresenceRun(Children children, Placement placement, PresenceOptions options, Path dir) {
        this.children = children;
        this.placement = placement;
        this.options = options;
        this.dir = dir;
    }

    /** The report; its {@code passed} tells whether every check held. */
    Map<String, Object> execute() throws Exception {
        progress.say("starting the broker, a processor and " + options.gatewayCount() + " gateways");
        ScaleCluster cluster = ScaleCluster.start(children, placement, options.cluster, 1, options.gatewayCount(), dir);
        String watcherToken =
                new DevJwt(cluster.jwtSecret).mint(PresenceWatcher.USER, List.of("viewer"), Duration.ofHours(2));
        try (PresenceWatcher watcher =
                PresenceWatcher.open("127.0.0.1:" + cluster.gatewayPorts.get(0), watcherToken, options.channel)) {
            run(cluster, watcher);
        }
        report.put("passed", passed);
        return report;
    }

    private void run(ScaleCluster cluster, PresenceWatcher watcher) throws Exception {
        int n = options.clients;
        long rampStart = EpochMicros.now();
        ClusterLoaders fleet = startLoaders(cluster);
        List<Child> loaders = fleet.processes();
        long subscribed = fleet.awaitReady();
        double rampSeconds = (EpochMicros.now() - rampStart) / 1e6;
        progress.say(String.format("%d of %d members subscribed in %.1f s", subscribed, n, rampSeconds));
        check(subscribed == n, "every member subscribed");
        report.put("subscribed", subscribed);
        report.put("rampSeconds", rampSeconds);
        awaitPresent(watcher, n, "the ramp");
        report.put("joinsSeenSeconds", (EpochMicros.now() - rampStart) / 1e6);

        Set<String> expected = expectedUsers(n);
        List<Map<String, Object>> paging = new ArrayList<>();
        for (int r = 0; r < options.pagingRuns; r++) {
            paging.add(pageThrough(watcher, expected, "after the ramp"));
        }

        Map<String, Long> pids = new LinkedHashMap<>();
        cluster.processors.forEach(p -> pids.put(p.name(), p.pid()));
        cluster.gateways.forEach(g -> pids.put(g.name(), g.pid()));
        pids.put("broker", cluster.broker.pid());
        loaders.forEach(l -> pids.put(l.name(), l.pid()));
        report.put("pids", pids);
        long churnStart = 0;
        if (options.quietSeconds > 0) {
            progress.say(options.quietSeconds + " s without churn (CPU window)");
            CpuWindow quiet = CpuWindow.begin(pids);
            Thread.sleep(options.quietSeconds * 1000L);
            CpuUse quietCpu = quiet.end();
            report.put("storeAfterRamp", storeSize(n + 1));
            cluster.scrape(dir, "after-ramp");
            report.put(
                    "rocksdbMetricsAfterRamp",
                    PresenceStoreSize.rocksdbMetrics(dir.resolve("processor-0-after-ramp.prom")));
            progress.say(options.churnSeconds + " s of " + options.churnRate + " subscribes+unsubscribes/s");
            churnStart = EpochMicros.now();
            CpuWindow churn = CpuWindow.begin(pids);
            double perLoader = (double) options.churnRate / loaders.size();
            loaders.forEach(l -> l.send("CHURN " + perLoader + " " + options.churnSeconds));
            Thread.sleep(options.churnSeconds * 1000L);
            CpuUse churnCpu = churn.end();
            long churnOps = 0;
            for (Child loader : loaders) {
                String[] done = loader.await(l -> l.startsWith("CHURNED"), SETTLE_TIMEOUT, "CHURNED")
                        .split(" ");
                churnOps += Long.parseLong(done[1]) + Long.parseLong(done[2]);
            }
            report.put("cpuQuiet", quietCpu);
            report.put("cpuChurn", churnCpu);
            report.put("churnOperations", churnOps);
            awaitPresent(watcher, n, "the churn");
            paging.add(pageThrough(watcher, expected, "after the churn"));
        }
        report.put("paging", paging);
        report.put("store", storeSize(n + 1));
        report.put("watcherJoins", watcher.joins());
        report.put("watcherLeaves", watcher.leaves());
        report.put("watcherCloseCode", watcher.closeCode());
        check(watcher.closeCode() == -1, "the watcher stayed connected");

        cluster.scrape(dir, "end");
        report.put("rocksdbMetricsEnd", PresenceStoreSize.rocksdbMetrics(dir.resolve("processor-0-end.prom")));
        // a clean stop flushes RocksDB's memtables into SST files: the store's size on disk, with every member still
        // in it (the processor stops before the members go)
        children.stop(cluster.processors.get(0));
        report.put("storeAfterStop", storeSize(n + 1));
        List<PresenceLoaderResult> results = fleet.stop("STOP", PresenceLoaderResult.class);
        joinLatencies(results, watcher, rampStart, churnStart);
        report.put("loaderFailures", merge(results, PresenceLoaderResult::failures));
        report.put("loaderErrors", merge(results, PresenceLoaderResult::errors));
        int lost = results.stream().mapToInt(PresenceLoaderResult::lost).sum();
        report.put("membersLost", lost);
        check(lost == 0, "no member lost its connection");
    }

    /** Pages through the presence answer once, timed, and checks that it listed every member exactly once. */
    private Map<String, Object> pageThrough(PresenceWatcher watcher, Set<String> expected, String when)
            throws Exception {
        List<PresencePage> pages = new ArrayList<>();
        long start = System.nanoTime();
        String after = null;
        do {
            PresencePage page = watcher.page(after);
            pages.add(page);
            after = page.next();
        } while (after != null && pages.size() <= expected.size() / PagingCheck.PAGE_SIZE + 2);
        double millis = (System.nanoTime() - start) / 1e6;
        PagingCheck check = PagingCheck.of(pages, expected);
        boolean once = check.exactlyOnce(expected.size()) && after == null;
        progress.say(String.format(
                "paging %s: %d pages, %d members listed, in %.0f ms; exactly once: %s%s",
                when, check.pages(), check.listed(), millis, once, once ? "" : " " + check));
        check(once, "paging " + when + " listed every member exactly once");
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("when", when);
        run.put("millis", millis);
        run.put("check", check);
        run.put("exactlyOnce", once);
        return run;
    }

    /** Waits until the watcher's join and leave frames tell {@code n} members (other than itself). */
    private void awaitPresent(PresenceWatcher watcher, int n, String after) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (!watcher.awaitPresent(n, PROGRESS_EVERY) && System.nanoTime() < deadline && watcher.closeCode() == -1) {
            progress.say("watcher: " + watcher.present() + " of " + n + " members joined after " + after);
        }
        check(watcher.present() == n, "the watcher saw " + n + " members after " + after);
    }

    private Map<String, Object> storeSize(int members) {
        Map<String, Object> size =
                new LinkedHashMap<>(PresenceStoreSize.measure(dir.resolve("processor-0-state"), dir.resolve("kafka")));
        Map<String, Long> bytes = new LinkedHashMap<>();
        size.forEach((k, v) -> bytes.put(k, (Long) v));
        bytes.forEach((k, v) -> size.put(k.replace("Bytes", "BytesPerMember"), (double) v / members));
        return size;
    }

    private void joinLatencies(
            List<PresenceLoaderResult> results, PresenceWatcher watcher, long rampStart, long churnStart) {
        Map<String, long[]> firstSends = new HashMap<>();
        Map<String, List<Long>> churnSends = new HashMap<>();
        for (PresenceLoaderResult r : results) {
            for (int i = 0; i < r.clients(); i++) {
                firstSends.put("u" + (r.firstClient() + i), new long[] {r.firstSubscribeMicros()[i]});
            }
            long[] pairs = r.churnSubscribes();
            for (int i = 0; i + 1 < pairs.length; i += 2) {
                churnSends
                        .computeIfAbsent("u" + pairs[i], u -> new ArrayList<>())
                        .add(pairs[i + 1]);
            }
        }
        Map<String, List<Long>> rampJoins = new HashMap<>();
        Map<String, List<Long>> churnJoins = new HashMap<>();
        watcher.joinsSince(rampStart).forEach((user, times) -> {
            for (long t : times) {
                (churnStart > 0 && t >= churnStart ? churnJoins : rampJoins)
                        .computeIfAbsent(user, u -> new ArrayList<>())
                        .add(t);
            }
        });
        rampJoins.remove(PresenceWatcher.USER);
        long[] unmatched = new long[1];
        Latencies ramp = JoinLatencies.of(firstSends, rampJoins, unmatched);
        report.put("joinLatencyRamp", ramp.summary());
        report.put("joinUnmatchedRamp", unmatched[0]);
        if (churnStart > 0) {
            unmatched[0] = 0;
            Map<String, long[]> sends = churnSends.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stream()
                            .mapToLong(Long::longValue)
                            .toArray()));
            Latencies churn = JoinLatencies.of(sends, churnJoins, unmatched);
            report.put("joinLatencyChurn", churn.summary());
            report.put("joinUnmatchedChurn", unmatched[0]);
            report.put(
                    "churnSubscribes",
                    churnSends.values().stream().mapToInt(List::size).sum());
        }
    }

    private ClusterLoaders startLoaders(ScaleCluster cluster) {
        return ClusterLoaders.start(
                children,
                placement,
                dir,
                cluster,
                options.clients,
                options.loaderCount(),
                options.perAddress,
                List.of("-XX:+UseSerialGC", "-Xms128m", "-Xmx768m", "-XX:TieredStopAtLevel=1"),
                PresenceLoaderMain.class,
                List.of("--max-in-flight=" + options.maxInFlight, "--channel=" + options.channel));
    }

    private static Set<String> expectedUsers(int n) {
        Set<String> users = new HashSet<>();
        for (int i = 0; i < n; i++) {
            users.add("u" + i);
        }
        users.add(PresenceWatcher.USER);
        return users;
    }

    private static Map<String, Long> merge(
            List<PresenceLoaderResult> results,
            java.util.function.Function<PresenceLoaderResult, Map<String, Long>> part) {
        Map<String, Long> merged = new LinkedHashMap<>();
        results.forEach(r -> part.apply(r).forEach((k, v) -> merged.merge(k, v, Long::sum)));
        return merged;
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            passed = false;
            progress.say("FAILED: " + what);
        }
    }
}
