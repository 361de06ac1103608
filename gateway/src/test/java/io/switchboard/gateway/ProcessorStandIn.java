package io.switchboard.gateway;

import static org.awaitility.Awaitility.await;

import io.switchboard.schemas.PresenceHeader;
import io.switchboard.schemas.ReceiptHeaders;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.Payload;
import io.switchboard.schemas.avro.PayloadEncoding;
import io.switchboard.schemas.avro.PayloadKind;
import io.switchboard.schemas.avro.PresenceKind;
import io.switchboard.schemas.avro.PresenceNotice;
import io.switchboard.schemas.avro.Receipt;
import io.switchboard.schemas.avro.Reply;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Plays the processor's part on a real broker with plain clients: creates the topics, reads the client actions the
 * gateway writes, and writes replies and deliveries.
 */
final class ProcessorStandIn implements AutoCloseable {
    static final int PARTITIONS = 3;

    private final Topics topics;
    private final Admin admin;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, ClientAction> actionsConsumer;
    private final List<ConsumerRecord<String, ClientAction>> actions = new ArrayList<>();

    ProcessorStandIn(String bootstrap, Topics topics, String... families) throws Exception {
        this.topics = topics;
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
        List<NewTopic> newTopics = Stream.concat(
                        Stream.of(topics.actions(), topics.replies()),
                        Stream.of(families).map(topics::output))
                .map(name -> new NewTopic(name, PARTITIONS, (short) 1))
                .toList();
        admin.createTopics(newTopics).all().get();
        List<String> names = newTopics.stream().map(NewTopic::name).toList();
        // creation returns before every broker's metadata has the topics
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(() -> admin.describeTopics(names).allTopicNames().get().size() == names.size());
        this.producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap, "linger.ms", 0),
                new StringSerializer(),
                new ByteArraySerializer());
        this.actionsConsumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed"),
                new StringDeserializer(),
                SwitchboardSerdes.clientAction().deserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(topics.actions(), p));
        }
        actionsConsumer.assign(partitions);
        actionsConsumer.seekToBeginning(partitions);
    }

    /** Waits for the first client action (in arrival order) that matches, and returns its record. */
    ConsumerRecord<String, ClientAction> awaitAction(Predicate<ClientAction> matching) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> {
                            actionsConsumer.poll(Duration.ofMillis(100)).forEach(actions::add);
                            return actions.stream()
                                    .filter(record -> matching.test(record.value()))
                                    .findFirst()
                                    .orElse(null);
                        },
                        record -> record != null);
    }

    void reply(String gatewayId, String connectionId, String requestId, Object body) throws Exception {
        Reply reply = new Reply(connectionId, requestId, Instant.now(), body);
        producer.send(new ProducerRecord<>(
                        topics.replies(), gatewayId, SwitchboardSerdes.reply().encode(reply)))
                .get();
    }

    /** Writes a JSON delivery to the channel's output topic and returns where it landed. */
    RecordMetadata deliver(String channel, String event, String json) throws Exception {
        return deliver(
                channel,
                delivery(channel, event, PayloadKind.JSON, "application/json", json.getBytes(StandardCharsets.UTF_8)));
    }

    RecordMetadata deliver(String channel, Delivery delivery) throws Exception {
        return send(channel, delivery).get();
    }

    java.util.concurrent.Future<RecordMetadata> send(String channel, Delivery delivery) {
        return producer.send(new ProducerRecord<>(
                topics.output(familyOf(channel)),
                channel,
                SwitchboardSerdes.delivery().encode(delivery)));
    }

    /** Writes a presence notice to the channel's output topic, as the processor's keep-presence does. */
    RecordMetadata notice(String channel, String userId, PresenceKind kind) throws Exception {
        PresenceNotice notice = new PresenceNotice(channel, userId, kind, Instant.ofEpochMilli(1763800000456L));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                topics.output(familyOf(channel)),
                channel,
                SwitchboardSerdes.presenceNotice().encode(notice));
        record.headers().add(PresenceHeader.KEY, PresenceHeader.value(kind));
        return producer.send(record).get();
    }

    /** Writes a socket publisher's receipt to its personal channel, as the processor's keep-receipts does. */
    RecordMetadata receipt(String publisherChannel, String eventId, String userId) throws Exception {
        Receipt receipt = new Receipt(eventId, userId, "forum_threads:42", 7L, Instant.ofEpochMilli(1763800000789L));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                topics.output(familyOf(publisherChannel)),
                publisherChannel,
                SwitchboardSerdes.receipt().encode(receipt));
        record.headers().add(ReceiptHeaders.NOTICE, new byte[0]);
        return producer.send(record).get();
    }

    static Delivery delivery(String channel, String event, PayloadKind kind, String contentType, byte[] data) {
        return Delivery.newBuilder()
                .setChannel(channel)
                .setEvent(event)
                .setTime(Instant.ofEpochMilli(1763800000123L))
                .setPayload(new Payload(kind, contentType, PayloadEncoding.NONE, ByteBuffer.wrap(data)))
                .build();
    }

    /** The partition of its family's output topic that holds a channel (the default partitioner's choice). */
    static int partitionOf(String channel) {
        return Utils.toPositive(Utils.murmur2(channel.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    /** Deletes the records of the channel's partition before {@code offset}, as retention would. */
    void deleteRecordsBefore(String channel, long offset) throws Exception {
        TopicPartition partition = new TopicPartition(topics.output(familyOf(channel)), partitionOf(channel));
        admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(offset)))
                .all()
                .get();
    }

    private static String familyOf(String channel) {
        return channel.contains(":") ? channel.substring(0, channel.indexOf(':')) : channel;
    }

    /** The epoch of a partition of a family's output topic: its topic id and the partition. */
    String epoch(String family, int partition) throws Exception {
        String topic = topics.output(family);
        return admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get()
                        .get(topic)
                        .topicId() + ":" + partition;
    }

    @Override
    public void close() {
        actionsConsumer.close();
        producer.close();
        admin.close();
    }
}
