package io.switchboard.e2e.bench;

import io.switchboard.kafka.embedded.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bytes on the wire and gateway CPU per delivered message for many WebSocket clients on one channel receiving a
 * 20 KiB JSON payload, without compression, with permessage-deflate, and compressed once in Kafka (docs/benchmarks.md,
 * "Compression"). Not a test (neither surefire nor failsafe runs it): run {@code main} on the test class path,
 * as docs/benchmarks.md shows.
 *
 * <p>The broker runs in this JVM, the gateway in a child JVM whose CPU time is read from {@code /proc}, the clients
 * on one selector thread here. The processor's part is played by writing deliveries straight to the output topic
 * and granting every subscription. Arguments, all optional, as {@code key=value}: modes (a,b,c,d), runs (3),
 * clients (1000), messages (200), warmup (20), rate (messages per second, 2: permessage-deflate at level 6
 * for 1 000 clients takes about 0.6 of a core at that rate here), sample (every n-th connection decodes
 * and checks every message, 100).
 */
public final class CompressionBenchmark {
    private CompressionBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        List<Mode> modes = Arrays.stream(
                        options.getOrDefault("modes", "a,b,c,d").split(","))
                .map(Mode::byLetter)
                .toList();
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        BenchRun.Settings settings = new BenchRun.Settings(
                Integer.parseInt(options.getOrDefault("clients", "1000")),
                Integer.parseInt(options.getOrDefault("warmup", "20")),
                Integer.parseInt(options.getOrDefault("messages", "200")),
                Integer.parseInt(options.getOrDefault("rate", "2")),
                Integer.parseInt(options.getOrDefault("sample", "100")));
        Payloads payloads = Payloads.generate(settings.warmUp() + settings.messages(), 20_261_122L);
        System.out.printf(
                Locale.ROOT,
                "%d payloads: JSON %.0f B on average, gzip (the processor's) %.0f B = %.1f %% of it%n",
                payloads.count(),
                payloads.averageJsonBytes(),
                payloads.averageGzipBytes(),
                100 * payloads.averageGzipBytes() / payloads.averageJsonBytes());
        Path logs = Files.createDirectories(Path.of("target", "compression-bench"));
        List<RunResult> results = new ArrayList<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
            BenchRun bench = new BenchRun(broker.bootstrapServers(), settings, payloads, logs);
            // modes interleaved, so that a busy moment of the shared machine does not fall on one mode only
            for (int run = 1; run <= runs; run++) {
                for (Mode mode : modes) {
                    RunResult result = bench.execute(mode, run);
                    System.out.println(result.line());
                    results.add(result);
                }
            }
        }
        System.out.println();
        System.out.print(ResultTable.markdown(results));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("arguments are key=value, not " + arg);
            }
            options.put(pair[0], pair[1]);
        }
        return options;
    }
}
