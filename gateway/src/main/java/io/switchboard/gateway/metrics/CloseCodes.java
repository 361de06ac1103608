package io.switchboard.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.gateway.protocol.CloseReason;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Closed connections counted by close code: one counter per known code, tagged {@code code} and {@code reason},
 * found by a binary search over a dozen ints. The known codes are the gateway's own ({@link CloseReason}) and those
 * a peer or the network may end a connection with; any other code a client sends counts as {@code other}, so clients
 * cannot add series.
 */
final class CloseCodes {
    /** Codes a peer or a broken connection brings, by name (RFC 6455, section 7.4.1). */
    private static final Map<Integer, String> PEER_CODES = Map.of(
            1003,
            "unsupported_data",
            1005,
            "no_status",
            CloseReason.ABNORMAL_CLOSURE,
            "abnormal",
            1008,
            "policy_violation");

    private final int[] codes;
    private final Counter[] counters;
    private final Counter other;

    CloseCodes(MeterRegistry registry, String name, String description) {
        Map<Integer, String> reasons = new TreeMap<>(PEER_CODES);
        for (CloseReason reason : CloseReason.values()) {
            reasons.put(reason.code(), reason.name().toLowerCase(Locale.ROOT));
        }
        codes = reasons.keySet().stream().mapToInt(Integer::intValue).toArray();
        counters = new Counter[codes.length];
        for (int i = 0; i < codes.length; i++) {
            counters[i] = register(registry, name, description, String.valueOf(codes[i]), reasons.get(codes[i]));
        }
        other = register(registry, name, description, TaggedCounters.OTHER, TaggedCounters.OTHER);
    }

    Counter of(int code) {
        int i = Arrays.binarySearch(codes, code);
        return i >= 0 ? counters[i] : other;
    }

    private static Counter register(
            MeterRegistry registry, String name, String description, String code, String reason) {
        return Counter.builder(name)
                .description(description)
                .tag("code", code)
                .tag("reason", reason)
                .register(registry);
    }
}
