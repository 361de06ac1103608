package io.switchboard.gateway.metrics;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.concurrent.TimeUnit;

/**
 * The delivery latency of one interval, from the cumulative count, total time and histogram buckets of a timer:
 * each {@link #take} answers for what was recorded since the previous one. Percentiles are the upper bounds of the
 * buckets they fall in (Micrometer's percentile histogram, a few buckets per power of two), so they are estimates
 * that never read low. Left out when the registry's histogram is not cumulative (a bucket count went down).
 */
final class ConnectionsSummaryLatency {
    private long previousCount;
    private double previousTotalMillis;
    private double[] previousBuckets = new double[0];

    /** The interval's {@code {count, mean, p50, p99}} in milliseconds, or null when nothing was recorded. */
    ObjectNode take(Timer timer) {
        if (timer == null) {
            return null;
        }
        HistogramSnapshot snapshot = timer.takeSnapshot();
        long count = snapshot.count() - previousCount;
        double totalMillis = snapshot.total(TimeUnit.MILLISECONDS) - previousTotalMillis;
        CountAtBucket[] buckets = snapshot.histogramCounts();
        double[] cumulative = new double[buckets.length];
        for (int i = 0; i < buckets.length; i++) {
            cumulative[i] = buckets[i].count();
        }
        double[] inInterval = minus(cumulative, previousBuckets);
        previousCount = snapshot.count();
        previousTotalMillis = snapshot.total(TimeUnit.MILLISECONDS);
        previousBuckets = cumulative;
        if (count <= 0) {
            return null;
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("count", count);
        node.put("mean", round(totalMillis / count));
        if (inInterval != null) {
            putPercentile(node, "p50", 0.50, count, buckets, inInterval);
            putPercentile(node, "p99", 0.99, count, buckets, inInterval);
        }
        return node;
    }

    /** Bucket counts of the interval (each bucket counts the values at most its bound), or null if not cumulative. */
    private static double[] minus(double[] now, double[] before) {
        if (before.length != 0 && before.length != now.length) {
            return null;
        }
        double[] delta = new double[now.length];
        for (int i = 0; i < now.length; i++) {
            delta[i] = now[i] - (before.length == 0 ? 0 : before[i]);
            if (delta[i] < 0) {
                return null;
            }
        }
        return delta;
    }

    private static void putPercentile(
            ObjectNode node, String field, double quantile, long count, CountAtBucket[] buckets, double[] inInterval) {
        double wanted = Math.ceil(quantile * count);
        for (int i = 0; i < buckets.length; i++) {
            if (inInterval[i] >= wanted) {
                node.put(field, round(buckets[i].bucket(TimeUnit.MILLISECONDS)));
                return;
            }
        }
        // beyond the last bucket: no upper bound to give
    }

    private static double round(double millis) {
        return Math.round(millis * 1000) / 1000.0;
    }
}
