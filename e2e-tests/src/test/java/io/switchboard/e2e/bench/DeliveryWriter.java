package io.switchboard.e2e.bench;

import static org.awaitility.Awaitility.await;

import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.PayloadEncoding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Creates a run's topics and writes {@code Delivery} records straight to {@code <prefix>.out.metrics}, keyed by the
 * channel, as the processor would after routing (the processor itself is not part of what is measured), at a fixed
 * rate.
 */
final class DeliveryWriter implements AutoCloseable {
    static final String CHANNEL = "metrics";
    static final int PARTITIONS = 3;

    private final Topics topics;
    private final KafkaProducer<String, byte[]> producer;

    DeliveryWriter(String bootstrap, Topics topics) throws Exception {
        this.topics = topics;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<String> names = List.of(topics.actions(), topics.replies(), topics.output(CHANNEL));
            admin.createTopics(names.stream()
                            .map(name -> new NewTopic(name, PARTITIONS, (short) 1))
                            .toList())
                    .all()
                    .get();
            await().atMost(Duration.ofSeconds(10))
                    .ignoreExceptions()
                    .until(() ->
                            admin.describeTopics(names).allTopicNames().get().size() == names.size());
        }
        this.producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap, "linger.ms", 0, "max.request.size", 4 * 1024 * 1024),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /**
     * Writes payloads {@code from} to {@code to - 1}, one every {@code intervalNanos}, and returns the
     * {@code System.nanoTime()} at which each was handed to the producer.
     */
    long[] write(Payloads payloads, PayloadEncoding encoding, int from, int to, long intervalNanos) {
        long[] sentAt = new long[to - from];
        long start = System.nanoTime();
        for (int i = from; i < to; i++) {
            long due = start + (i - from) * intervalNanos;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            Delivery delivery = Delivery.newBuilder()
                    .setChannel(CHANNEL)
                    .setEventId("e-" + i)
                    .setEvent("orders")
                    .setTime(Instant.now())
                    .setPayload(payloads.stored(i, encoding))
                    .build();
            sentAt[i - from] = System.nanoTime();
            producer.send(new ProducerRecord<>(
                    topics.output(CHANNEL),
                    CHANNEL,
                    SwitchboardSerdes.delivery().encode(delivery)));
        }
        producer.flush();
        return sentAt;
    }

    @Override
    public void close() {
        producer.close();
    }
}
