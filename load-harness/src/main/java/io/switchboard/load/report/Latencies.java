package io.switchboard.load.report;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Delivery latencies in microseconds (receive time − produce time, both epoch microseconds from the same machine's
 * clock), kept in an HdrHistogram with 3 significant digits so loaders can ship theirs to the coordinator and be
 * merged without losing the tail. Not thread-safe: one loader thread records.
 */
public final class Latencies {
    private static final long HIGHEST = TimeUnit.HOURS.toMicros(1);

    private final Histogram histogram;
    private long negative;

    public Latencies() {
        this(new Histogram(HIGHEST, 3));
    }

    private Latencies(Histogram histogram) {
        this.histogram = histogram;
    }

    /**
     * Records one latency. A negative one (the clock stepped between produce and receive) counts as 0 and is
     * counted apart; one over an hour counts as an hour.
     */
    public void record(long micros) {
        if (micros < 0) {
            negative++;
            micros = 0;
        }
        histogram.recordValue(Math.min(micros, HIGHEST));
    }

    public long count() {
        return histogram.getTotalCount();
    }

    public long negative() {
        return negative;
    }

    /** Adds every value of {@code other} to this one. */
    public void add(Latencies other) {
        histogram.add(other.histogram);
        negative += other.negative;
    }

    /** The value at {@code percentile} (0–100) in milliseconds; 0 when empty. */
    public double percentileMillis(double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMillis() {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue() / 1000.0;
    }

    /** p50, p90, p99, p99.9 and max, in milliseconds. */
    public LatencySummary summary() {
        return new LatencySummary(
                count(),
                percentileMillis(50),
                percentileMillis(90),
                percentileMillis(99),
                percentileMillis(99.9),
                maxMillis());
    }

    /** The histogram, compressed and in base64, for a result file. */
    public String encode() {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    /** The inverse of {@link #encode()}, with {@code negative} carried alongside. */
    public static Latencies decode(String base64, long negative) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(base64));
            Latencies latencies = new Latencies(Histogram.decodeFromCompressedByteBuffer(buffer, HIGHEST));
            latencies.negative = negative;
            return latencies;
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not an encoded histogram", e);
        }
    }
}
