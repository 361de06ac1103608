package io.switchboard.gateway.kafka;

import io.switchboard.gateway.config.KafkaClientConfig;
import io.switchboard.observability.kafka.KafkaHealth;
import io.switchboard.observability.kafka.KafkaMeters;
import io.switchboard.schemas.AvroSerde;
import io.switchboard.schemas.KeyPartitioner;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the processor's replies to this gateway: only the partition of the replies topic its id hashes to, from
 * the end (positioned before {@link #start} returns, so no reply to a later connection is missed), read_committed,
 * without a group. Records keyed by another gateway's id are skipped.
 *
 * <p>Being always assigned, it fetches at least every {@code fetch.max.wait.ms}: after each poll its thread judges
 * from the consumer's own metrics whether Kafka still answers, for the whole gateway ({@link KafkaReachability}).
 */
public final class ReplyConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(5);
    private static final Duration TOPIC_RETRY = Duration.ofMillis(100);
    /** How long a failed poll waits before the next, so that replies never stop for good nor spin. */
    private static final Duration POLL_FAILURE_PAUSE = Duration.ofSeconds(1);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final String gatewayId;
    private final byte[] gatewayKey;
    private final Consumer<Reply> listener;
    private final AvroSerde<Reply> serde = SwitchboardSerdes.reply();
    private final PollLoop<byte[], byte[]> loop;
    private final KafkaHealth health;
    private final KafkaReachability reachability;

    /**
     * @param silenceGrace how long Kafka may be silent before {@code reachability} turns down
     * @param reachability where the judgement goes after each poll
     */
    public ReplyConsumer(
            KafkaClientConfig config,
            String gatewayId,
            Consumer<Reply> listener,
            Duration silenceGrace,
            KafkaReachability reachability) {
        this.consumer = new KafkaConsumer<>(
                ClientProperties.consumer(config, gatewayId + "-replies", Duration.ZERO),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.topic = config.topics().replies();
        this.gatewayId = gatewayId;
        this.gatewayKey = gatewayId.getBytes(StandardCharsets.UTF_8);
        this.listener = listener;
        this.loop = new PollLoop<>("gateway-replies", consumer, this::step, "replies-failed", () -> {});
        this.health = KafkaHealth.responding(consumer::metrics, silenceGrace);
        this.reachability = reachability;
    }

    /** Publishes this consumer's metrics ({@code kafka.consumer.*}); close the binding before this consumer. */
    public KafkaMeters.Binding bindMeters(KafkaMeters meters) {
        return meters.bind(consumer);
    }

    /**
     * Assigns this gateway's partition, positions it at the end, and starts reading.
     *
     * @throws IllegalStateException when the replies topic does not exist within 5 s (the processor creates it)
     */
    public void start() {
        List<PartitionInfo> partitions = awaitPartitions();
        if (partitions.isEmpty()) {
            throw new IllegalStateException(
                    "topic " + topic + " does not exist: start the processor first, or create it");
        }
        TopicPartition partition = new TopicPartition(topic, KeyPartitioner.partition(gatewayId, partitions.size()));
        consumer.assign(List.of(partition));
        consumer.seekToEnd(List.of(partition));
        long position = consumer.position(partition, START_TIMEOUT);
        LOG.info("reading replies from {} at offset {}", partition, position);
        loop.start();
    }

    /** The replies topic's partitions; waits briefly for a topic that is being created as the gateway starts. */
    private List<PartitionInfo> awaitPartitions() {
        long deadline = System.nanoTime() + TOPIC_WAIT.toNanos();
        while (true) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, START_TIMEOUT);
            if ((partitions != null && !partitions.isEmpty()) || System.nanoTime() > deadline) {
                return partitions == null ? List.of() : partitions;
            }
            LockSupport.parkNanos(TOPIC_RETRY.toNanos());
        }
    }

    /** One poll, then the judgement of whether Kafka still answers. */
    private void step() {
        for (ConsumerRecord<byte[], byte[]> record : loop.poll(POLL_TIMEOUT, POLL_FAILURE_PAUSE)) {
            handle(record);
        }
        reachability.update(health.check());
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        if (!Arrays.equals(record.key(), gatewayKey) || record.value() == null) {
            return;
        }
        try {
            listener.accept(serde.decode(record.value()));
        } catch (RuntimeException e) {
            LOG.warn(
                    "reply-invalid: skipping {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.toString());
        }
    }

    /** Stops the thread and closes the consumer. */
    @Override
    public void close() {
        loop.close();
    }
}
