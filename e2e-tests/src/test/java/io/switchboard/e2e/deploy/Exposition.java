package io.switchboard.e2e.deploy;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metric names of Prometheus text scrapes ({@code /metrics}): every sample's name and every family named by a
 * {@code # TYPE} line. A name counts as exposed when it is one of them, or when it is a family's histogram or
 * summary series ({@code _bucket}, {@code _count}, {@code _sum}) or a counter's {@code _total} and the family is.
 */
public final class Exposition {
    private static final List<String> SUFFIXES = List.of("_bucket", "_count", "_sum", "_total");

    private final Set<String> names = new TreeSet<>();

    private Exposition() {}

    /** The names of all these scrapes together. */
    public static Exposition of(Collection<String> scrapes) {
        Exposition exposition = new Exposition();
        scrapes.forEach(exposition::add);
        return exposition;
    }

    private void add(String scrape) {
        for (String line : scrape.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("# TYPE ")) {
                names.add(trimmed.split("\\s+")[2]);
            } else if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                names.add(trimmed.split("[{\\s]", 2)[0]);
            }
        }
    }

    public boolean exposes(String name) {
        if (names.contains(name)) {
            return true;
        }
        return SUFFIXES.stream()
                .anyMatch(suffix ->
                        name.endsWith(suffix) && names.contains(name.substring(0, name.length() - suffix.length())));
    }

    /** Every name seen, for a failure message. */
    public Set<String> names() {
        return names;
    }
}
