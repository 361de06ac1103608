package io.switchboard.load.coordinator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The bytes the presence store takes on disk: the processor's RocksDB directories named {@code presence-store} (its
 * SST files, and all files), and the broker's log segments of the topic {@code …-presence-store-changelog}. The
 * count store ({@code presence-counts-store}, one entry per channel) is left out: it does not grow with members.
 */
final class PresenceStoreSize {
    /** The RocksDB metrics that tell the store's size: keys, memtable bytes and entries, SST bytes. */
    private static final List<String> KEPT_METRICS = List.of(
            "kafka_stream_state_estimate_num_keys",
            "kafka_stream_state_size_all_mem_tables",
            "kafka_stream_state_num_entries_active_mem_table",
            "kafka_stream_state_num_deletes_active_mem_table",
            "kafka_stream_state_total_sst_files_size");

    private PresenceStoreSize() {}

    /** {@code rocksdbSstBytes}, {@code rocksdbAllBytes}, {@code changelogBytes}, measured now. */
    static Map<String, Long> measure(Path processorStateDir, Path kafkaDir) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        sizes.put(
                "rocksdbSstBytes", sum(processorStateDir, p -> inDir(p, "presence-store") && name(p).endsWith(".sst")));
        sizes.put("rocksdbAllBytes", sum(processorStateDir, p -> inDir(p, "presence-store")));
        sizes.put(
                "changelogBytes",
                sum(
                        kafkaDir,
                        p -> name(p.getParent()).contains("-presence-store-changelog-") && name(p).endsWith(".log")));
        return sizes;
    }

    /**
     * The size metrics of the presence store's RocksDB instances in a Prometheus scrape ({@link #KEPT_METRICS}),
     * summed over its tasks, by name.
     */
    static Map<String, Double> rocksdbMetrics(Path prometheusScrape) {
        Map<String, Double> metrics = new java.util.TreeMap<>();
        if (!Files.isRegularFile(prometheusScrape)) {
            return metrics;
        }
        try (Stream<String> lines = Files.lines(prometheusScrape)) {
            lines.filter(l -> !l.startsWith("#") && l.contains("\"presence-store\"") && kept(l))
                    .forEach(l -> {
                        int brace = l.indexOf('{');
                        int space = l.lastIndexOf(' ');
                        try {
                            metrics.merge(
                                    l.substring(0, brace), Double.parseDouble(l.substring(space + 1)), Double::sum);
                        } catch (RuntimeException e) {
                            // not a sample line
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return metrics;
    }

    private static boolean kept(String line) {
        return KEPT_METRICS.stream().anyMatch(m -> line.startsWith(m + "{"));
    }

    private static boolean inDir(Path file, String dirName) {
        for (Path p = file.getParent(); p != null; p = p.getParent()) {
            if (name(p).equals(dirName)) {
                return true;
            }
        }
        return false;
    }

    private static String name(Path p) {
        return p == null || p.getFileName() == null ? "" : p.getFileName().toString();
    }

    private static long sum(Path root, java.util.function.Predicate<Path> wanted) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(wanted)
                    .mapToLong(PresenceStoreSize::size)
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // compacted or rolled away while walking
        }
    }
}
