package io.switchboard.gateway;

import static io.switchboard.gateway.auth.TestKeys.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.gateway.auth.DevTokens;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.kafka.embedded.EmbeddedKafkaExtension;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.ChannelPosition;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Connect;
import io.switchboard.schemas.avro.Disconnect;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.IssueReconnectionToken;
import io.switchboard.schemas.avro.Position;
import io.switchboard.schemas.avro.ReconnectionToken;
import io.switchboard.schemas.avro.Refused;
import io.switchboard.schemas.avro.Resume;
import io.switchboard.schemas.avro.Resumed;
import io.switchboard.schemas.avro.Subscribe;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reconnection tokens through two real gateways on the real broker: the processor's part (issuing the token, deciding
 * a resume, granting the restored channels) is played by {@link ProcessorStandIn}, so what is checked here is the
 * gateways' half of the contract: the actions they write (positions, keys, order) and what the client sees (the
 * token, the HTTP statuses, welcome resumed, subscribed recovered, exactly the missed messages, then live).
 */
@Timeout(120)
class ReconnectionIT {
    private static final String CHANNEL = "forum_threads:42";

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final AtomicInteger TOPIC_SETS = new AtomicInteger();

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private Topics topics;
    private ProcessorStandIn processor;
    private SwitchboardGateway first;
    private SwitchboardGateway second;
    private String epoch;

    @BeforeEach
    void start() throws Exception {
        topics = new Topics("recon" + TOPIC_SETS.incrementAndGet());
        processor = track(new ProcessorStandIn(KAFKA.bootstrapServers(), topics, "forum_threads", "user"));
        first = gateway(Duration.ofSeconds(10));
        second = gateway(Duration.ofSeconds(10));
        epoch = processor.epoch("forum_threads", ProcessorStandIn.partitionOf(CHANNEL));
    }

