package io.switchboard.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.kafka.embedded.EmbeddedKafkaExtension;
import io.switchboard.processor.actions.PublishHeaders;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.Payload;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code switchboard replay} against a real broker. Every test works under its own topic prefix, on a history of 30
 * deliveries written one hour apart, from 30 hours ago to an hour ago: record i has event id {@code e-i} and is on
 * {@link #CHANNEL} when i is even, otherwise on one of two channels of the same partition. Record 10 is a copy an
 * earlier replay wrote; record 12 came from a client's publish.
 */
@Timeout(120)
class ReplayCommandIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final String CHANNEL = "forum_threads:42";
    /** Five: the channel and user:alice then live in partition 3, so reading or writing partition 0 shows. */
    private static final int PARTITIONS = 5;

    private static final int HISTORY = 30;
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static Admin admin;

    private Topics topics;
    private Instant base;
    private List<String> neighbours;
    private TopicPartition partition;

    @BeforeAll
    static void createAdmin() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()));
    }

    @AfterAll
    static void closeAdmin() {
        admin.close();
    }

    @BeforeEach
    void history() throws Exception {
        topics = new Topics("replay-it-" + PREFIXES.incrementAndGet());
        createTopics(topics.output("forum_threads"), topics.output("user"));
        partition = new TopicPartition(topics.output("forum_threads"), partitionOf(CHANNEL));
        assertThat(List.of(partitionOf(CHANNEL), partitionOf("user:alice"))).doesNotContain(0);
        neighbours = channelsOnTheSamePartitionAs(CHANNEL, 2);
        base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(HISTORY));
        writeHistory();
    }

    @Test
    void replaysAWindowOfYesterdayToTheChannelInOrderMarkedReplayed() {
        long end = endOffset(partition);

        CliRun run = replay("--channel", CHANNEL, "--from", time(6), "--to", time(16));

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<ConsumerRecord<String, byte[]>> copies = read(partition, end);
        assertThat(copies).extracting(ConsumerRecord::key).containsOnly(CHANNEL);
        assertThat(deliveries(copies)).allSatisfy(copy -> {
            assertThat(copy.getChannel()).isEqualTo(CHANNEL);
            assertThat(copy.getReplayed()).isTrue();
            assertThat(copy).isEqualTo(original(index(copy)).setReplayed(true).build());
        });
        assertThat(eventIds(copies)).containsExactly("e-6", "e-8", "e-12", "e-14");
        assertThat(copies)
                .allSatisfy(copy -> assertThat(copy.headers().toArray()).isEmpty());
        assertThat(run.out())
                .contains("Replayed " + CHANNEL + " to " + CHANNEL + ".")
                .contains("scanned: 10", "matched: 4 (1 copy from earlier replays skipped)", "written: 4")
                .contains("target:  " + partition + ", key " + CHANNEL + ", offsets " + end + " to " + (end + 3));
    }

    @Test
    void replaysAWindowToOneUsersPersonalChannelOnly() {
        TopicPartition alice = new TopicPartition(topics.output("user"), partitionOf("user:alice"));
        long channelEnd = endOffset(partition);

        CliRun run = replay("--channel", CHANNEL, "--from", time(6), "--to", time(16), "--user", "alice");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<ConsumerRecord<String, byte[]>> copies = read(alice, 0);
        assertThat(copies).extracting(ConsumerRecord::key).containsOnly("user:alice");
        assertThat(eventIds(copies)).containsExactly("e-6", "e-8", "e-12", "e-14");
        assertThat(deliveries(copies)).allSatisfy(copy -> {
            assertThat(copy.getChannel()).isEqualTo("user:alice");
            assertThat(copy.getReplayed()).isTrue();
            assertThat(copy.getTime()).isEqualTo(base.plus(Duration.ofHours(index(copy))));
        });
        assertThat(totalRecords(topics.output("user")))
                .as("nothing in other partitions")
                .isEqualTo(4);
        assertThat(endOffset(partition)).as("nothing on the channel itself").isEqualTo(channelEnd);
        assertThat(run.out()).contains("Replayed " + CHANNEL + " to user:alice.", "key user:alice");
    }

    @Test
    void replayingAgainCopiesTheOriginalsOnlyNotTheCopies() {
        long end = endOffset(partition);
        List<String> originals =
                List.of("e-6", "e-8", "e-12", "e-14", "e-16", "e-18", "e-20", "e-22", "e-24", "e-26", "e-28");

        CliRun first = replay("--channel", CHANNEL, "--from", time(6));
        CliRun second = replay("--channel", CHANNEL, "--from", time(6));

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        List<String> copied = new ArrayList<>(originals);
        copied.addAll(originals);
        assertThat(eventIds(read(partition, end))).containsExactlyElementsOf(copied);
        assertThat(second.out())
                .contains("matched: 11 (" + (1 + originals.size()) + " copies from earlier replays skipped)")
                .contains("written: 11");
    }

    @Test
    void dryRunReportsWhatItWouldWriteAndWritesNothing() {
        long channelEnd = endOffset(partition);
        long userRecords = totalRecords(topics.output("user"));

        CliRun toChannel = replay("--channel", CHANNEL, "--from", time(6), "--to", time(16), "--dry-run");
        CliRun toUser = replay("--channel", CHANNEL, "--from", time(6), "--user", "bob", "--dry-run");

        assertThat(toChannel.exitCode()).as(toChannel.err()).isZero();
        assertThat(toChannel.out())
                .contains("Dry run: would replay " + CHANNEL + " to " + CHANNEL + "; nothing written.")
                .contains("would write: 4", "copied:  " + offsetOf(6) + " to " + offsetOf(14));
        assertThat(toUser.exitCode()).as(toUser.err()).isZero();
        assertThat(toUser.out()).contains("would write: 11", "key user:bob");
        assertThat(endOffset(partition)).isEqualTo(channelEnd);
        assertThat(totalRecords(topics.output("user"))).isEqualTo(userRecords);
    }

    @Test
    void aWindowOfOffsetsCopiesFromTheFirstUpToButNotIncludingTheEnd() {
        long end = endOffset(partition);

        CliRun run = replay(
                "--channel", CHANNEL, "--from", String.valueOf(offsetOf(8)), "--to", String.valueOf(offsetOf(14)));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(eventIds(read(partition, end))).containsExactly("e-8", "e-12");
        assertThat(run.out()).contains("copied:  " + offsetOf(8) + " to " + offsetOf(12) + " (source offsets)");
    }

    @Test
    void aFamilyWithoutAnOutputTopicIsAUsageErrorAndWritesNothing() {
        long userRecords = totalRecords(topics.output("user"));

        CliRun run = replay("--channel", "nosuch:1", "--from", time(0), "--user", "alice");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("There is no output topic " + topics.output("nosuch"), "Usage: switchboard replay")
                .doesNotContain("\tat ");
        assertThat(totalRecords(topics.output("user"))).isEqualTo(userRecords);
    }

    @Test
    void anOffsetEndBeforeATimeStartIsAUsageErrorAndWritesNothing() {
        long end = endOffset(partition);

        CliRun run = replay("--channel", CHANNEL, "--from", time(20), "--to", String.valueOf(offsetOf(6)));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is after --to (offset " + offsetOf(6) + ")");
        assertThat(endOffset(partition)).isEqualTo(end);
    }

    private CliRun replay(String... args) {
        return CliRun.onKafka(KAFKA.bootstrapServers(), topics, "replay", args);
    }

    private String time(int index) {
        return base.plus(Duration.ofHours(index)).toString();
    }

    private String channel(int index) {
        return index % 2 == 0 ? CHANNEL : neighbours.get(index % 4 / 2);
    }

    private Delivery.Builder original(int index) {
        return Delivery.newBuilder()
                .setChannel(channel(index))
                .setEventId("e-" + index)
                .setEvent("comment.created")
                .setTime(base.plus(Duration.ofHours(index)))
                .setPayload(Payload.newBuilder()
                        .setData(ByteBuffer.wrap(("{\"seq\":" + index + "}").getBytes(StandardCharsets.UTF_8)))
                        .build())
                .setReplayed(index == 10);
    }

    /** The history, and on another partition a channel whose records a replay of the wrong partition would copy. */
    private void writeHistory() throws Exception {
        String elsewhere = channelOnAnotherPartitionThan(CHANNEL);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < HISTORY; i++) {
                long timestamp = base.plus(Duration.ofHours(i)).toEpochMilli();
                RecordHeaders headers = new RecordHeaders();
                if (i == 12) {
                    headers.add(PublishHeaders.GATEWAY, "gw-1".getBytes(StandardCharsets.UTF_8));
                    headers.add(PublishHeaders.CONNECTION, "c-1".getBytes(StandardCharsets.UTF_8));
                }
                Delivery delivery = original(i).build();
                producer.send(record(channel(i), timestamp, delivery, headers)).get();
                Delivery stray =
                        original(i).setChannel(elsewhere).setEventId("x-" + i).build();
                producer.send(record(elsewhere, timestamp, stray, new RecordHeaders()))
                        .get();
            }
        }
    }

    private ProducerRecord<String, byte[]> record(String key, long timestamp, Delivery value, RecordHeaders headers) {
        // No partition: Kafka's default partitioner places each channel, as the processor's producer does.
        return new ProducerRecord<>(
                topics.output("forum_threads"),
                null,
                timestamp,
                key,
                SwitchboardSerdes.delivery().encode(value),
                headers);
    }

    private long offsetOf(int index) {
        return read(partition, 0).stream()
                .filter(record -> decode(record).getEventId().equals("e-" + index))
                .findFirst()
                .orElseThrow()
                .offset();
    }

    private static int index(Delivery delivery) {
        return Integer.parseInt(delivery.getEventId().substring(2));
    }

    private static List<String> eventIds(List<ConsumerRecord<String, byte[]>> records) {
        return deliveries(records).stream().map(Delivery::getEventId).toList();
    }

    private static List<Delivery> deliveries(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(ReplayCommandIT::decode).toList();
    }

    private static Delivery decode(ConsumerRecord<String, byte[]> record) {
        return SwitchboardSerdes.delivery().decode(record.value());
    }

    private static int partitionOf(String channel) {
        return BuiltInPartitioner.partitionForKey(channel.getBytes(StandardCharsets.UTF_8), PARTITIONS);
    }

    private static List<String> channelsOnTheSamePartitionAs(String channel, int count) {
        List<String> found = new ArrayList<>();
        for (int key = 0; found.size() < count; key++) {
            String candidate = "forum_threads:" + key;
            if (!candidate.equals(channel) && partitionOf(candidate) == partitionOf(channel)) {
                found.add(candidate);
            }
        }
        return found;
    }

    private static String channelOnAnotherPartitionThan(String channel) {
        for (int key = 0; ; key++) {
            String candidate = "forum_threads:" + key;
            if (partitionOf(candidate) != partitionOf(channel)) {
                return candidate;
            }
        }
    }

    /** Every record of {@code partition} from {@code from} to its current end. */
    private static List<ConsumerRecord<String, byte[]>> read(TopicPartition partition, long from) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            consumer.assign(List.of(partition));
            consumer.seek(partition, from);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).records(partition).forEach(records::add);
            }
            return records;
        }
    }

    private static long endOffset(TopicPartition partition) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    private static long totalRecords(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            return consumer.endOffsets(partitions).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KAFKA.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    private static void createTopics(String... names) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, PARTITIONS, (short) 1));
        }
        admin.createTopics(topics).all().get();
    }
}
