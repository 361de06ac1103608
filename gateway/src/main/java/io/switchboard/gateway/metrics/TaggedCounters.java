package io.switchboard.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters of one meter name, one per value of one tag: the values known up front are registered at once (their
 * series read 0 before the first event), others on first use; after that a lookup is one read of a concurrent map,
 * without locking or building tags. Values come from code (message types, limit names), never from clients; past
 * {@value #MAX_VALUES} values, further ones count under {@code other} all the same.
 */
final class TaggedCounters {
    static final int MAX_VALUES = 64;
    static final String OTHER = "other";

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final String tag;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    TaggedCounters(MeterRegistry registry, String name, String description, String tag, Iterable<String> known) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.tag = tag;
        for (String value : known) {
            counters.put(value, register(value));
        }
    }

    Counter get(String value) {
        Counter counter = counters.get(value);
        if (counter != null) {
            return counter;
        }
        if (counters.size() >= MAX_VALUES) {
            return counters.computeIfAbsent(OTHER, this::register);
        }
        return counters.computeIfAbsent(value, this::register);
    }

    private Counter register(String value) {
        return Counter.builder(name).description(description).tag(tag, value).register(registry);
    }
}
