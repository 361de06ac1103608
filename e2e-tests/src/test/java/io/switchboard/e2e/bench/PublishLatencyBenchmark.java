package io.switchboard.e2e.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.switchboard.client.SwitchboardClient;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * How long a publisher waits for {@code published}: one publish at a time through the Java client, against a running
 * gateway (e.g. {@code ./switchboard dev}), each timed from the call to the reply (docs/benchmarks.md, tenth section).
 * Not a test (neither surefire nor failsafe runs it). Arguments: the gateway's URL, a token that may publish on the
 * channel, then optionally the channel ({@code forum_threads:1}), publishes measured (150), and milliseconds between
 * them (110: the gateway lets a connection send 10 such messages a second). The first 30 publishes are not measured.
 */
public final class PublishLatencyBenchmark {
    private static final int WARM_UP = 30;

    private PublishLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: PublishLatencyBenchmark URL TOKEN [CHANNEL] [PUBLISHES] [PAUSE_MS]");
            System.exit(2);
        }
        String channel = args.length > 2 ? args[2] : "forum_threads:1";
        int publishes = args.length > 3 ? Integer.parseInt(args[3]) : 150;
        long pauseMillis = args.length > 4 ? Long.parseLong(args[4]) : 110;
        long[] micros = new long[publishes];
        try (SwitchboardClient client =
                SwitchboardClient.builder(args[0]).token(args[1]).build()) {
            for (int i = 0; i < WARM_UP + publishes; i++) {
                long start = System.nanoTime();
                client.publish(channel, JsonNodeFactory.instance.numberNode(i), "bench")
                        .get(30, TimeUnit.SECONDS);
                if (i >= WARM_UP) {
                    micros[i - WARM_UP] = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
                }
                Thread.sleep(pauseMillis);
            }
        }
        Arrays.sort(micros);
        System.out.printf(
                "publish -> published, %d publishes on %s: p50 %.1f ms, p90 %.1f, p99 %.1f, max %.1f%n",
                publishes,
                channel,
                micros[publishes / 2] / 1e3,
                micros[publishes * 9 / 10] / 1e3,
                micros[publishes * 99 / 100] / 1e3,
                micros[publishes - 1] / 1e3);
    }
}
