package io.switchboard.processor.compression;

import io.switchboard.processor.metrics.ProcessorMetrics;
import io.switchboard.schemas.avro.Payload;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * A {@link PayloadCompressor} that counts what it does, for one processor on one stream thread: metrics {@code
 * compression} {@code payloads-compressed} and {@code bytes-saved} in {@link ProcessorMetrics#GROUP}. Called once
 * per event or published message, before the payload is shared by every channel copy.
 */
public final class CompressOnce {
    private final PayloadCompressor compressor;
    private final ProcessorMetrics.Counter compressed;
    private final ProcessorMetrics.Amount bytesSaved;

    private CompressOnce(
            PayloadCompressor compressor, ProcessorMetrics.Counter compressed, ProcessorMetrics.Amount bytesSaved) {
        this.compressor = compressor;
        this.compressed = compressed;
        this.bytesSaved = bytesSaved;
    }

    /** Registers the metrics; call from a processor's {@code init}, on its stream thread. */
    public static CompressOnce of(CompressionSettings settings, StreamsMetrics metrics) {
        return new CompressOnce(
                new PayloadCompressor(settings),
                ProcessorMetrics.counter(metrics, "compression", "payloads-compressed"),
                ProcessorMetrics.sum(
                        metrics, "compression", "bytes-saved", "Payload bytes saved by compressing them once"));
    }

    /** {@code payload}, compressed when that is worth it for a channel of {@code family}. */
    public Payload apply(String family, Payload payload) {
        PayloadCompressor.Outcome outcome = compressor.compress(family, payload);
        if (outcome.compressed()) {
            compressed.increment();
            bytesSaved.add(outcome.bytesSaved());
        }
        return outcome.payload();
    }
}
