package io.switchboard.e2e;

import static io.switchboard.e2e.AccessControlIT.isMessageOn;
import static io.switchboard.e2e.AccessControlIT.isSubscribedTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 4's promise: a client that drops and comes back on another gateway with its one-time reconnection token gets
 * exactly what it missed, in order, then the live stream; a user who was offline gets the personal messages sent
 * meanwhile at the next connect.
 */
class ReconnectionIT {
    private static final Logger LOG = LoggerFactory.getLogger(ReconnectionIT.class);
    private static final String THREAD = "forum_threads:42";
    private static final int MISSED = 500;

    @RegisterExtension
    static final SwitchboardCluster CLUSTER = new SwitchboardCluster(2);

    @Test
    void aResumedClientGetsExactlyWhatItMissedOnAnotherGatewayAndTheTokenWorksOnce() {
        String token;
        try (TestClient before = CLUSTER.connect(0, "reader", "viewer")) {
            before.subscribe(THREAD);
            produce(THREAD, 0, 3);
            await().until(() -> before.messages(THREAD).size() == 3);
            token = before.reconnectionToken().path("token").asText();
        }
        produce(THREAD, 3, 3 + MISSED);

        long connecting = System.nanoTime();
        try (TestClient after = TestClient.resume(CLUSTER.gatewayPort(1), token)) {
            JsonNode welcome = after.frames().get(0);
            assertThat(welcome.path("resumed").asBoolean()).isTrue();
            assertThat(welcome.path("user_id").asText()).isEqualTo("reader");
            JsonNode subscribed = after.awaitFrame(f -> isSubscribedTo(f, THREAD));
            assertThat(subscribed.path("recovered").asBoolean()).isTrue();
            after.awaitFrame(f -> isMessageOn(f, THREAD));
            long firstRecovered = System.nanoTime();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> after.messages(THREAD).size() >= MISSED);
            long drained = System.nanoTime();
            LOG.info(
                    "resume latency: first recovered message {} ms after connecting, {} missed drained in {} ms",
                    millis(firstRecovered - connecting),
                    MISSED,
                    millis(drained - connecting));

            produce(THREAD, 3 + MISSED, 3 + MISSED + 5);
            await().until(() -> after.messages(THREAD).size() == MISSED + 5);
            assertThat(after.messages(THREAD))
                    .extracting(m -> m.path("data").path("seq").asInt())
                    .containsExactlyElementsOf(
                            IntStream.range(3, 3 + MISSED + 5).boxed().toList());
        }
        assertThat(TestClient.refusedResumeStatus(CLUSTER.gatewayPort(0), token))
                .isEqualTo(401);
    }

    @Test
    void refusesTokensThatAreNotReconnectionTokens() {
        String jwt = SwitchboardCluster.token("reader", "viewer");
        assertThat(TestClient.refusedResumeStatus(CLUSTER.gatewayPort(0), jwt)).isEqualTo(401);
        assertThat(TestClient.refusedResumeStatus(CLUSTER.gatewayPort(0), "A".repeat(43)))
                .isEqualTo(401);
    }

    @Test
    void anOfflineUserGetsItsPersonalMessagesAtTheNextConnectAndNotWhatItAcknowledged() {
        String user = "offline-" + UUID.randomUUID().toString().substring(0, 8);
        String personal = "user:" + user;
        produce(personal, 0, 1);
        try (TestClient first = CLUSTER.connect(0, user, "viewer")) {
            JsonNode message = first.awaitFrame(f -> isMessageOn(f, personal));
            assertThat(message.path("data").path("seq").asInt()).isZero();
            first.ack(personal, message.path("offset").asLong());
            // the ack has no reply: a second personal message after it proves it was processed in order
            produce(personal, 1, 2);
            await().until(() -> first.messages(personal).size() == 2);
            first.ack(personal, first.messages(personal).get(1).path("offset").asLong());
        }
        produce(personal, 2, 4);

        // the same gateway: its producer keeps the last ack ahead of the next connect (one user, one partition)
        try (TestClient second = CLUSTER.connect(0, user, "viewer")) {
            await().until(() -> second.messages(personal).size() >= 2);
            assertThat(second.messages(personal))
                    .extracting(m -> m.path("data").path("seq").asInt())
                    .containsExactly(2, 3);
        }
    }

    private static void produce(String channel, int from, int to) {
        for (int seq = from; seq < to; seq++) {
            CLUSTER.produceEvent(channel, "{\"channel\":\"" + channel + "\",\"data\":{\"seq\":" + seq + "}}");
        }
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