    @AfterEach
    void closeEverything() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }

    @Test
    void resumesOnAnotherGatewayWithExactlyTheMissedMessagesThenLiveAndOnlyOnce() throws Exception {
        String jwt = DevTokens.mint(SECRET, "alice", List.of("viewer"), Duration.ofHours(1));
        WsTestClient alice = track(WsTestClient.connect(first.port(), "?access_token=" + jwt));
        alice.connectionId = alice.next().path("connection_id").asText();
        List<Long> offsets = subscribeAndReceive(alice, 3);

        alice.send("{\"type\":\"get_reconnection_token\",\"id\":\"t\"}");
        ConsumerRecord<String, ClientAction> issue =
                processor.awaitAction(of(alice.connectionId, IssueReconnectionToken.class));
        IssueReconnectionToken request = (IssueReconnectionToken) issue.value().getAction();
        ChannelPosition lastDelivered = new ChannelPosition(CHANNEL, offsets.get(2), epoch, false);
        assertThat(issue.key()).isEqualTo("alice");
        assertThat(request.getDelivered()).containsExactly(lastDelivered);
        assertThat(request.getCredentialsExpireAt()).isAfter(Instant.now());
        String token = issued();
        Instant tokenExpiry = Instant.ofEpochMilli(1763800300123L);
        processor.reply(first.gatewayId(), alice.connectionId, "t", new ReconnectionToken(token, tokenExpiry));
        assertThat(alice.next().toString())
                .isEqualTo("{\"type\":\"reconnection_token\",\"id\":\"t\",\"token\":\"" + token
                        + "\",\"expires_at\":1763800300123}");

        alice.close();
        Disconnect disconnect = (Disconnect) processor
                .awaitAction(of(alice.connectionId, Disconnect.class))
                .value()
                .getAction();
        assertThat(disconnect.getDelivered()).containsExactly(lastDelivered);
        List<Long> missed = deliver(3, 8);

        CompletableFuture<WsTestClient> resuming = connectAsync(second.port(), "?resume=" + token);
        ConsumerRecord<String, ClientAction> resume =
                processor.awaitAction(action -> action.getAction() instanceof Resume);
        String resumedId = resume.value().getConnectionId();
        assertThat(resume.key()).isEqualTo(sha256Hex(token));
        assertThat(resume.value().getAction()).isEqualTo(new Resume(sha256Hex(token)));
        assertThat(resume.value().getGatewayId()).isEqualTo(second.gatewayId());
        assertThat(resumedId).isNotEqualTo(alice.connectionId).startsWith("c-");
        Position personalSince = new Position(5L, "U:0");
        processor.reply(
                second.gatewayId(),
                resumedId,
                null,
                new Resumed(
                        "alice",
                        List.of("viewer"),
                        request.getCredentialsExpireAt(),
                        List.of(lastDelivered, new ChannelPosition("user:alice", 5L, "U:0", false))));

        WsTestClient again = track(resuming.get(20, TimeUnit.SECONDS));
        JsonNode welcome = again.next();
        assertThat(welcome.path("resumed").asBoolean(false)).isTrue();
        assertThat(welcome.path("connection_id").asText()).isEqualTo(resumedId);
        assertThat(welcome.path("user_id").asText()).isEqualTo("alice");
        assertThat(welcome.path("roles").toString()).isEqualTo("[\"viewer\"]");
        Connect connect = (Connect)
                processor.awaitAction(of(resumedId, Connect.class)).value().getAction();
        assertThat(connect.getPersonalSince()).isEqualTo(personalSince);
        ConsumerRecord<String, ClientAction> subscribe = processor.awaitAction(of(resumedId, Subscribe.class));
        assertThat(subscribe.key()).isEqualTo("alice");
        assertThat(subscribe.value().getRequestId()).isNull();
        assertThat(subscribe.value().getAction())
                .isEqualTo(new Subscribe(CHANNEL, new Position(offsets.get(2), epoch)));
        assertThat(subscribe.offset())
                .as("after the Connect, in the same partition")
                .isGreaterThan(
                        processor.awaitAction(of(resumedId, Connect.class)).offset());

        processor.reply(second.gatewayId(), resumedId, null, new Granted(CHANNEL, new Position(offsets.get(2), epoch)));
        JsonNode subscribed = again.next();
        assertThat(subscribed.path("type").asText()).isEqualTo("subscribed");
        assertThat(subscribed.path("recovered").asBoolean(false)).isTrue();
        assertReceives(again, 3, missed);
        List<Long> live = deliver(8, 9);
        assertReceives(again, 8, live);
        again.send("{\"type\":\"ping\",\"id\":\"nothing-else\"}");
        assertThat(again.next().path("id").asText())
                .as("no duplicate and nothing else before the pong")
                .isEqualTo("nothing-else");

        CompletableFuture<RawWebSocket.Answer> reuse = answerAsync(second.port(), "?resume=" + token);
        ConsumerRecord<String, ClientAction> secondUse =
                processor.awaitAction(action -> action.getAction() instanceof Resume
                        && !action.getConnectionId().equals(resumedId));
        processor.reply(
                second.gatewayId(),
                secondUse.value().getConnectionId(),
                null,
                new Refused("", "token_invalid", "the reconnection token is unknown, expired or already used"));
        assertThat(reuse.get(20, TimeUnit.SECONDS))
                .isEqualTo(new RawWebSocket.Answer(401, "invalid reconnection token"));
    }

    @Test
    void refusesMalformedTokensAndJwtsAsResumeAtOnceAndAReconnectionTokenAsAccessToken() throws Exception {
        String jwt = DevTokens.mint(SECRET, "alice", List.of("viewer"), Duration.ofHours(1));
        String token = issued();

        for (String notAToken : List.of("garbage", jwt, token + "A", token.substring(1) + "=")) {
            assertThat(RawWebSocket.answer(first.port(), "?resume=" + notAToken, Map.of()))
                    .as(notAToken)
                    .isEqualTo(new RawWebSocket.Answer(401, "invalid reconnection token"));
        }
        assertThat(RawWebSocket.answer(first.port(), "", Map.of("Authorization", "Bearer " + token)))
                .isEqualTo(new RawWebSocket.Answer(401, "invalid or expired token"));
        assertThat(RawWebSocket.answer(first.port(), "?access_token=" + token, Map.of()))
                .isEqualTo(new RawWebSocket.Answer(401, "invalid or expired token"));
    }

    @Test
    void refusesAResumeThatGetsNoAnswerInTimeWith503() throws Exception {
        SwitchboardGateway impatient = gateway(Duration.ofMillis(300));

        RawWebSocket.Answer answer = RawWebSocket.answer(impatient.port(), "?resume=" + issued(), Map.of());

        assertThat(answer).isEqualTo(new RawWebSocket.Answer(503, "the session could not be resumed in time"));
        processor.awaitAction(action ->
                action.getAction() instanceof Resume && action.getGatewayId().equals(impatient.gatewayId()));
    }

    /** Subscribes the client to CHANNEL (granted live) and delivers {@code count} messages to it; their offsets. */
    private List<Long> subscribeAndReceive(WsTestClient client, int count) throws Exception {
        client.send("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"" + CHANNEL + "\"}");
        processor.awaitAction(of(client.connectionId, Subscribe.class));
        processor.reply(first.gatewayId(), client.connectionId, "s", new Granted(CHANNEL, null));
        assertThat(client.next().path("type").asText()).isEqualTo("subscribed");
        List<Long> offsets = deliver(0, count);
        assertReceives(client, 0, offsets);
        // the pong leaves in a later batch than the messages, so they count as written once it arrives
        client.send("{\"type\":\"ping\",\"id\":\"p\"}");
        assertThat(client.next().path("id").asText()).isEqualTo("p");
        return offsets;
    }

    private List<Long> deliver(int from, int to) throws Exception {
        List<Long> offsets = new ArrayList<>();
        for (int seq = from; seq < to; seq++) {
            offsets.add(
                    processor.deliver(CHANNEL, "seq", "{\"seq\":" + seq + "}").offset());
        }
        return offsets;
    }

    private static void assertReceives(WsTestClient client, int firstSeq, List<Long> offsets) throws Exception {
        for (int i = 0; i < offsets.size(); i++) {
            JsonNode message = client.next();
            assertThat(message.path("type").asText()).isEqualTo("message");
            assertThat(message.path("data").path("seq").asInt()).isEqualTo(firstSeq + i);
            assertThat(message.path("offset").asLong()).isEqualTo(offsets.get(i));
        }
    }

    /** A token of the form the processor issues: 32 random bytes, unpadded base64url. */
    private static String issued() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static CompletableFuture<WsTestClient> connectAsync(int port, String query) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return WsTestClient.connect(port, query);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static CompletableFuture<RawWebSocket.Answer> answerAsync(int port, String query) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return RawWebSocket.answer(port, query, Map.of());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private SwitchboardGateway gateway(Duration resumeTimeout) {
        GatewayConfig config = GatewayConfig.forTests(
                KAFKA.bootstrapServers(),
                Map.of(
                        GatewayConfig.TOPIC_PREFIX,
                        topics.prefix(),
                        GatewayConfig.AUTH_ANONYMOUS,
                        "false",
                        GatewayConfig.AUTH_JWT_SECRET,
                        SECRET,
                        GatewayConfig.RESUME_TIMEOUT_MS,
                        Long.toString(resumeTimeout.toMillis())));
        return track(SwitchboardGateway.start(config));
    }

    /** What the processor is sent instead of the token: its SHA-256 in lowercase hex. */
    private static String sha256Hex(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Predicate<ClientAction> of(String connectionId, Class<?> actionType) {
        return action -> action.getConnectionId().equals(connectionId) && actionType.isInstance(action.getAction());
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.push(resource);
        return resource;
    }
}
