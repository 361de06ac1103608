package io.switchboard.gateway.metrics;

import static io.switchboard.gateway.metrics.GatewayMeterNames.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@code data} of a {@code gateway_summary} event on the {@code connections} channel: this gateway's state and
 * gauges now, and what its counters counted since the previous summary, read from the meters of {@link
 * GatewayMetrics} in its registry. Aggregates only: no user id, connection id or channel name.
 *
 * <pre>{@code
 * {"gateway_id":"gateway-1","state":"serving","sequence":7,"at":"2026-11-23T15:40:00Z","interval_ms":10000,
 *  "uptime_ms":70012,"ready":true,"connections_active":412,"subscriptions":1630,"channels":57,
 *  "connections_opened":12,"connections_closed":{"1000":9,"1001":1},"messages_received":840,"messages_sent":51230,
 *  "errors":{"rate_limited":3},"rate_limited":3,"resumes":{"resumed":1},
 *  "delivery_latency_ms":{"count":51100,"mean":4.1,"p50":4.0,"p99":16.0}}
 * }</pre>
 *
 * Maps hold the non-zero entries only. {@code delivery_latency_ms} covers the live deliveries of the interval
 * (absent when there were none): the mean is exact, p50 and p99 are the upper bounds of the histogram buckets they
 * fall in. Not thread-safe: one thread (the publisher's) takes the summaries.
 */
public final class ConnectionsSummary {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The gateway's lifecycle as the summary reports it. */
    public enum State {
        SERVING,
        DRAINING,
        STOPPED;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final String gatewayId;
    private final Clock clock;
    private final Instant startedAt;
    /** Cumulative counts at the previous summary, by meter name and tag value. */
    private final Map<String, Double> previous = new HashMap<>();

    private final ConnectionsSummaryLatency latency;
    private Instant previousAt;
    private long sequence;

    /**
     * Starts counting now: the first summary holds what happened since.
     *
     * @param startedAt when the gateway started, for {@code uptime_ms}
     */
    public ConnectionsSummary(MeterRegistry registry, String gatewayId, Clock clock, Instant startedAt) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.gatewayId = Objects.requireNonNull(gatewayId, "gatewayId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
        this.latency = new ConnectionsSummaryLatency();
        this.previousAt = clock.instant();
        takeDeltas(JsonNodeFactory.instance.objectNode()); // the baseline
        latency.take(timer(DELIVERY_LATENCY));
    }

    /** The gateway summarized. */
    public String gatewayId() {
        return gatewayId;
    }

    /** The next summary, as the {@code data} object. */
    public ObjectNode next(State state, boolean ready) {
        Instant now = clock.instant();
        ObjectNode data = JSON.createObjectNode();
        data.put("gateway_id", gatewayId);
        data.put("state", state.wireName());
        data.put("sequence", ++sequence);
        data.put("at", now.toString());
        data.put("interval_ms", Math.max(0, now.toEpochMilli() - previousAt.toEpochMilli()));
        data.put("uptime_ms", Math.max(0, now.toEpochMilli() - startedAt.toEpochMilli()));
        data.put("ready", ready);
        data.put("connections_active", gauge(CONNECTIONS_ACTIVE));
        data.put("subscriptions", gauge(SUBSCRIPTIONS));
        data.put("channels", gauge(CHANNELS));
        takeDeltas(data);
        ObjectNode delivery = latency.take(timer(DELIVERY_LATENCY));
        if (delivery != null) {
            data.set("delivery_latency_ms", delivery);
        }
        previousAt = now;
        return data;
    }

    private void takeDeltas(ObjectNode data) {
        data.put("connections_opened", total(CONNECTIONS_OPENED));
        data.set("connections_closed", byTag(CONNECTIONS_CLOSED, "code"));
        data.put("messages_received", total(MESSAGES_RECEIVED));
        data.put("messages_sent", total(MESSAGES_SENT));
        data.set("errors", byTag(ERRORS, "code"));
        data.put("rate_limited", total(RATE_LIMITED));
        data.set("resumes", byTag(RESUMES, "outcome"));
    }

    /** What every series of {@code name} counted since the previous summary. */
    private long total(String name) {
        long sum = 0;
        for (Counter counter : registry.find(name).counters()) {
            sum += delta(name + "#" + counter.getId().getTags(), counter.count());
        }
        return sum;
    }

    /** What each series of {@code name} counted since the previous summary, by the value of {@code tag}. */
    private ObjectNode byTag(String name, String tag) {
        Map<String, Long> counts = new TreeMap<>();
        for (Counter counter : registry.find(name).counters()) {
            String value = Objects.requireNonNullElse(counter.getId().getTag(tag), "other");
            long delta = delta(name + "#" + counter.getId().getTags(), counter.count());
            counts.merge(value, delta, Long::sum);
        }
        ObjectNode node = JSON.createObjectNode();
        counts.forEach((value, count) -> {
            if (count != 0) {
                node.put(value, count);
            }
        });
        return node;
    }

    private long delta(String series, double count) {
        Double before = previous.put(series, count);
        return Math.round(count - (before == null ? 0 : before));
    }

    private long gauge(String name) {
        double sum = 0;
        for (Gauge gauge : registry.find(name).gauges()) {
            double value = gauge.value();
            sum += Double.isNaN(value) ? 0 : value;
        }
        return Math.round(sum);
    }

    private Timer timer(String name) {
        return registry.find(name).timer();
    }
}
