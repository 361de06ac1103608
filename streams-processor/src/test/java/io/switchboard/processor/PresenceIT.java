package io.switchboard.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.kafka.embedded.EmbeddedKafkaExtension;
import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.PresenceHeader;
import io.switchboard.schemas.SourceHeader;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Disconnect;
import io.switchboard.schemas.avro.PresenceAnswer;
import io.switchboard.schemas.avro.PresenceKind;
import io.switchboard.schemas.avro.PresenceMember;
import io.switchboard.schemas.avro.PresenceNotice;
import io.switchboard.schemas.avro.PresenceQuery;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.Subscribe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Presence on a real broker, exactly-once, read back read_committed as gateways read: users whose actions land in
 * different actions partitions meet in one channel's presence; notices are in the channel's partition of its output
 * topic; a processor restarted on the same state counts nobody twice.
 */
class PresenceIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String THREAD = "forum_threads:it";

    private static ProcessorConfig config;
    private static Topics topics;
    private static SwitchboardProcessor processor;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void start() {
        config = ProcessorConfig.forTests(
                KAFKA.bootstrapServers(), Map.of("processor.presence.families", "forum_threads"));
        topics = config.topics();
        processor = SwitchboardProcessor.start(config);
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (processor != null) {
            processor.close();
        }
    }

    @Test
    void usersOfDifferentActionsPartitionsMeetInTheChannelAndARestartCountsNobodyTwice() {
        // two users whose actions are in different partitions of switchboard.actions
        List<String> users = List.of("alice", "bob", "carol", "dave").stream()
                .filter(user -> ChannelName.partition(user, config.partitions())
                        != ChannelName.partition("alice", config.partitions()))
                .findFirst()
                .map(other -> List.of("alice", other))
                .orElseThrow();
        String other = users.get(1);
        try (TopicReader<PresenceNotice> notices = new TopicReader<>(
                        KAFKA.bootstrapServers(),
                        topics.output("forum_threads"),
                        SwitchboardSerdes.presenceNotice().deserializer());
                TopicReader<Reply> replies = new TopicReader<>(
                        KAFKA.bootstrapServers(),
                        topics.replies(),
                        SwitchboardSerdes.reply().deserializer())) {
            send(action("c-1", "alice", "s1", new Subscribe(THREAD, null)));
            send(action("c-2", "alice", "s2", new Subscribe(THREAD, null)));
            send(action("c-3", other, "s3", new Subscribe(THREAD, null)));

            List<ConsumerRecord<String, PresenceNotice>> joins =
                    await().atMost(PATIENCE).until(notices::poll, records -> records.size() == 2);
            assertThat(joins).allSatisfy(record -> {
                assertThat(record.key()).isEqualTo(THREAD);
                assertThat(record.partition()).isEqualTo(ChannelName.partition(THREAD, config.partitions()));
                assertThat(PresenceHeader.of(record.headers())).contains(PresenceKind.JOIN);
                assertThat(SourceHeader.of(record.headers())).isEmpty();
            });
            assertThat(joins)
                    .extracting(record -> record.value().getUserId())
                    .containsExactlyInAnyOrder("alice", other);

            processor.close();
            processor = SwitchboardProcessor.start(config);

            send(action("c-1", "alice", "s4", new Subscribe(THREAD, null)));
            // asked by alice: after her re-subscribe in her actions partition, so a second count would show
            send(action("c-1", "alice", "q", new PresenceQuery(THREAD, null)));
            ConsumerRecord<String, Reply> answer = await().atMost(PATIENCE)
                    .until(
                            () -> replies.poll().stream()
                                    .filter(r -> "q".equals(r.value().getRequestId()))
                                    .findFirst()
                                    .orElse(null),
                            r -> r != null);
            assertThat(answer.value().getBody())
                    .isEqualTo(new PresenceAnswer(
                            THREAD, List.of(new PresenceMember("alice", 2), new PresenceMember(other, 1)), 2, 0, null));

            send(action("c-3", other, null, new Disconnect(1001, List.of())));
            List<ConsumerRecord<String, PresenceNotice>> all =
                    await().atMost(PATIENCE).until(notices::poll, records -> records.size() >= 3);
            assertThat(all)
                    .extracting(record -> record.value().getKind())
                    .containsExactly(PresenceKind.JOIN, PresenceKind.JOIN, PresenceKind.LEAVE);
            assertThat(all.get(2).value().getUserId()).isEqualTo(other);
        }
    }

    private static ClientAction action(String connectionId, String userId, String requestId, Object body) {
        return ClientAction.newBuilder()
                .setConnectionId(connectionId)
                .setGatewayId("gw-it")
                .setUserId(userId)
                .setRoles(List.of("viewer"))
                .setTime(Instant.now())
                .setRequestId(requestId)
                .setAction(body)
                .build();
    }

    private static void send(ClientAction action) {
        producer.send(new ProducerRecord<>(
                topics.actions(),
                action.getUserId(),
                SwitchboardSerdes.clientAction().encode(action)));
        producer.flush();
    }
}
