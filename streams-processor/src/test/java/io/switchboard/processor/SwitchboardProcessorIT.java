package io.switchboard.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.processor.actions.PublishHeaders;
import io.switchboard.processor.admin.TopicCreator;
import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.processor.config.ProcessorKeys;
import io.switchboard.processor.sessions.TokenIssuer;
import io.switchboard.schemas.SourceHeader;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.Ack;
import io.switchboard.schemas.avro.AclRule;
import io.switchboard.schemas.avro.ChannelPosition;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Connect;
import io.switchboard.schemas.avro.Cursor;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.Disconnect;
import io.switchboard.schemas.avro.Ended;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.IssueReconnectionToken;
import io.switchboard.schemas.avro.Payload;
import io.switchboard.schemas.avro.Permission;
import io.switchboard.schemas.avro.Position;
import io.switchboard.schemas.avro.Publish;
import io.switchboard.schemas.avro.Published;
import io.switchboard.schemas.avro.ReconnectionToken;
import io.switchboard.schemas.avro.Refused;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.Resume;
import io.switchboard.schemas.avro.Resumed;
import io.switchboard.schemas.avro.SessionSnapshot;
import io.switchboard.schemas.avro.Subscribe;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The processor on a real KRaft broker with its defaults (the core and read-back apps exactly-once, the events app
 * at-least-once), read back as the gateways read: read_committed. It seeds the
 * default policy at start; tests that change the ACL use a family no other test relies on.
 */
