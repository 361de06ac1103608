package io.switchboard.launcher.replay;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes copies with an idempotent producer (see {@link ReplayClients#producer}): retries neither duplicate nor
 * reorder them. The first failure stops the replay; what was acknowledged before it stays written.
 */
final class KafkaCopyWriter implements CopyWriter {
    private final Producer<String, byte[]> producer;
    private final String topic;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong firstOffset = new AtomicLong(-1);
    private final AtomicLong lastOffset = new AtomicLong(-1);
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    KafkaCopyWriter(Producer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    @Override
    public void send(ProducerRecord<String, byte[]> copy) {
        throwIfFailed();
        producer.send(copy, (metadata, exception) -> {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            } else {
                acknowledged(metadata);
            }
        });
    }

    // Callbacks of one partition run in send order on the producer's I/O thread.
    private void acknowledged(RecordMetadata metadata) {
        firstOffset.compareAndSet(-1, metadata.offset());
        lastOffset.set(metadata.offset());
        written.incrementAndGet();
    }

    @Override
    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    private void throwIfFailed() {
        Exception failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException(
                    "writing to " + topic + " failed after " + written.get() + " copies: " + failed.getMessage(),
                    failed);
        }
    }

    @Override
    public long written() {
        return written.get();
    }

    @Override
    public OptionalLong firstOffset() {
        return optional(firstOffset.get());
    }

    @Override
    public OptionalLong lastOffset() {
        return optional(lastOffset.get());
    }

    private static OptionalLong optional(long offset) {
        return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
    }
}
