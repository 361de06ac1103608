package io.switchboard.load.loader;

import io.switchboard.load.report.Latencies;
import io.switchboard.load.scale.ProducedSequences;
import io.switchboard.load.scale.ScaleLoaderResult;
import io.switchboard.load.scale.StreamTally;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The scale loader's counts and histograms, and its result at the end. Selector thread only. */
final class ScaleCounters {
    private static final int HOLE_SAMPLES = 20;

    final Map<String, Long> failures = new TreeMap<>();
    final Map<String, Long> refusals = new TreeMap<>();
    final Map<Integer, Long> refused429ByGateway = new TreeMap<>();
    final Map<Integer, Long> refused429ByAddress = new HashMap<>();
    final Map<Integer, Long> closes = new TreeMap<>();
    final List<Latencies> survivors = List.of(new Latencies(), new Latencies(), new Latencies());
    final Latencies reconnected = new Latencies();
    final Latencies recovery = new Latencies();
    final List<String> holeSamples = new ArrayList<>();
    long notRecoveredReplies;
    long reconnectAttempts;
    long firstDisconnectMicros;
    long lastRecoveredMicros;
    int subscribed;
    int disconnected;

    void count(Map<String, Long> map, String key) {
        map.merge(key, 1L, Long::sum);
    }

    void refused429(int gateway, int address) {
        refused429ByGateway.merge(gateway, 1L, Long::sum);
        refused429ByAddress.merge(address, 1L, Long::sum);
    }

    void hole(ScaleClient c, String channel, long lastSeq, long seq, long latencyMicros) {
        if (holeSamples.size() < HOLE_SAMPLES) {
            holeSamples.add(String.format(
                    "client %d on %s: %d -> %d, noticed %.1f ms after it was produced",
                    c.index, channel, lastSeq, seq, latencyMicros / 1000.0));
        }
    }

    ScaleLoaderResult result(int loader, List<ScaleClient> clients, ProducedSequences produced) {
        StreamTally topic = StreamTally.NONE;
        StreamTally personal = StreamTally.NONE;
        int recovered = 0;
        for (ScaleClient c : clients) {
            if (c.disconnected && !c.recovering) {
                recovered++;
            }
            if (c.subscribedOnce) {
                topic = topic.plus(tally(c.topic, produced.last(c.channel)));
                personal = personal.plus(tally(c.personal, produced.last(c.personalChannel())));
            }
        }
        return new ScaleLoaderResult(
                loader,
                clients.size(),
                subscribed,
                Map.copyOf(failures),
                disconnected,
                recovered,
                notRecoveredReplies,
                firstDisconnectMicros,
                lastRecoveredMicros,
                recovery.encode(),
                reconnectAttempts,
                Map.copyOf(refusals),
                Map.copyOf(refused429ByGateway),
                refused429ByAddress.size(),
                refused429ByAddress.values().stream().mapToLong(v -> v).max().orElse(0),
                Map.copyOf(closes),
                topic,
                personal,
                survivors.stream().map(Latencies::encode).toList(),
                reconnected.encode(),
                List.copyOf(holeSamples));
    }

    private static StreamTally tally(ChannelStream stream, long lastProduced) {
        var seq = stream.sequence();
        return new StreamTally(
                seq.received() - seq.duplicates(),
                seq.holes(),
                seq.missing(),
                seq.duplicates(),
                stream.repeats(),
                seq.behind(lastProduced));
    }
}
