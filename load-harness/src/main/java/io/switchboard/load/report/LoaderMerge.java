package io.switchboard.load.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The results of a run's loaders added up: counts summed, histograms merged, samples and missed numbers pooled. */
public final class LoaderMerge {
    private static final int HOLE_SAMPLES = 10;
    private static final int MOST_MISSED = 5;

    private final Map<String, Long> failures = new TreeMap<>();
    private final Map<Integer, Closes> closes = new TreeMap<>();
    private final List<String> holeSamples = new ArrayList<>();
    private final Latencies latencies = new Latencies();
    private final Map<Long, Long> missed = new HashMap<>();
    private long subscribed;
    private long received;
    private long receivedAll;
    private long reads;
    private Continuity open = Continuity.NONE;
    private Continuity closed = Continuity.NONE;

    private LoaderMerge() {}

    public static LoaderMerge of(List<LoaderResult> results) {
        LoaderMerge merge = new LoaderMerge();
        results.forEach(merge::add);
        return merge;
    }

    private void add(LoaderResult r) {
        subscribed += r.subscribed();
        received += r.received();
        receivedAll += r.receivedAll();
        reads += r.reads();
        r.connectFailures().forEach((reason, n) -> failures.merge(reason, n, Long::sum));
        r.closes().forEach((code, c) -> closes.merge(code, c, Closes::plus));
        open = open.plus(r.open());
        closed = closed.plus(r.closed());
        r.holeSamples().stream()
                .limit(Math.max(0, HOLE_SAMPLES - holeSamples.size()))
                .forEach(s -> holeSamples.add("loader " + r.loader() + ", " + s));
        r.missedSequences().forEach((seq, n) -> missed.merge(seq, n, Long::sum));
        latencies.add(Latencies.decode(r.histogram(), r.negativeLatencies()));
    }

    public long subscribed() {
        return subscribed;
    }

    public long received() {
        return received;
    }

    public long receivedAll() {
        return receivedAll;
    }

    public long reads() {
        return reads;
    }

    public Map<String, Long> failures() {
        return Map.copyOf(failures);
    }

    public Map<Integer, Closes> closes() {
        return new TreeMap<>(closes);
    }

    public Continuity open() {
        return open;
    }

    public Continuity closed() {
        return closed;
    }

    public List<String> holeSamples() {
        return List.copyOf(holeSamples);
    }

    public Latencies latencies() {
        return latencies;
    }

    /** The sequence numbers the most connections missed, e.g. {@code "1550 (334 connections)"}. */
    public List<String> mostMissed() {
        return missed.entrySet().stream()
                .sorted(Map.Entry.<Long, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(MOST_MISSED)
                .map(e -> e.getKey() + " (" + e.getValue() + " connections)")
                .toList();
    }
}
