package io.switchboard.load.scale;

import io.switchboard.load.report.Latencies;
import io.switchboard.load.report.LatencySummary;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scale loaders' results merged: what the report prints and {@code report.json} holds.
 *
 * @param survivorLatency survivors' latency before, during and after the faults
 * @param recoveryMillis per reconnected client, lost connection → back: p50, p90, p99, max
 */
public record ScaleSummary(
        int clients,
        int subscribed,
        Map<String, Long> failures,
        int disconnected,
        int recovered,
        long notRecoveredReplies,
        long firstDisconnectMicros,
        long lastRecoveredMicros,
        LatencySummary recoveryMillis,
        long reconnectAttempts,
        Map<String, Long> refusals,
        Map<Integer, Long> refused429ByGateway,
        int addressesRefused429,
        long max429PerAddress,
        Map<Integer, Long> closes,
        StreamTally topic,
        StreamTally personal,
        List<LatencySummary> survivorLatency,
        LatencySummary reconnectedLatency,
        List<String> holeSamples) {

    /** Sums the loaders' results. */
    public static ScaleSummary of(List<ScaleLoaderResult> results) {
        int clients = 0, subscribed = 0, disconnected = 0, recovered = 0, addresses = 0;
        long notRecovered = 0, first = Long.MAX_VALUE, last = 0, attempts = 0, max429 = 0;
        Map<String, Long> failures = new TreeMap<>();
        Map<String, Long> refusals = new TreeMap<>();
        Map<Integer, Long> byGateway = new TreeMap<>();
        Map<Integer, Long> closes = new TreeMap<>();
        StreamTally topic = StreamTally.NONE;
        StreamTally personal = StreamTally.NONE;
        Latencies recovery = new Latencies();
        Latencies reconnected = new Latencies();
        List<Latencies> survivors = List.of(new Latencies(), new Latencies(), new Latencies());
        List<String> holes = new java.util.ArrayList<>();
        for (ScaleLoaderResult r : results) {
            clients += r.clients();
            subscribed += r.subscribed();
            disconnected += r.disconnected();
            recovered += r.recovered();
            notRecovered += r.notRecoveredReplies();
            if (r.firstDisconnectMicros() > 0) {
                first = Math.min(first, r.firstDisconnectMicros());
            }
            last = Math.max(last, r.lastRecoveredMicros());
            attempts += r.reconnectAttempts();
            addresses += r.addressesRefused429();
            max429 = Math.max(max429, r.max429PerAddress());
            r.failures().forEach((k, v) -> failures.merge(k, v, Long::sum));
            r.refusals().forEach((k, v) -> refusals.merge(k, v, Long::sum));
            r.refused429ByGateway().forEach((k, v) -> byGateway.merge(k, v, Long::sum));
            r.closes().forEach((k, v) -> closes.merge(k, v, Long::sum));
            topic = topic.plus(r.topic());
            personal = personal.plus(r.personal());
            recovery.add(Latencies.decode(r.recoveryHistogram(), 0));
            reconnected.add(Latencies.decode(r.reconnectedHistogram(), 0));
            for (int i = 0; i < 3; i++) {
                survivors.get(i).add(Latencies.decode(r.survivorHistograms().get(i), 0));
            }
            holes.addAll(r.holeSamples());
        }
        return new ScaleSummary(
                clients,
                subscribed,
                failures,
                disconnected,
                recovered,
                notRecovered,
                first == Long.MAX_VALUE ? 0 : first,
                last,
                recovery.summary(),
                attempts,
                refusals,
                byGateway,
                addresses,
                max429,
                closes,
                topic,
                personal,
                survivors.stream().map(Latencies::summary).toList(),
                reconnected.summary(),
                holes.subList(0, Math.min(20, holes.size())));
    }
}
