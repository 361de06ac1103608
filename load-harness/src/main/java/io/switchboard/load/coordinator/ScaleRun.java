package io.switchboard.load.coordinator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.load.EpochMicros;
import io.switchboard.load.loader.ScaleLoaderMain;
import io.switchboard.load.producer.ScaleProducerMain;
import io.switchboard.load.report.CpuUse;
import io.switchboard.load.scale.ProducedSequences;
import io.switchboard.load.scale.ScaleLoaderResult;
import io.switchboard.load.scale.ScaleSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scale run: broker, servers, producer and loaders; events for {@code before} seconds; SIGKILL of gateway-0 and
 * processor-0; events for {@code after} seconds while the dead gateway's clients come back; a drain; then every
 * process stopped and the loaders' results merged.
 */
final class ScaleRun {
    private final Children children;
    private final Placement placement;
    private final ScaleOptions options;
    private final Path dir;
    private final ObjectMapper json = new ObjectMapper();
    private final Progress progress = new Progress();

    ScaleRun(Children children, Placement placement, ScaleOptions options, Path dir) {
        this.children = children;
        this.placement = placement;
        this.options = options;
        this.dir = dir;
    }

    Map<String, Object> execute() throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        progress.say("starting the broker, " + options.processors + " processors, " + options.gateways + " gateways");
        ScaleCluster cluster =
                ScaleCluster.start(children, placement, options.cluster, options.processors, options.gateways, dir);
        Broker broker = cluster.broker;
        Path producedFile = dir.resolve("producer.json");
        Child producer = children.start(
                "producer",
                placement.loadCpu(),
                Jvm.command(
                        List.of("-XX:+UseSerialGC", "-Xmx512m", "-XX:TieredStopAtLevel=1"),
                        ScaleProducerMain.class,
                        List.of(
                                "--bootstrap=" + broker.bootstrap(),
                                "--channels=" + options.channels,
                                "--rate=" + options.rate,
                                "--personal-rate=" + options.personalRate,
                                "--users=" + options.clients,
                                "--seconds=" + (options.before + options.after),
                                "--result=" + producedFile)),
                Map.of(),
                dir);
        ClusterLoaders fleet = startLoaders(cluster);
        List<Child> loaders = fleet.processes();
        long subscribed = fleet.awaitReady();
        progress.say(subscribed + " of " + options.clients + " clients subscribed");
        Thread.sleep(3000);
        producer.await("READY"::equals, Duration.ofMinutes(3), "READY");

        Map<String, Long> pids = pids(broker, cluster, producer, loaders);
        CpuWindow beforeWindow = CpuWindow.begin(pids);
        producer.send("GO");
        long goMicros = EpochMicros.now();
        Thread.sleep(options.before * 1000L);
        CpuUse cpuBefore = beforeWindow.end();
        cluster.scrape(dir, "before-kill");
        long killMicros = EpochMicros.now();
        if (!options.noKill) {
            cluster.gateways.get(0).kill();
            cluster.processors.get(0).kill();
            progress.say("SIGKILL sent to gateway-0 and processor-0");
        }
        loaders.forEach(l -> l.send("PHASE 1"));
        CpuWindow afterWindow = CpuWindow.begin(pids);
        Map<String, Object> back = awaitBack(loaders, killMicros, options.after);
        loaders.forEach(l -> l.send("PHASE 2"));
        producer.await(l -> l.startsWith("PRODUCED"), Duration.ofSeconds(options.after + 120L), "PRODUCED");
        Thread.sleep(options.drain * 1000L);
        CpuUse cpuAfter = afterWindow.end();
        cluster.scrape(dir, "end");
        ProducedSequences produced = json.readValue(producedFile.toFile(), ProducedSequences.class);
        List<ScaleLoaderResult> results = fleet.stop("STOP " + producedFile, ScaleLoaderResult.class);
        ScaleSummary summary = ScaleSummary.of(results);

        report.put("summary", summary);
        report.put("subscribed", subscribed);
        report.put("produced", produced.produced());
        report.put("producerFailed", produced.failed());
        report.put("producerSeconds", produced.seconds());
        report.put("eventsStartMicros", goMicros);
        report.put("killMicros", killMicros);
        report.putAll(back);
        report.put("cpuBeforeKill", cpuBefore);
        report.put("cpuAfterKill", cpuAfter);
        report.put("placement", placementOf(pids));
        return report;
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
                List.of("-XX:+UseSerialGC", "-Xms256m", "-Xmx1g"),
                ScaleLoaderMain.class,
                List.of(
                        "--channels=" + options.channels,
                        "--backoff-base-ms=" + options.backoffBase,
                        "--backoff-cap-ms=" + options.backoffCap));
    }

    /**
     * Polls the loaders until every client that lost its connection is back (or {@code limitSeconds} pass); returns
     * when the first was lost, when the last came back and the count still out at the end.
     */
    private Map<String, Object> awaitBack(List<Child> loaders, long killMicros, int limitSeconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(limitSeconds).toNanos();
        long disconnected = 0;
        long recovering = 0;
        long lastBack = 0;
        long firstLost = 0;
        long pendingSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            disconnected = 0;
            recovering = 0;
            lastBack = 0;
            firstLost = Long.MAX_VALUE;
            for (Child loader : loaders) {
                loader.send("STATE");
                String[] s = loader.await(l -> l.startsWith("STATE"), Duration.ofSeconds(10), "STATE")
                        .split(" ");
                disconnected += Long.parseLong(s[2]);
                recovering += Long.parseLong(s[3]);
                lastBack = Math.max(lastBack, Long.parseLong(s[4]));
                long first = Long.parseLong(s[5]);
                firstLost = first > 0 ? Math.min(firstLost, first) : firstLost;
            }
            progress.say(String.format(
                    "%.1f s after the kill: %d clients lost their connection, %d still coming back",
                    (EpochMicros.now() - killMicros) / 1e6, disconnected, recovering));
            // all back, and nobody new lost for 2 s (a processor's tasks moving can still cut connections late)
            if (recovering > 0 || disconnected == 0) {
                pendingSince = System.nanoTime();
            } else if (System.nanoTime() - pendingSince > 2_000_000_000L) {
                break;
            }
        }
        Map<String, Object> back = new LinkedHashMap<>();
        back.put("firstLostAfterKillMillis", firstLost == Long.MAX_VALUE ? -1 : (firstLost - killMicros) / 1000.0);
        back.put("lastBackAfterKillMillis", lastBack == 0 ? -1 : (lastBack - killMicros) / 1000.0);
        back.put("stillOutWhenPollingEnded", recovering);
        return back;
    }

    private static Map<String, Long> pids(Broker broker, ScaleCluster cluster, Child producer, List<Child> loaders) {
        Map<String, Long> pids = new LinkedHashMap<>();
        cluster.gateways.forEach(g -> pids.put(g.name(), g.pid()));
        cluster.processors.forEach(p -> pids.put(p.name(), p.pid()));
        pids.put("broker", broker.pid());
        pids.put("producer", producer.pid());
        loaders.forEach(l -> pids.put(l.name(), l.pid()));
        return pids;
    }

    private Map<String, String> placementOf(Map<String, Long> pids) {
        Map<String, String> where = new LinkedHashMap<>();
        pids.keySet()
                .forEach(name -> where.put(
                        name,
                        !placement.enabled()
                                ? "any CPU"
                                : "CPU "
                                        + (name.startsWith("gateway") || name.startsWith("processor")
                                                ? placement.serverCpu()
                                                : placement.loadCpu())));
        return where;
    }
}
