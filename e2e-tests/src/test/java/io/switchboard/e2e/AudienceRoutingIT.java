package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.Delivery;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 5's promise for admin notifications: an event to {@code audience.roles=["admin"]} reaches every admin
 * connection on both gateways, through each admin's personal channel, and no viewer; an admin who was offline gets
 * it at the next connect. The processor learns who holds a role from the roles seen at connect and from entries
 * written to {@code switchboard.users}; it reads them on its global thread, so each test first waits until a probe
 * event to the role reaches the users it expects (an event produced earlier could miss a brand-new user).
 */
class AudienceRoutingIT {
    @RegisterExtension
    static final SwitchboardCluster CLUSTER = new SwitchboardCluster(2);

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void anEventToTheAdminRoleReachesEveryAdminConnectionOnBothGatewaysOnceAndNoViewer() {
        String run = run();
        String ada = "ada-" + run;
        String abe = "abe-" + run;
        String vic = "vic-" + run;
        try (TestClient adaOnFirst = CLUSTER.connect(0, ada, "admin");
                TestClient adaOnSecond = CLUSTER.connect(1, ada, "admin");
                TestClient abeOnSecond = CLUSTER.connect(1, abe, "admin");
                TestClient vicOnFirst = CLUSTER.connect(0, vic, "viewer");
                PersonalChannels personal = new PersonalChannels()) {
            personal.awaitAdmins(List.of(ada, abe));

            CLUSTER.produceEvent("book_requests", pendingCount(run, 3));
            CLUSTER.produceEvent("book_requests", pendingCount(run, 4));

            // 4 follows 3 on each personal channel, so a second copy of 3 would have come before it
            assertReceivedOnce(adaOnFirst, ada, run, 3, 4);
            assertReceivedOnce(adaOnSecond, ada, run, 3, 4);
            assertReceivedOnce(abeOnSecond, abe, run, 3, 4);
            // the deliveries of an event are committed together: read to the end, any copy for the viewer is there
            personal.readToEnd();
            assertThat(personal.channelsOf(run))
                    .containsExactlyInAnyOrder("user:" + ada, "user:" + abe, "user:" + ada, "user:" + abe);
            assertThat(vicOnFirst.messages("user:" + vic)).isEmpty();
        }
    }

    @Test
    void anAdminWhoWasOfflineGetsTheEventAtTheNextConnect() throws Exception {
        String run = run();
        String away = "away-" + run; // known from an earlier connect
        String listed = "listed-" + run; // known from an entry an identity service wrote
        try (TestClient first = CLUSTER.connect(0, away, "admin")) {
            first.awaitFrame(f -> f.path("type").asText().equals("subscribed"));
        }
        writeUserEntry(listed, "{\"roles\":[\"admin\"],\"updated_by\":\"identity-service\"}");
        try (PersonalChannels personal = new PersonalChannels()) {
            personal.awaitAdmins(List.of(away, listed));

            CLUSTER.produceEvent("book_requests", pendingCount(run, 5));
            CLUSTER.produceEvent("book_requests", pendingCount(run, 6));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(personal.channelsOf(run))
                    .containsExactlyInAnyOrder("user:" + away, "user:" + listed, "user:" + away, "user:" + listed));
        }

        try (TestClient back = CLUSTER.connect(1, away, "admin");
                TestClient firstTime = CLUSTER.connect(0, listed, "admin")) {
            assertReceivedOnce(back, away, run, 5, 6);
            assertReceivedOnce(firstTime, listed, run, 5, 6);
        }
    }

    /** {@code client} receives {@code pending} once, {@code later} being the next event on the same channel. */
    private static void assertReceivedOnce(TestClient client, String user, String run, int pending, int later) {
        client.awaitFrame(pendingCountOn(user, run, later));
        assertThat(client.frames())
                .filteredOn(pendingCountOn(user, run, pending))
                .hasSize(1);
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** The seed scenario's admin-only update: the number of pending book requests, marked with the test's run. */
    private static String pendingCount(String run, int pending) {
        return "{\"event\":\"pending_count\",\"data\":{\"run\":\"" + run + "\",\"pending\":" + pending
                + "},\"audience\":{\"roles\":[\"admin\"]}}";
    }

    private static Predicate<JsonNode> pendingCountOn(String user, String run, int pending) {
        return frame -> frame.path("type").asText().equals("message")
                && frame.path("channel").asText().equals("user:" + user)
                && frame.path("event").asText().equals("pending_count")
                && frame.path("data").path("run").asText().equals(run)
                && frame.path("data").path("pending").asInt() == pending;
    }

    private static void writeUserEntry(String user, String json) throws ExecutionException, InterruptedException {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", CLUSTER.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("switchboard.users", user, json.getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
    }

    /** Reads {@code switchboard.out.user} from the beginning, read_committed, as a gateway would. */
    private static final class PersonalChannels implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final List<TopicPartition> partitions;
        private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

        PersonalChannels() {
            consumer = new KafkaConsumer<>(
                    Map.of(
                            "bootstrap.servers", CLUSTER.bootstrapServers(),
                            "isolation.level", "read_committed",
                            "enable.auto.commit", "false"),
                    new StringDeserializer(),
                    new ByteArrayDeserializer());
            partitions = consumer.partitionsFor("switchboard.out.user").stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /**
         * Waits until the processor's role directory has {@code users} as admins: a probe event to the role, produced
         * again on every try, has reached each of their personal channels.
         */
        void awaitAdmins(List<String> users) {
            String probe = "probe-" + run();
            List<String> channels = users.stream().map(user -> "user:" + user).toList();
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                CLUSTER.produceEvent(
                        "probe", "{\"event\":\"" + probe + "\",\"data\":{},\"audience\":{\"roles\":[\"admin\"]}}");
                assertThat(reachedBy(probe)).containsAll(channels);
            });
        }

        /** Reads every partition up to its last committed offset as of now. */
        void readToEnd() {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(PATIENCE).until(() -> {
                deliveries();
                return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
        }

        /** The personal channels that an event named {@code event} reached so far. */
        List<String> reachedBy(String event) {
            return deliveries().stream()
                    .filter(d -> event.equals(d.getEvent()))
                    .map(Delivery::getChannel)
                    .toList();
        }

        /**
         * The channels of the test run's users (their ids hold {@code run}) reached so far by the run's events (their
         * payload holds it). The role is shared by every test of the cluster, so other runs' admins get them too.
         */
        List<String> channelsOf(String run) {
            return deliveries().stream()
                    .filter(d -> d.getChannel().contains(run) && text(d).contains(run))
                    .map(Delivery::getChannel)
                    .toList();
        }

        private List<Delivery> deliveries() {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            var deserializer = SwitchboardSerdes.delivery().deserializer();
            return seen.stream()
                    .map(record -> deserializer.deserialize(record.topic(), record.value()))
                    .toList();
        }

        // Small JSON payloads stay uncompressed (below processor.compression.min-bytes).
        private static String text(Delivery delivery) {
            ByteBuffer data = delivery.getPayload().getData().duplicate();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }
}
