package io.switchboard.gateway;

import static io.switchboard.gateway.auth.TestKeys.SECRET;
import static io.switchboard.gateway.auth.TestKeys.claims;
import static io.switchboard.gateway.auth.TestKeys.hs256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.PlainJWT;
import io.switchboard.gateway.auth.DevTokens;
import io.switchboard.gateway.auth.TestKeys;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.LimitsConfig;
import io.switchboard.kafka.embedded.EmbeddedKafkaExtension;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Connect;
import io.switchboard.schemas.avro.CredentialsRefreshed;
import io.switchboard.schemas.avro.Disconnect;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identity at the handshake through a running gateway on real sockets: the HTTP statuses of refused upgrades (403
 * for the Origin, 401 for credentials), the welcome of an accepted token, and a token's expiry (4001) and refresh.
 * The attacks in breadth are in JwtVerifierTest; here each kind is shown once through the socket.
 */
@Timeout(120)
class AuthenticationIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final AtomicInteger TOPIC_SETS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "https://app.example.com";

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private Topics topics;
    private ProcessorStandIn processor;

    @TempDir
    Path dir;

    @BeforeEach
    void createTopics() throws Exception {
        topics = new Topics("auth" + TOPIC_SETS.incrementAndGet());
        processor = track(new ProcessorStandIn(KAFKA.bootstrapServers(), topics, "metrics"));
    }

    @AfterEach
    void closeEverything() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }

    @Test
    void refusesMissingAndBadCredentialsWith401AndAGenericReason() throws Exception {
        int port = gateway(Map.of()).port();
        Instant now = Instant.now();
        String forged = hs256(
                "another-secret-0123456789abcdef-xyz", claims("alice", now).build());
        List<String> bad = List.of(
                forged,
                new PlainJWT(claims("alice", now).build()).serialize(),
                hs256(
                        SECRET,
                        claims("alice", now)
                                .expirationTime(Date.from(now.minusSeconds(600)))
                                .build()),
                hs256(
                        SECRET,
                        claims("alice", now)
                                .notBeforeTime(Date.from(now.plusSeconds(600)))
                                .build()),
                hs256(SECRET, claims("alice", now).expirationTime(null).build()),
                "not.a.jwt");

        for (String token : bad) {
            RawWebSocket.Answer viaHeader = RawWebSocket.answer(port, "", bearer(token));
            RawWebSocket.Answer viaQuery = RawWebSocket.answer(port, "?access_token=" + token, Map.of());
            assertThat(viaHeader).isEqualTo(new RawWebSocket.Answer(401, "invalid or expired token"));
            assertThat(viaQuery).isEqualTo(viaHeader);
        }
        assertThat(RawWebSocket.answer(port, "", Map.of()))
                .isEqualTo(new RawWebSocket.Answer(401, "credentials required"));
        assertThat(RawWebSocket.answer(port, "?resume=r-123", Map.of()))
                .isEqualTo(new RawWebSocket.Answer(401, "invalid reconnection token"));
    }

    @Test
    void welcomesAValidTokenFromTheHeaderOrTheQueryAsItsUser() throws Exception {
        int port = gateway(Map.of()).port();
        String token = DevTokens.mint(SECRET, "alice", List.of("admin"), Duration.ofHours(1));

        for (RawWebSocket alice : List.of(
                track(RawWebSocket.connect(port, 64 * 1024, "", bearer(token))),
                track(RawWebSocket.connect(port, 64 * 1024, "?access_token=" + token, Map.of())))) {
            JsonNode welcome = nextText(alice);
            assertThat(welcome.path("user_id").asText()).isEqualTo("alice");
            assertThat(welcome.path("roles").toString()).isEqualTo("[\"admin\"]");
            ConsumerRecord<String, ClientAction> connect =
                    processor.awaitAction(of(welcome.path("connection_id").asText(), Connect.class));
            assertThat(connect.key()).isEqualTo("alice");
            assertThat(connect.value().getRoles()).containsExactly("admin");
        }
    }

    @Test
    void refusesAnOriginThatOnlyLooksAllowedWith403BeforeLookingAtCredentials() throws Exception {
        int port = gateway(Map.of(GatewayConfig.AUTH_ALLOWED_ORIGINS, APP)).port();
        Map<String, String> valid = bearer(DevTokens.mint(SECRET, "alice", List.of("viewer"), Duration.ofHours(1)));

        for (String origin : List.of(
                "https://app.example.com.evil.test",
                "http://app.example.com",
                "https://app.example.com:8443",
                "null",
                "https://evil.test")) {
            assertThat(RawWebSocket.answer(port, "", with(valid, "Origin", origin)))
                    .as(origin)
                    .isEqualTo(new RawWebSocket.Answer(403, "origin not allowed"));
        }
        assertThat(RawWebSocket.answer(port, "", Map.of("Origin", "https://evil.test"))
                        .status())
                .as("the Origin is checked first")
                .isEqualTo(403);
        assertThat(RawWebSocket.answer(port, "", with(valid, "Origin", "https://APP.example.com:443"))
                        .status())
                .isEqualTo(101);
        assertThat(RawWebSocket.answer(port, "", valid).status())
                .as("no Origin: not a browser")
                .isEqualTo(101);
    }

    @Test
    void allowsOnlyTheGatewaysOwnOriginByDefault() throws Exception {
        int port = gateway(Map.of()).port();
        Map<String, String> valid = bearer(DevTokens.mint(SECRET, "alice", List.of("viewer"), Duration.ofHours(1)));

        assertThat(RawWebSocket.answer(port, "", with(valid, "Origin", "http://127.0.0.1:" + port))
                        .status())
                .isEqualTo(101);
        assertThat(RawWebSocket.answer(port, "", with(valid, "Origin", "http://localhost:" + port))
                        .status())
                .isEqualTo(403);
        assertThat(RawWebSocket.answer(port, "", with(valid, "Origin", "https://127.0.0.1:" + port))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void takesTheSchemeOfTheSameOriginCheckFromXForwardedProtoOfATrustedProxyOnly() throws Exception {
        Map<String, String> valid = bearer(DevTokens.mint(SECRET, "alice", List.of("viewer"), Duration.ofHours(1)));
        Map<String, String> behindTls =
                with(with(valid, "Origin", "https://app.example.com"), "X-Forwarded-Proto", "https");
        int trusting = gateway(Map.of(LimitsConfig.TRUSTED_PROXIES, "127.0.0.0/8, ::1"))
                .port();
        int untrusting = gateway(Map.of()).port();

        assertThat(RawWebSocket.answer(trusting, "", with(behindTls, "Host", "app.example.com"))
                        .status())
                .as("a load balancer that ended TLS")
                .isEqualTo(101);
        assertThat(RawWebSocket.answer(untrusting, "", with(behindTls, "Host", "app.example.com"))
                        .status())
                .as("the header of a peer that is not a trusted proxy")
                .isEqualTo(403);
        Map<String, String> notAScheme = with(behindTls, "X-Forwarded-Proto", "gopher");
        assertThat(RawWebSocket.answer(trusting, "", with(notAScheme, "Host", "app.example.com"))
                        .status())
                .as("not a scheme a proxy forwards")
                .isEqualTo(403);
    }

    @Test
    void refusesHmacSignedWithTheRsaPublicKeyAndNeverFetchesAJkuWith401() throws Exception {
        RSAKey rsa = TestKeys.rsa("rsa-1");
        Path pem = TestKeys.write(dir.resolve("rsa.pem"), TestKeys.pem(rsa));
        int port = gateway(Map.of(GatewayConfig.AUTH_JWT_PUBLIC_KEY_FILE, pem.toString()))
                .port();
        Instant now = Instant.now();
        String confused = TestKeys.sign(
                TestKeys.header(JWSAlgorithm.HS256, "rsa-1").build(),
                claims("alice", now).build(),
                TestKeys.mac(TestKeys.pem(rsa).getBytes(StandardCharsets.US_ASCII)));

        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            listener.configureBlocking(false);
            RSAKey attacker = TestKeys.rsa("attacker");
            String lured = TestKeys.sign(
                    TestKeys.header(JWSAlgorithm.RS256, "attacker")
                            .jwkURL(URI.create(
                                    "http://127.0.0.1:" + listener.socket().getLocalPort() + "/jwks"))
                            .build(),
                    claims("alice", now).build(),
                    TestKeys.rsaSigner(attacker));

            assertThat(RawWebSocket.answer(port, "", bearer(confused)).status()).isEqualTo(401);
            assertThat(RawWebSocket.answer(port, "", bearer(lured)).status()).isEqualTo(401);
            assertThat(listener.accept()).as("a connection to the jku listener").isNull();
        }
        assertThat(RawWebSocket.answer(
                                port,
                                "",
                                bearer(TestKeys.rs256(rsa, claims("alice", now).build())))
                        .status())
                .isEqualTo(101);
    }

    @Test
    void closesWith4001WhenTheTokenExpiresAndARefreshForAnotherUserDoesNotPreventIt() throws Exception {
        int port =
                gateway(Map.of(GatewayConfig.AUTH_JWT_CLOCK_SKEW_SECONDS, "0")).port();
        String shortLived = DevTokens.mint(SECRET, "alice", List.of("viewer"), Duration.ofSeconds(3));
        RawWebSocket alice = track(RawWebSocket.connect(port, 64 * 1024, "", bearer(shortLived)));
        String connectionId = nextText(alice).path("connection_id").asText();

        refresh(alice, DevTokens.mint(SECRET, "bob", List.of("admin"), Duration.ofHours(1)));
        JsonNode refused = nextText(alice);
        assertThat(refused.path("code").asText()).isEqualTo("token_invalid");
        assertThat(refused.path("id").asText()).isEqualTo("r");

        assertThat(alice.readUntilClose(frame -> {}).closeCode()).isEqualTo(4001);
        alice.sendClose(4001);
        ConsumerRecord<String, ClientAction> disconnect = processor.awaitAction(of(connectionId, Disconnect.class));
        assertThat(((Disconnect) disconnect.value().getAction()).getCloseCode()).isEqualTo(4001);
    }

    @Test
    void aRefreshBeforeExpiryKeepsTheConnectionOpenWithTheNewRoles() throws Exception {
        int port =
                gateway(Map.of(GatewayConfig.AUTH_JWT_CLOCK_SKEW_SECONDS, "0")).port();
        String shortLived = DevTokens.mint(SECRET, "alice", List.of("viewer"), Duration.ofSeconds(3));
        Instant firstExpiry = Instant.now().plusSeconds(3);
        RawWebSocket alice = track(RawWebSocket.connect(port, 64 * 1024, "", bearer(shortLived)));
        String connectionId = nextText(alice).path("connection_id").asText();

        refresh(alice, DevTokens.mint(SECRET, "alice", List.of("admin"), Duration.ofHours(1)));
        JsonNode refreshed = nextText(alice);
        assertThat(refreshed.path("type").asText()).isEqualTo("refreshed");
        assertThat(refreshed.path("id").asText()).isEqualTo("r");
        assertThat(Instant.ofEpochMilli(refreshed.path("expires_at").asLong()))
                .isAfter(Instant.now().plus(Duration.ofMinutes(59)));
        ConsumerRecord<String, ClientAction> action =
                processor.awaitAction(of(connectionId, CredentialsRefreshed.class));
        assertThat(action.value().getRoles()).containsExactly("admin");

        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(firstExpiry.plusSeconds(1)));
        send(alice, "{\"type\":\"ping\",\"id\":\"still-open\"}");
        JsonNode pong = nextText(alice);
        assertThat(pong.path("type").asText()).as("no 4001 came first").isEqualTo("pong");
        assertThat(pong.path("id").asText()).isEqualTo("still-open");
    }

    @Test
    void answersARefreshOnAnAnonymousConnectionWithUnauthorized() throws Exception {
        int port = gateway(Map.of(GatewayConfig.AUTH_ANONYMOUS, "true")).port();
        RawWebSocket anonymous = track(RawWebSocket.connect(port, 64 * 1024));
        assertThat(nextText(anonymous).path("roles").toString()).isEqualTo("[\"anonymous\"]");

        refresh(anonymous, DevTokens.mint(SECRET, "alice", List.of("admin"), Duration.ofHours(1)));

        assertThat(nextText(anonymous).path("code").asText()).isEqualTo("unauthorized");
    }

    /** A gateway that needs tokens signed with {@link TestKeys#SECRET} unless {@code keys} says otherwise. */
    private SwitchboardGateway gateway(Map<String, String> keys) {
        Map<String, String> values = new HashMap<>();
        values.put(GatewayConfig.AUTH_ANONYMOUS, "false");
        if (!keys.containsKey(GatewayConfig.AUTH_JWT_PUBLIC_KEY_FILE)) {
            values.put(GatewayConfig.AUTH_JWT_SECRET, SECRET);
        }
        values.putAll(keys);
        values.put(GatewayConfig.TOPIC_PREFIX, topics.prefix());
        GatewayConfig config = GatewayConfig.forTests(KAFKA.bootstrapServers(), values);
        return track(SwitchboardGateway.start(config));
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> all = new HashMap<>(headers);
        all.put(name, value);
        return all;
    }

    /** Sends {@code refresh} with request id {@code r}. */
    private static void refresh(RawWebSocket socket, String token) throws IOException {
        send(socket, "{\"type\":\"refresh\",\"id\":\"r\",\"token\":\"" + token + "\"}");
    }

    private static void send(RawWebSocket socket, String json) throws IOException {
        socket.sendText(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The next text frame as JSON, skipping pings. */
    private static JsonNode nextText(RawWebSocket socket) throws IOException {
        while (true) {
            RawWebSocket.Frame frame = socket.readFrame();
            if (frame.opcode() == RawWebSocket.TEXT) {
                return JSON.readTree(frame.text());
            }
            assertThat(frame.opcode()).as("a frame before the expected text").isNotEqualTo(RawWebSocket.CLOSE);
        }
    }

    private static java.util.function.Predicate<ClientAction> of(String connectionId, Class<?> actionType) {
        return action -> action.getConnectionId().equals(connectionId) && actionType.isInstance(action.getAction());
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.push(resource);
        return resource;
    }
}
