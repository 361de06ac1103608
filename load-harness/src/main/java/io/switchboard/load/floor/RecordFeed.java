package io.switchboard.load.floor;

import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the load's events from the end of the topic and turns each into one server text frame, built once for every
 * client; the frames of one poll go to the selector thread together, so that each client gets them in one write, as
 * the gateway's writers do. Like the gateway's delivery consumer it waits for {@code fetch.max.wait} or
 * 1 MiB, so both batch the same way.
 */
final class RecordFeed implements Runnable {
    /** The processor's default {@code processor.topics.partitions}. */
    private static final int PARTITIONS = 3;

    private final String bootstrap;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final String channel;
    private final Selector selector;
    private final Queue<List<ByteBuffer>> batches = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;

    RecordFeed(String bootstrap, String topic, String channel, int batchWaitMs, Selector selector) {
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.FETCH_MIN_BYTES_CONFIG,
                        batchWaitMs > 0 ? 1 << 20 : 1,
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        Math.max(batchWaitMs, 1)),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.channel = channel;
        this.selector = selector;
    }

    /** The frames of one poll, oldest first; null when there are none. */
    List<ByteBuffer> nextBatch() {
        return batches.poll();
    }

    @Override
    public void run() {
        createTopicIfMissing();
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        System.out.println("READY");
        while (running) {
            List<ByteBuffer> batch = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                batch.add(frame(record));
            }
            if (!batch.isEmpty()) {
                batches.add(batch);
                selector.wakeup();
            }
        }
        consumer.close();
    }

    /** What the processor would do at its start: the topic, with the processor's default partitions. */
    private void createTopicIfMissing() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)))
                    .all()
                    .get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + topic, e);
        }
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    /** {@code {"type":"message","channel":…,"offset":…,"event":"load","data":<the event's data>,"ts":…}}. */
    private ByteBuffer frame(ConsumerRecord<byte[], byte[]> record) {
        String event = new String(record.value(), StandardCharsets.UTF_8);
        int data = event.indexOf("\"data\":");
        String body = data < 0 ? "null" : event.substring(data + 7, event.lastIndexOf('}'));
        byte[] text = ("{\"type\":\"message\",\"channel\":\"" + channel + "\",\"offset\":" + record.offset()
                        + ",\"event\":\"load\",\"data\":" + body + ",\"ts\":" + record.timestamp() + "}")
                .getBytes(StandardCharsets.UTF_8);
        return ServerFrames.text(text);
    }
}
