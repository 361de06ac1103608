package io.switchboard.load.coordinator;

import io.switchboard.load.EpochMicros;
import io.switchboard.load.proc.ProcFiles;
import io.switchboard.load.producer.ProducerResult;
import io.switchboard.load.report.CpuUse;
import io.switchboard.load.report.GatewayMemory;
import io.switchboard.load.report.Limits;
import io.switchboard.load.report.LoaderMerge;
import io.switchboard.load.report.LoaderResult;
import io.switchboard.load.report.Pinning;
import io.switchboard.load.report.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run: servers (unless already running), loaders connecting and subscribing, the gateway's RSS before and after,
 * a settle, the producer's events, a drain until deliveries stop arriving, then every process stopped and the
 * loaders' results merged. CPU is counted over the producer's measured window.
 */
final class RunCoordinator {
    private final Children children;
    private final Placement placement;
    private final Scenario scenario;
    private final Target target;
    private final Progress progress;
    private final Broker broker;

    /** {@code broker} is the harness's own broker, or null when the servers were already running. */
    RunCoordinator(
            Children children,
            Placement placement,
            Scenario scenario,
            Target target,
            Progress progress,
            Broker broker) {
        this.children = children;
        this.placement = placement;
        this.scenario = scenario;
        this.target = target;
        this.progress = progress;
        this.broker = broker;
    }

    RunResult run(int number, Path runDir) throws IOException, InterruptedException {
        return run("run " + number, number, runDir);
    }

    /** The broker's warm-up: a run like the others whose figures are not part of the results. */
    RunResult warmUpBroker(Path runDir) throws IOException, InterruptedException {
        return run("broker warm-up", 0, runDir);
    }

    private RunResult run(String label, int number, Path runDir) throws IOException, InterruptedException {
        Files.createDirectories(runDir);
        progress.say(label + ": starting servers (logs in " + runDir + ")");
        Endpoints endpoints = target.startServers()
                ? new Servers(children, placement, target).start(broker, runDir)
                : Endpoints.of(target.gatewayUrl(), target.bootstrap(), target.pids());
        long rssBefore = rss(endpoints);
        ProducerControl producer =
                scenario.idle() ? null : ProducerControl.start(children, placement, scenario, endpoints, runDir);
        progress.say(label + ": connecting " + scenario.clients() + " clients");
        LoaderFleet fleet = LoaderFleet.start(children, placement, scenario, endpoints, runDir);
        long subscribed = fleet.awaitSubscribed(Duration.ofSeconds(120 + scenario.clients() / 50));
        Thread.sleep(Duration.ofSeconds(scenario.settleSeconds()).toMillis());
        GatewayMemory memory = new GatewayMemory(rssBefore, rss(endpoints), subscribed);
        progress.say(label + ": " + subscribed + " subscribed; " + scenario.describe());

        Map<String, Long> pids = new LinkedHashMap<>(endpoints.pids());
        pids.putAll(fleet.pids());
        long startMicros = EpochMicros.now();
        Production production;
        CpuUse cpu;
        if (producer == null) {
            CpuWindow window = CpuWindow.begin(pids);
            Thread.sleep(Duration.ofSeconds(scenario.durationSeconds()).toMillis());
            cpu = window.end();
            production = new Production(0, 0, 0, startMicros);
        } else {
            pids.put("producer", producer.pid());
            producer.go();
            producer.awaitMeasuring(scenario);
            CpuWindow window = CpuWindow.begin(pids);
            long produced = producer.awaitProduced(scenario);
            cpu = window.end();
            drain(fleet, subscribed * scenario.measuredEvents());
            ProducerResult sent = producer.finish();
            production = new Production(produced, sent.failed(), sent.maxLateMillis(), startMicros);
        }
        List<LoaderResult> results = fleet.stop(production.produced());
        List<String> loaders = List.copyOf(fleet.pids().keySet());
        children.close();
        return result(number, LoaderMerge.of(results), subscribed, production, cpu, memory, loaders);
    }

    /** What the producer did: events in all, failed sends, worst pacing delay, when it began (epoch µs). */
    private record Production(long produced, long failed, double lateMillis, long startMicros) {}

    /** Waits until every expected message arrived, or none arrived for a second, at most the drain time. */
    private void drain(LoaderFleet fleet, long expected) throws InterruptedException {
        long deadline =
                System.nanoTime() + Duration.ofSeconds(scenario.drainSeconds()).toNanos();
        long last = -1;
        long stillSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long received = fleet.count()[0];
            if (received >= expected) {
                return;
            }
            if (received != last) {
                last = received;
                stillSince = System.nanoTime();
            } else if (System.nanoTime() - stillSince > 1_000_000_000L) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private static long rss(Endpoints endpoints) {
        Long pid = endpoints.pids().get("gateway");
        return pid == null ? 0 : ProcFiles.rssBytes(pid).orElse(0);
    }

    private RunResult result(
            int number,
            LoaderMerge merged,
            long subscribed,
            Production production,
            CpuUse cpu,
            GatewayMemory memory,
            List<String> loaders) {
        Pinning pinning = new Pinning(
                placement.enabled(),
                placement.serverCpu(),
                List.of("gateway", "processor"),
                placement.loadCpu(),
                loaders);
        long measured = Math.max(0, production.produced() - scenario.warmupEvents());
        return new RunResult(
                number,
                scenario.clients(),
                subscribed,
                merged.failures(),
                production.produced(),
                measured,
                production.failed(),
                production.lateMillis(),
                production.startMicros(),
                measured * subscribed,
                merged.received(),
                scenario.idle() ? 0 : merged.received() / (double) scenario.durationSeconds(),
                merged.latencies().summary(),
                merged.latencies().negative(),
                merged.closes(),
                merged.open(),
                merged.closed(),
                merged.holeSamples(),
                merged.mostMissed(),
                cpu,
                memory,
                merged.receivedAll(),
                merged.reads(),
                Limits.of(cpu, pinning));
    }
}
