package io.switchboard.e2e;

import io.switchboard.processor.config.ProcessorKeys;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Event produced to {@code switchboard.events} by a plain Kafka producer -> {@code message} frame received by a
 * WebSocket client, through the real processor and a gateway on an embedded broker. Not a test: run it with {@code
 * mvn -B -q -pl e2e-tests -am -DskipTests install exec:java} (see docs/benchmarks.md).
 *
 * <p>Arguments: events (default 2000), pause between events in ms (default 5), the guarantee events are routed with
 * ({@code processor.events.processing-guarantee}, default at_least_once), the events app's commit interval in ms
 * (default 100).
 */
public final class EndToEndLatencyBenchmark {
    private EndToEndLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        long pauseMs = args.length > 1 ? Long.parseLong(args[1]) : 5;
        String guarantee = args.length > 2 ? args[2] : "at_least_once";
        long commitIntervalMs = args.length > 3 ? Long.parseLong(args[3]) : 100;
        SwitchboardCluster cluster = new SwitchboardCluster(
                1,
                Map.of(),
                Map.of(
                        ProcessorKeys.EVENTS_PROCESSING_GUARANTEE,
                        guarantee,
                        ProcessorKeys.EVENTS_COMMIT_INTERVAL_MS,
                        Long.toString(commitIntervalMs)));
        cluster.beforeAll(null);
        try (TestClient client = TestClient.connect(cluster.gatewayPort(0))) {
            client.subscribe("metrics");
            warmUp(cluster, client);
            long[] latencies = measure(cluster, client, events, pauseMs);
            Arrays.sort(latencies);
            System.out.printf(
                    Locale.ROOT,
                    "%s commit=%dms events=%d pause=%dms  p50=%.1f ms  p90=%.1f ms  p99=%.1f ms  max=%.1f ms%n",
                    guarantee,
                    commitIntervalMs,
                    events,
                    pauseMs,
                    percentile(latencies, 0.50),
                    percentile(latencies, 0.90),
                    percentile(latencies, 0.99),
                    latencies[latencies.length - 1] / 1e6);
        } finally {
            cluster.afterAll(null);
        }
    }

    private static void warmUp(SwitchboardCluster cluster, TestClient client) {
        for (int i = 0; i < 200; i++) {
            cluster.produceEvent("metrics", "{\"channel\":\"metrics\",\"data\":{\"warm\":" + i + "}}");
        }
        client.awaitFrame(f -> f.path("data").path("warm").asInt(-1) == 199);
    }

    private static long[] measure(SwitchboardCluster cluster, TestClient client, int events, long pauseMs)
            throws InterruptedException {
        for (int i = 0; i < events; i++) {
            cluster.produceEvent(
                    "metrics",
                    "{\"channel\":\"metrics\",\"data\":{\"seq\":" + i + ",\"sent\":" + System.nanoTime() + "}}");
            Thread.sleep(pauseMs);
        }
        client.awaitFrame(f -> f.path("data").path("seq").asInt(-1) == events - 1);
        List<TestClient.Received> received = client.received();
        return received.stream()
                .filter(r -> r.frame().path("data").has("seq"))
                .mapToLong(r -> r.nanos() - r.frame().path("data").path("sent").asLong())
                .toArray();
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