class SwitchboardProcessorIT {
    @RegisterExtension
    static final ProcessorOnBroker PROCESSOR = new ProcessorOnBroker();

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void createsItsTopicsAtStartAndToleratesThemExisting() throws Exception {
        assertThat(PROCESSOR.processor().state()).isEqualTo(KafkaStreams.State.RUNNING);
        assertThat(PROCESSOR.processor().states())
                .containsOnly(
                        Map.entry("core", KafkaStreams.State.RUNNING),
                        Map.entry("events", KafkaStreams.State.RUNNING),
                        Map.entry("readback", KafkaStreams.State.RUNNING));
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, PROCESSOR.bootstrapServers()))) {
            List<String> expected = TopicCreator.topicNames(PROCESSOR.config());
            assertThat(admin.listTopics().names().get()).containsAll(expected);
            assertThat(expected)
                    .contains(
                            PROCESSOR.topics().output("metrics"),
                            PROCESSOR.topics().output("user"),
                            PROCESSOR.topics().eventsDlq());
            Map<String, TopicDescription> described =
                    admin.describeTopics(expected).allTopicNames().get();
            assertThat(described.values())
                    .allSatisfy(d -> assertThat(d.partitions()).hasSize(3));
            assertThat(expected)
                    .contains(
                            PROCESSOR.topics().cursors(),
                            PROCESSOR.topics().sessions(),
                            PROCESSOR.topics().users(),
                            PROCESSOR.topics().gateways());
            for (String compacted : List.of(
                    PROCESSOR.topics().cursors(),
                    PROCESSOR.topics().sessions(),
                    PROCESSOR.topics().users(),
                    PROCESSOR.topics().gateways())) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, compacted);
                Config topicConfig =
                        admin.describeConfigs(List.of(resource)).all().get().get(resource);
                assertThat(topicConfig.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                        .as(compacted)
                        .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            }
        }
        TopicCreator.createTopics(PROCESSOR.config());
    }

    @Test
    void refusesToStartWhenTheSessionsTopicIsNotPartitionedLikeTheActions() throws Exception {
        ProcessorConfig other = ProcessorConfig.forTests(
                PROCESSOR.bootstrapServers(), Map.of(ProcessorKeys.TOPIC_PREFIX, "mispartitioned"));
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, PROCESSOR.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(other.topics().sessions(), 1, (short) 1)))
                    .all()
                    .get();
        }

        assertThatThrownBy(() -> TopicCreator.createTopics(other))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mispartitioned.sessions has 1 partitions and mispartitioned.actions has 3");
    }

    @Test
    void resumesAReconnectionTokenOnAnotherGatewayAtThePositionsOfTheDisconnectOnceAndRefusesItsSecondUse()
            throws Exception {
        ChannelPosition status = new ChannelPosition("status", 3L, "epoch-it", false);
        ChannelPosition statusAtDisconnect = new ChannelPosition("status", 7L, "epoch-it", false);
        PROCESSOR.send(action("c-tok", "nina", "viewer", null, new Connect(List.of(), null)));
        PROCESSOR.send(action("c-tok", "nina", "viewer", "it-tok-sub", new Subscribe("status", null)));
        PROCESSOR.send(action("c-tok", "nina", "viewer", "it-tok", new IssueReconnectionToken(List.of(status), null)));

        try (TopicReader<Reply> replies = replies();
                TopicReader<SessionSnapshot> sessions = new TopicReader<>(
                        PROCESSOR.bootstrapServers(),
                        PROCESSOR.topics().sessions(),
                        SwitchboardSerdes.sessionSnapshot().deserializer())) {
            ReconnectionToken token = (ReconnectionToken) awaitReply(replies, r -> "it-tok".equals(r.getRequestId()))
                    .value()
                    .getBody();
            String hash = TokenIssuer.hash(token.getToken());
            ConsumerRecord<String, SessionSnapshot> issued = await().atMost(PATIENCE)
                    .until(() -> find(sessions.poll(), r -> hash.equals(r.key())), r -> r != null);
            assertThat(issued.value().getChannels()).containsExactly(status);
            // The user's partition writes the positions at disconnect to the token's partition of the sessions.
            PROCESSOR.send(action("c-tok", "nina", "viewer", null, new Disconnect(1001, List.of(statusAtDisconnect))));
            await().atMost(PATIENCE)
                    .until(
                            () -> find(
                                    sessions.poll(),
                                    r -> hash.equals(r.key())
                                            && r.value().getChannels().contains(statusAtDisconnect)),
                            r -> r != null);

            int resumePartition = sendResume("c-res-1", "gw-it-2", hash);
            int secondPartition = sendResume("c-res-2", "gw-it-3", hash);

            assertThat(resumePartition).isEqualTo(issued.partition()).isEqualTo(secondPartition);
            Reply resumed = awaitReply(replies, r -> "c-res-1".equals(r.getConnectionId()))
                    .value();
            assertThat(resumed.getBody())
                    .isEqualTo(new Resumed("nina", List.of("viewer"), null, List.of(statusAtDisconnect)));
            Reply refused = awaitReply(replies, r -> "c-res-2".equals(r.getConnectionId()))
                    .value();
            assertThat(refused.getBody()).isInstanceOf(Refused.class);
            assertThat(((Refused) refused.getBody()).getCode()).isEqualTo("token_invalid");
            await().atMost(PATIENCE)
                    .until(
                            () -> find(
                                    sessions.poll(),
                                    r -> hash.equals(r.key()) && r.value().getUsed()),
                            r -> r != null);
        }
    }

    @Test
    void routesAJsonEventToItsOutputTopicForReadCommittedConsumers() {
        send(
                PROCESSOR.topics().events(),
                "metrics",
                "{\"id\":\"it-1\",\"channel\":\"metrics\",\"event\":\"cpu\",\"data\":0.5}");

        try (TopicReader<Delivery> reader = new TopicReader<>(
                PROCESSOR.bootstrapServers(),
                PROCESSOR.topics().output("metrics"),
                SwitchboardSerdes.delivery().deserializer())) {
            ConsumerRecord<String, Delivery> record = await().atMost(PATIENCE)
                    .until(
                            () -> find(
                                    reader.poll(), r -> "it-1".equals(r.value().getEventId())),
                            r -> r != null);
            assertThat(record.key()).isEqualTo("metrics");
            assertThat(record.value().getEvent()).isEqualTo("cpu");
            byte[] source = SourceHeader.of(record.headers()).orElseThrow();
            assertThat(SourceHeader.partition(source)).isBetween(0, 2);
            assertThat(SourceHeader.offset(source)).isNotNegative();
        }
    }

    @Test
    void answersASubscribeWithAGrantForTheGateway() {
        PROCESSOR.send(action("c-it", "alice", "viewer", "it-sub", new Subscribe("status", null)));

        try (TopicReader<Reply> reader = replies()) {
            ConsumerRecord<String, Reply> record = awaitReply(reader, r -> "it-sub".equals(r.getRequestId()));
            assertThat(record.key()).isEqualTo("gw-it");
            assertThat(record.value().getConnectionId()).isEqualTo("c-it");
            assertThat(record.value().getBody()).isEqualTo(new Granted("status", null));
        }
    }

    @Test
    void writesAllowedPublishesToTheirChannelAndAnswersPublishedWithTheirRealOffsets() {
        try (TopicReader<Delivery> forum = new TopicReader<>(
                        PROCESSOR.bootstrapServers(),
                        PROCESSOR.topics().output("forum_threads"),
                        SwitchboardSerdes.delivery().deserializer());
                TopicReader<Reply> replies = replies()) {
            // One after the other, so they commit apart: the second offset is past a commit marker, not first + 1.
            List<Long> offsets = new ArrayList<>();
            for (String request : List.of("it-pub-1", "it-pub-2")) {
                Payload payload = Payload.newBuilder()
                        .setData(ByteBuffer.wrap("{\"text\":\"it\"}".getBytes(StandardCharsets.UTF_8)))
                        .build();
                PROCESSOR.send(action(
                        "c-pub", "ada", "admin", request, new Publish("forum_threads:7", "posted", payload, false)));
                ConsumerRecord<String, Delivery> written = await().atMost(PATIENCE)
                        .until(
                                () -> find(forum.poll(), r -> request.equals(header(r, PublishHeaders.REQUEST))),
                                r -> r != null);
                assertThat(written.key()).isEqualTo("forum_threads:7");
                assertThat(written.value().getEvent()).isEqualTo("posted");
                assertThat(header(written, PublishHeaders.CONNECTION)).isEqualTo("c-pub");

                ConsumerRecord<String, Reply> published = awaitReply(replies, r -> request.equals(r.getRequestId()));
                assertThat(published.key()).isEqualTo("gw-it");
                assertThat(published.value().getConnectionId()).isEqualTo("c-pub");
                assertThat(published.value().getBody())
                        .isEqualTo(new Published(
                                "forum_threads:7",
                                written.offset(),
                                written.value().getEventId()));
                offsets.add(written.offset());
            }
            assertThat(offsets.get(1)).isGreaterThan(offsets.get(0) + 1);
        }
    }

    @Test
    void endsALiveSubscriptionWhenAnOperatorRevokesItInTheAcl() {
        PROCESSOR.send(action("c-rev", "vera", "viewer", null, new Connect(List.of(), null)));
        PROCESSOR.send(action("c-rev", "vera", "viewer", "it-rev", new Subscribe("broadcasts", null)));

        try (TopicReader<Reply> replies = replies()) {
            ConsumerRecord<String, Reply> personal =
                    awaitReply(replies, r -> "c-rev".equals(r.getConnectionId()) && r.getRequestId() == null);
            assertThat(personal.value().getBody()).isEqualTo(new Granted("user:vera", new Position(-1L, "")));
            assertThat(awaitReply(replies, r -> "it-rev".equals(r.getRequestId()))
                            .value()
                            .getBody())
                    .isEqualTo(new Granted("broadcasts", null));

            AclRule adminsOnly = AclRule.newBuilder()
                    .setRoles(Map.of("admin", List.of(Permission.SUBSCRIBE, Permission.PUBLISH), "viewer", List.of()))
                    .setUpdatedAt(Instant.now())
                    .setUpdatedBy("it")
                    .build();
            PROCESSOR.send(
                    PROCESSOR.topics().acl(),
                    "broadcasts",
                    SwitchboardSerdes.aclRule().encode(adminsOnly));

            ConsumerRecord<String, Reply> ended =
                    awaitReply(replies, r -> "c-rev".equals(r.getConnectionId()) && r.getBody() instanceof Ended);
            assertThat(ended.key()).isEqualTo("gw-it");
            assertThat(ended.value().getRequestId()).isNull();
            assertThat(ended.value().getBody()).isEqualTo(new Ended("broadcasts", "permission_revoked"));
        }
    }

    @Test
    void grantsTheNextConnectionOfAUserItsPersonalChannelAfterTheLastAck() {
        Position acked = new Position(5L, "epoch-it");
        PROCESSOR.send(action("c-ack-1", "oscar", "viewer", null, new Connect(List.of(), null)));
        PROCESSOR.send(action("c-ack-1", "oscar", "viewer", null, new Ack("user:oscar", 5L, "epoch-it")));
        PROCESSOR.send(action("c-ack-1", "oscar", "viewer", null, new Disconnect(1000, List.of())));
        PROCESSOR.send(action("c-ack-2", "oscar", "viewer", null, new Connect(List.of(), null)));

        try (TopicReader<Reply> replies = replies();
                TopicReader<Cursor> cursors = new TopicReader<>(
                        PROCESSOR.bootstrapServers(),
                        PROCESSOR.topics().cursors(),
                        SwitchboardSerdes.cursor().deserializer())) {
            assertThat(awaitReply(replies, r -> "c-ack-1".equals(r.getConnectionId()))
                            .value()
                            .getBody())
                    .isEqualTo(new Granted("user:oscar", new Position(-1L, "")));
            assertThat(awaitReply(replies, r -> "c-ack-2".equals(r.getConnectionId()))
                            .value()
                            .getBody())
                    .isEqualTo(new Granted("user:oscar", acked));
            ConsumerRecord<String, Cursor> cursor = await().atMost(PATIENCE)
                    .until(() -> find(cursors.poll(), r -> r.key().startsWith("oscar\u0000")), r -> r != null);
            assertThat(cursor.key()).isEqualTo("oscar\u0000user:oscar");
            assertThat(cursor.value().getOffset()).isEqualTo(5L);
            assertThat(cursor.value().getEpoch()).isEqualTo("epoch-it");
        }
    }

    @Test
    void deadLettersInvalidEventsAndUnreadableActionsInBothAppsAndKeepsGoing() {
        send(PROCESSOR.topics().events(), "metrics", "{not json");
        send(PROCESSOR.topics().actions(), "alice", "not an Avro ClientAction");
        send(PROCESSOR.topics().events(), "status", "{\"id\":\"it-after\",\"channel\":\"status\",\"data\":{}}");

        try (TopicReader<byte[]> dlq = new TopicReader<>(
                        PROCESSOR.bootstrapServers(), PROCESSOR.topics().eventsDlq(), new ByteArrayDeserializer());
                TopicReader<Delivery> status = new TopicReader<>(
                        PROCESSOR.bootstrapServers(),
                        PROCESSOR.topics().output("status"),
                        SwitchboardSerdes.delivery().deserializer())) {
            List<ConsumerRecord<String, byte[]>> dead = await().atMost(PATIENCE).until(dlq::poll, r -> r.size() >= 2);
            assertThat(dead)
                    .extracting(r -> header(r, "error.source.topic"))
                    .containsExactlyInAnyOrder(
                            PROCESSOR.topics().events(), PROCESSOR.topics().actions());
            assertThat(dead)
                    .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder("{not json", "not an Avro ClientAction");
            await().atMost(PATIENCE)
                    .until(
                            () -> find(status.poll(), r -> "it-after"
                                    .equals(r.value().getEventId())),
                            r -> r != null);
        }
    }

    private static ClientAction action(String connectionId, String userId, String role, String requestId, Object body) {
        return ClientAction.newBuilder()
                .setConnectionId(connectionId)
                .setGatewayId("gw-it")
                .setUserId(userId)
                .setRoles(List.of(role))
                .setTime(Instant.now())
                .setRequestId(requestId)
                .setAction(body)
                .build();
    }

    /** A Resume as a gateway sends it: keyed by the token hash. Returns the actions partition it landed in. */
    private static int sendResume(String connectionId, String gatewayId, String hash) throws Exception {
        ClientAction resume = ClientAction.newBuilder()
                .setConnectionId(connectionId)
                .setGatewayId(gatewayId)
                .setTime(Instant.now())
                .setAction(new Resume(hash))
                .build();
        return PROCESSOR
                .producer()
                .send(new ProducerRecord<>(
                        PROCESSOR.topics().actions(),
                        hash,
                        SwitchboardSerdes.clientAction().encode(resume)))
                .get()
                .partition();
    }

    private static TopicReader<Reply> replies() {
        return new TopicReader<>(
                PROCESSOR.bootstrapServers(),
                PROCESSOR.topics().replies(),
                SwitchboardSerdes.reply().deserializer());
    }

    private static ConsumerRecord<String, Reply> awaitReply(
            TopicReader<Reply> reader, java.util.function.Predicate<Reply> match) {
        return await().atMost(PATIENCE).until(() -> find(reader.poll(), r -> match.test(r.value())), r -> r != null);
    }

    private static void send(String topic, String key, String value) {
        PROCESSOR.send(topic, key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(ConsumerRecord<?, ?> record, String key) {
        return record.headers().lastHeader(key) == null
                ? null
                : new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    private static <V> ConsumerRecord<String, V> find(
            List<ConsumerRecord<String, V>> records, java.util.function.Predicate<ConsumerRecord<String, V>> match) {
        return records.stream().filter(match).findFirst().orElse(null);
    }
}
