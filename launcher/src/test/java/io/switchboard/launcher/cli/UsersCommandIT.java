package io.switchboard.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.kafka.embedded.EmbeddedKafkaExtension;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.UserEntryCodec;
import io.switchboard.schemas.avro.UserEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code switchboard users} against a real broker; every test works under its own topic prefix. */
@Timeout(120)
class UsersCommandIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

    @RegisterExtension
    static final TopicProbe PROBE = new TopicProbe(KAFKA);

    private Topics topics;

    @BeforeEach
    void ownPrefix() {
        topics = new Topics("users-it-" + PREFIXES.incrementAndGet());
    }

    @Test
    void listOfADirectoryTopicThatDoesNotExistSaysItIsEmptyAndCreatesNothing() throws Exception {
        CliRun run = users("list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(topics.users() + " does not exist yet: it is empty");
        assertThat(PROBE.names()).doesNotContain(topics.users());
    }

    @Test
    void setCreatesTheDirectoryCompactedAndWritesAnAvroEntry() throws Exception {
        CliRun run = users("set", "alice", "--roles", "admin,viewer", "--by", "ops", "--partitions", "2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Created the role directory " + topics.users() + " (compacted, 2 partitions).")
                .contains("Set the roles of 'alice' to admin,viewer (a new entry).")
                .containsPattern("(?m)^alice +admin,viewer +" + TIME + " +ops$");
        assertThat(PROBE.partitions(topics.users())).isEqualTo(2);
        assertThat(PROBE.cleanupPolicy(topics.users())).isEqualTo("compact");
        List<ConsumerRecord<String, byte[]>> records = records();
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("alice");
            assertThat(record.value()).startsWith((byte) 0xC3, (byte) 0x01);
            UserEntry entry = UserEntryCodec.decode(record.value(), Instant.EPOCH);
            assertThat(entry.getRoles()).containsExactly("admin", "viewer");
            assertThat(entry.getUpdatedBy()).isEqualTo("ops");
        });
    }

    @Test
    void setListAndRemoveMakeARoundTrip() throws Exception {
        users("set", "carol", "--roles", "viewer");
        users("set", "alice", "--roles", "viewer", "--by", "ops");
        CliRun changed = users("set", "alice", "--roles", "admin", "--by", "lead");

        CliRun listed = users("list");
        CliRun removed = users("remove", "alice");
        CliRun after = users("list");

        assertThat(changed.out()).contains("Set the roles of 'alice' to admin.");
        assertThat(listed.out().lines().toList()).hasSize(3).satisfies(lines -> {
            assertThat(lines.get(0)).matches("USER +ROLES +UPDATED AT +UPDATED BY");
            assertThat(lines.get(1)).matches("alice +admin +" + TIME + " +lead");
            assertThat(lines.get(2)).matches("carol +viewer +" + TIME + " +" + System.getProperty("user.name"));
        });
        assertThat(removed.exitCode()).as(removed.err()).isZero();
        assertThat(removed.out())
                .contains("Removed 'alice' from the role directory " + topics.users() + ". It was:")
                .containsPattern("(?m)^alice +admin +" + TIME + " +lead$");
        assertThat(after.out().lines().toList()).hasSize(2).last().asString().startsWith("carol");
        assertThat(records("alice")).last().satisfies(record -> assertThat(record.value())
                .isNull());
    }

    @Test
    void listShowsTheJsonEntriesOfAnIdentityServiceAndMarksWhatTheProcessorIgnores() throws Exception {
        users("set", "alice", "--roles", "viewer", "--by", "ops");
        produce("bob", "{\"roles\":[\"admin\",\"developer\"],\"updated_by\":\"idp\"}");
        produce("carol", "{\"roles\":[]}");
        produce("dave", "not json at all");
        produce("eve smith", "{\"roles\":[\"admin\"]}");
        produce("frank", "{\"roles\":[\"admin\"]}");
        produce("frank", null);
        produce("grace", "{\"roles\":[\"admin\"],\"updated_by\":\"idp\"}");
        produce("grace", "{\"roles\":\"admin\"}");

        CliRun run = users("list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).matches("USER +ROLES +UPDATED AT +UPDATED BY +NOTE");
        assertThat(lines.get(1)).matches("alice +viewer +" + TIME + " +ops");
        assertThat(lines.get(2)).matches("bob +admin,developer +" + TIME + " +idp");
        assertThat(lines.get(3)).matches("carol +— +" + TIME);
        assertThat(lines.get(4))
                .matches("dave +\\? +" + TIME + " +ignored by the processor: unreadable value: neither Avro nor valid "
                        + "JSON.*");
        assertThat(lines.get(5))
                .matches("eve smith +admin +" + TIME + " +ignored by the processor: invalid user id: 'eve smith'.*");
        assertThat(lines.get(6))
                .matches("grace +admin +" + TIME + " +idp +latest value unreadable, the processor keeps these roles: "
                        + "'roles' must be an array of strings");
    }

    @Test
    void listWithARoleShowsOnlyTheUsersHoldingIt() throws Exception {
        users("set", "alice", "--roles", "admin,viewer");
        users("set", "bob", "--roles", "viewer");
        produce("carol", "{\"roles\":[\"admin\"]}");

        CliRun admins = users("list", "--role", "admin");
        CliRun bots = users("list", "--role", "bot");

        assertThat(admins.out().lines().skip(1).map(line -> line.split(" +")[0]).toList())
                .containsExactly("alice", "carol");
        assertThat(bots.exitCode()).isZero();
        assertThat(bots.out()).contains("No user in the role directory " + topics.users() + " has the role 'bot'.");
    }

    @Test
    void emptyRolesAreWrittenAsAnEntryWithNoRoles() throws Exception {
        CliRun run = users("set", "alice", "--roles", "");

        assertThat(run.out()).contains("Set the roles of 'alice' to no roles");
        assertThat(users("list").out()).containsPattern("(?m)^alice +— +" + TIME);
        assertThat(UserEntryCodec.decode(records().get(0).value(), Instant.EPOCH)
                        .getRoles())
                .isEmpty();
    }

    @Test
    void settingTheRolesAUserAlreadyHasWritesNothing() throws Exception {
        users("set", "alice", "--roles", "admin,viewer");
        long before = PROBE.endOffsets(topics.users());

        CliRun run = users("set", "alice", "--roles", "viewer,admin");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Nothing to change: 'alice' already has viewer,admin.");
        assertThat(PROBE.endOffsets(topics.users())).isEqualTo(before);
    }

    @Test
    void removeOfAUserNotInTheDirectorySaysSoAndWritesATombstone() throws Exception {
        users("set", "alice", "--roles", "admin");

        CliRun run = users("remove", "bob");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("'bob' is not in the role directory " + topics.users());
        assertThat(records("bob")).singleElement().satisfies(record -> assertThat(record.value())
                .isNull());
    }

    @Test
    void removeOnAMissingTopicCreatesItCompacted() throws Exception {
        CliRun run = users("remove", "bob");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Created the role directory " + topics.users() + " (compacted, 3 partitions).");
        assertThat(PROBE.cleanupPolicy(topics.users())).isEqualTo("compact");
        assertThat(PROBE.partitions(topics.users())).isEqualTo(3);
    }

    @Test
    void anEntryUnderAnInvalidUserIdCanBeRemovedButAnAbsentOneIsAUsageError() throws Exception {
        PROBE.create(topics.users(), 1);
        produce("eve smith", "{\"roles\":[\"admin\"]}");
        long before = PROBE.endOffsets(topics.users());

        CliRun absent = users("remove", "bob smith");
        long afterAbsent = PROBE.endOffsets(topics.users());
        CliRun present = users("remove", "eve smith");

        assertThat(absent.exitCode()).isEqualTo(2);
        assertThat(absent.err()).contains("Invalid user id", "nothing written");
        assertThat(afterAbsent).isEqualTo(before);
        assertThat(present.exitCode()).as(present.err()).isZero();
        assertThat(present.out()).contains("Removed 'eve smith'");
        assertThat(users("list").out()).contains("is empty");
    }

    @Test
    void dryRunsWriteNothingAndCreateNothing() throws Exception {
        CliRun onMissingTopic = users("set", "alice", "--roles", "admin", "--dry-run");
        assertThat(PROBE.names()).doesNotContain(topics.users());
        users("set", "alice", "--roles", "viewer");
        long before = PROBE.endOffsets(topics.users());

        CliRun set = users("set", "alice", "--roles", "admin", "--dry-run");
        CliRun remove = users("remove", "alice", "--dry-run");
        CliRun removeAbsent = users("remove", "bob", "--dry-run");

        assertThat(List.of(onMissingTopic, set, remove, removeAbsent)).allSatisfy(run -> {
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("Dry run: nothing written.");
        });
        assertThat(onMissingTopic.out())
                .contains("does not exist yet: would create it (compacted, 3 partitions).")
                .containsPattern("(?m)^alice \\(after\\) +admin ");
        assertThat(set.out())
                .contains("Would set the roles of 'alice' to admin:")
                .containsPattern("(?m)^alice \\(now\\) +viewer .*\\n^alice \\(after\\) +admin ");
        assertThat(remove.out()).contains("Would remove 'alice' from the role directory:");
        assertThat(removeAbsent.out()).contains("would write a tombstone all the same");
        assertThat(PROBE.endOffsets(topics.users())).isEqualTo(before);
    }

    @Test
    void anExistingDirectoryTopicIsUsedAsItIs() throws Exception {
        PROBE.create(topics.users(), 1);

        CliRun run = users("set", "alice", "--roles", "admin");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("Created");
        assertThat(PROBE.partitions(topics.users())).isEqualTo(1);
    }

    private CliRun users(String... args) {
        return CliRun.onKafka(KAFKA.bootstrapServers(), topics, "users", args);
    }

    /** Writes a value as an identity service would: JSON text, keyed by user id, with the default partitioner. */
    private void produce(String user, String json) throws Exception {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            byte[] value = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(topics.users(), user, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Every record of {@code user} in the directory topic so far, in offset order. */
    private List<ConsumerRecord<String, byte[]>> records(String user) throws Exception {
        return records().stream().filter(record -> record.key().equals(user)).toList();
    }

    /** Every record of the directory topic so far, partition by partition, in offset order. */
    private List<ConsumerRecord<String, byte[]>> records() throws Exception {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PROBE.partitions(topics.users()); p++) {
                partitions.add(new TopicPartition(topics.users(), p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            return records;
        }
    }
}
