package io.switchboard.gateway;

import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.PayloadKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes numbered deliveries ({@code {"seq":n}}) to one channel in small transactions, the way the processor writes
 * (exactly once, so the partition holds transaction markers), each followed by a record of a neighbour channel in
 * the same partition, which a recovery of the channel must skip.
 */
final class SequenceWriter implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final String channel;
    private final String neighbour;
    private final String padding;

    SequenceWriter(String bootstrap, Topics topics, String channel, int paddingBytes) {
        this.producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap, "transactional.id", "seq-" + UUID.randomUUID(), "linger.ms", 1),
                new StringSerializer(),
                new ByteArraySerializer());
        producer.initTransactions();
        this.topic = topics.output(channel.substring(0, channel.indexOf(':')));
        this.channel = channel;
        this.neighbour = neighbourOf(channel);
        this.padding = "x".repeat(paddingBytes);
    }

    /** Another channel of the family in the same partition. */
    static String neighbourOf(String channel) {
        String family = channel.substring(0, channel.indexOf(':'));
        for (int key = 0; ; key++) {
            String candidate = family + ":n" + key;
            if (ProcessorStandIn.partitionOf(candidate) == ProcessorStandIn.partitionOf(channel)) {
                return candidate;
            }
        }
    }

    /** Writes seq numbers [from, to), {@code perTransaction} of them per transaction; returns their offsets. */
    List<Long> write(int from, int to, int perTransaction) throws Exception {
        List<Long> offsets = new ArrayList<>();
        for (int start = from; start < to; start += perTransaction) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            producer.beginTransaction();
            for (int seq = start; seq < Math.min(to, start + perTransaction); seq++) {
                sent.add(send(channel, seq));
                send(neighbour, seq);
            }
            producer.commitTransaction();
            for (Future<RecordMetadata> metadata : sent) {
                offsets.add(metadata.get().offset());
            }
        }
        return offsets;
    }

    /** {@link #write} on another thread. */
    CompletableFuture<List<Long>> writeInBackground(int from, int to, int perTransaction) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return write(from, to, perTransaction);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private Future<RecordMetadata> send(String target, int seq) {
        byte[] data = ("{\"seq\":" + seq + ",\"pad\":\"" + padding + "\"}").getBytes(StandardCharsets.UTF_8);
        return producer.send(new ProducerRecord<>(
                topic,
                target,
                SwitchboardSerdes.delivery()
                        .encode(ProcessorStandIn.delivery(
                                target, "tick", PayloadKind.JSON, "application/json", data))));
    }

    @Override
    public void close() {
        producer.close();
    }
}
