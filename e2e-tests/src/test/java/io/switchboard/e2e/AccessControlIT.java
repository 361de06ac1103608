package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 3's promise through real sockets, the real processor and the default policy: who may see and publish what,
 * and that a user's personal events reach that user alone, on every gateway.
 */
class AccessControlIT {
    @RegisterExtension
    static final SwitchboardCluster CLUSTER = new SwitchboardCluster(2);

    @Test
    void anAdminReceivesSignalsAndAViewerIsRefusedThem() {
        try (TestClient admin = CLUSTER.connect(0, "ada", "admin");
                TestClient viewer = CLUSTER.connect(0, "vic", "viewer")) {
            admin.subscribe("signals");
            JsonNode refused = viewer.trySubscribe("signals");
            assertThat(refused.path("type").asText()).isEqualTo("error");
            assertThat(refused.path("code").asText()).isEqualTo("permission_denied");
            assertThat(refused.path("channel").asText()).isEqualTo("signals");

            CLUSTER.produceEvent("signals", "{\"channel\":\"signals\",\"event\":\"alarm\",\"data\":{\"level\":3}}");
            viewer.subscribe("status");
            CLUSTER.produceEvent("status", "{\"channel\":\"status\",\"data\":\"after the signal\"}");

            assertThat(admin.awaitFrame(f -> isMessageOn(f, "signals"))
                            .path("data")
                            .path("level")
                            .asInt())
                    .isEqualTo(3);
            // status was produced after the signal on the same gateway: once it is here, a leaked signal would be too
            viewer.awaitFrame(f -> isMessageOn(f, "status"));
            assertThat(viewer.messages("signals")).isEmpty();
        }
    }

    @Test
    void refusesForgedAndExpiredTokensWith401() throws JOSEException {
        int port = CLUSTER.gatewayPort(0);
        String forged = sign(
                "another-secret-that-is-long-enough-0123456789", Instant.now().plusSeconds(600));
        String expired = sign(SwitchboardCluster.JWT_SECRET, Instant.now().minusSeconds(600));

        assertThat(TestClient.refusedStatus(port, forged)).isEqualTo(401);
        assertThat(TestClient.refusedStatus(port, expired)).isEqualTo(401);
        assertThat(TestClient.refusedStatus(port, "not.a.jwt")).isEqualTo(401);
    }

    @Test
    void aPersonalEventReachesEveryConnectionOfItsUserAndNoOneElse() {
        String alice = "alice-" + UUID.randomUUID();
        String channel = "user:" + alice;
        try (TestClient aliceHere = CLUSTER.connect(0, alice, "viewer");
                TestClient aliceThere = CLUSTER.connect(1, alice, "viewer");
                TestClient bob = CLUSTER.connect(0, "bob-" + UUID.randomUUID(), "admin")) {
            // every connection is subscribed to its own personal channel without asking
            aliceHere.awaitFrame(f -> isSubscribedTo(f, channel));
            aliceThere.awaitFrame(f -> isSubscribedTo(f, channel));
            assertThat(bob.trySubscribe(channel).path("code").asText()).isEqualTo("permission_denied");

            CLUSTER.produceEvent(channel, "{\"channel\":\"" + channel + "\",\"event\":\"dm\",\"data\":\"hi alice\"}");
            CLUSTER.produceEvent(
                    "book_requests", "{\"audience\":{\"users\":[\"" + alice + "\"]},\"data\":\"via audience\"}");

            await().untilAsserted(() -> {
                assertThat(aliceHere.messages(channel))
                        .extracting(m -> m.path("data").asText())
                        .containsExactly("hi alice", "via audience");
                assertThat(aliceThere.messages(channel))
                        .extracting(m -> m.path("data").asText())
                        .containsExactly("hi alice", "via audience");
            });
            assertThat(bob.frames())
                    .noneMatch(f -> f.path("channel").asText().equals(channel)
                            && f.path("type").asText().equals("message"));
        }
    }

    @Test
    void anAnonymousConnectionHasNoPersonalChannelAndOnlyTheAnonymousRights() {
        try (TestClient anonymous = TestClient.connect(CLUSTER.gatewayPort(0))) {
            assertThat(anonymous.frames().get(0).path("roles").get(0).asText()).isEqualTo("anonymous");
            anonymous.subscribe("metrics");
            assertThat(anonymous.trySubscribe("broadcasts").path("code").asText())
                    .isEqualTo("permission_denied");
            assertThat(anonymous.frames())
                    .noneMatch(f -> f.path("channel").asText().startsWith("user:"));
        }
    }

    @Test
    void aClientThatMayPublishGetsItsOffsetAndSubscribersReceiveTheMessage() {
        String thread = "forum_threads:" + UUID.randomUUID();
        try (TestClient developer = CLUSTER.connect(0, "dev-1", "developer");
                TestClient reader = CLUSTER.connect(1, "reader-1", "viewer")) {
            reader.subscribe(thread);

            JsonNode published = developer.publish(thread, "comment.created", "{\"text\":\"first\"}");

            assertThat(published.path("type").asText()).isEqualTo("published");
            assertThat(published.path("channel").asText()).isEqualTo(thread);
            JsonNode message = reader.awaitFrame(f -> isMessageOn(f, thread));
            assertThat(message.path("offset").asLong())
                    .isEqualTo(published.path("offset").asLong());
            assertThat(message.path("event").asText()).isEqualTo("comment.created");
            assertThat(message.path("data").path("text").asText()).isEqualTo("first");
        }
    }

    @Test
    void aClientThatMayNotPublishIsRefusedAndNothingIsDelivered() {
        try (TestClient viewer = CLUSTER.connect(0, "vic-2", "viewer");
                TestClient admin = CLUSTER.connect(0, "ada-2", "admin")) {
            admin.subscribe("signals");

            JsonNode refused = viewer.publish("signals", "spoof", "{\"level\":9}");
            JsonNode onPersonal = viewer.publish("user:ada-2", "spoof", "\"hello\"");
            JsonNode unknown = viewer.publish("no_such_family", "x", "1");

            assertThat(refused.path("code").asText()).isEqualTo("permission_denied");
            assertThat(onPersonal.path("code").asText()).isEqualTo("permission_denied");
            assertThat(unknown.path("code").asText()).isEqualTo("unknown_channel");
            CLUSTER.produceEvent("signals", "{\"channel\":\"signals\",\"data\":{\"level\":1}}");
            assertThat(admin.awaitFrame(f -> isMessageOn(f, "signals"))
                            .path("data")
                            .path("level")
                            .asInt())
                    .isEqualTo(1);
            assertThat(admin.messages("user:ada-2")).isEmpty();
        }
    }

    static boolean isMessageOn(JsonNode frame, String channel) {
        return frame.path("type").asText().equals("message")
                && frame.path("channel").asText().equals(channel);
    }

    static boolean isSubscribedTo(JsonNode frame, String channel) {
        return frame.path("type").asText().equals("subscribed")
                && frame.path("channel").asText().equals(channel);
    }

    private static String sign(String secret, Instant expiry) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject("mallory")
                .claim("roles", List.of("admin"))
                .issueTime(Date.from(expiry.minus(Duration.ofHours(1))))
                .expirationTime(Date.from(expiry))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
