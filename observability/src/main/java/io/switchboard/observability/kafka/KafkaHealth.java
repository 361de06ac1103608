package io.switchboard.observability.kafka;

import io.switchboard.observability.health.Health;
import io.switchboard.observability.health.HealthCheck;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * A readiness check on a Kafka client's link to the cluster, read from the client's own metrics: no request is sent
 * and nothing waits. It is up while brokers answer the client: {@code response-total} (summed over the client
 * groups {@code consumer-metrics}, {@code producer-metrics}, {@code admin-client-metrics}: one consumer, producer or admin client, or every internal client of a Kafka Streams
 * instance) grew within the grace period; down once it has not grown for longer than that.
 *
 * <p>Responses, not open sockets: a client keeps trying to connect while the cluster is away, and a socket that is
 * still connecting counts as a connection in Kafka's {@code connection-count}. Use a client that talks all the time:
 * a consumer with an assignment (its fetches come back at least every {@code fetch.max.wait.ms}, 500 ms by
 * default), or a Kafka Streams instance; a grace of a few seconds then rides out a broker's restart. An idle producer
 * or a consumer without partitions talks only at metadata refreshes and would read as cut off.
 */
public final class KafkaHealth implements HealthCheck {
    private static final String RESPONSE_TOTAL = "response-total";
    /** The per-client groups (not the per-node ones, which come and go with connections). */
    private static final Set<String> CLIENT_GROUPS =
            Set.of("consumer-metrics", "producer-metrics", "admin-client-metrics");

    private final Supplier<? extends Map<MetricName, ? extends Metric>> metrics;
    private final long graceNanos;
    private final LongSupplier nanoClock;
    /** Guarded by this. */
    private double lastResponses = Double.NaN;
    /** When the response count last grew (or the check was made); guarded by this. */
    private long lastProgressNanos;

    KafkaHealth(Supplier<? extends Map<MetricName, ? extends Metric>> metrics, Duration grace, LongSupplier nanoClock) {
        if (grace.isNegative() || grace.isZero()) {
            throw new IllegalArgumentException("the grace period must be positive");
        }
        this.metrics = metrics;
        this.graceNanos = grace.toNanos();
        this.nanoClock = nanoClock;
        // a client that never hears from a broker is down once the grace period has passed, counted from now
        this.lastProgressNanos = nanoClock.getAsLong();
    }

    /**
     * The check for the client whose metrics {@code metrics} returns, e.g. {@code consumer::metrics} or {@code
     * streams::metrics}.
     *
     * @param grace how long the client may go without a response before the check is down
     */
    public static KafkaHealth responding(
            Supplier<? extends Map<MetricName, ? extends Metric>> metrics, Duration grace) {
        return new KafkaHealth(metrics, grace, System::nanoTime);
    }

    @Override
    public synchronized Health check() {
        double responses = responses();
        long now = nanoClock.getAsLong();
        // any change is progress: a Streams instance that replaces a thread drops that thread's clients' counts
        if (Double.isNaN(lastResponses)) {
            // the baseline. Responses already made count as recent: the first look may come long after they began
            // (a readiness probe that starts late), and a client that has answers is not judged silent unseen. With
            // none yet, silence is counted from construction.
            lastResponses = responses;
            if (responses > 0) {
                lastProgressNanos = now;
            }
        } else if (responses != lastResponses) {
            lastResponses = responses;
            lastProgressNanos = now;
        }
        // the last response came at or before the last change seen, so the client has been silent at least this long
        long silentMillis = (now - lastProgressNanos) / 1_000_000;
        if (now - lastProgressNanos > graceNanos) {
            return Health.down("no response from Kafka for at least " + silentMillis + " ms");
        }
        if (now == lastProgressNanos) {
            return Health.up((long) responses + " responses from Kafka so far");
        }
        return Health.up("no new response from Kafka for " + silentMillis + " ms, within the grace period of "
                + graceNanos / 1_000_000 + " ms");
    }

    private double responses() {
        double sum = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.get().entrySet()) {
            MetricName name = entry.getKey();
            if (RESPONSE_TOTAL.equals(name.name()) && CLIENT_GROUPS.contains(name.group())) {
                Object value = entry.getValue().metricValue();
                if (value instanceof Number number && !Double.isNaN(number.doubleValue())) {
                    sum += number.doubleValue();
                }
            }
        }
        return sum;
    }
}
