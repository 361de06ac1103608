package io.switchboard.gateway;

import static io.switchboard.gateway.auth.TestKeys.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.gateway.auth.DevTokens;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.LimitsConfig;
import io.switchboard.kafka.embedded.EmbeddedKafkaExtension;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Disconnect;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.Subscribe;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rate limits and connection limits through a running gateway on real sockets: a flooding client is refused with
 * {@code rate_limited} and then closed with 4008 while its neighbour is served; a user's connections share buckets;
 * handshakes beyond an address's bucket and connections beyond a cap get 429; {@code X-Forwarded-For} counts only
 * from a trusted proxy.
 */
@Timeout(120)
class LimitsIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final AtomicInteger TOPIC_SETS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A rate so slow that no token comes back during a test. */
    private static final String NEVER = "0.001";

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private Topics topics;
    private ProcessorStandIn processor;

    @BeforeEach
    void createTopics() throws Exception {
        topics = new Topics("limits" + TOPIC_SETS.incrementAndGet());
        processor = track(new ProcessorStandIn(KAFKA.bootstrapServers(), topics, "metrics", "status"));
    }

    @AfterEach
    void closeEverything() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }

    @Test
    void aFlooderThatReadsOnlyAfterwardsStillGetsItsRateLimitedRepliesBeforeThe4008Close() throws Exception {
        SwitchboardGateway gateway = gateway(Map.of());
        RawWebSocket flooder = track(RawWebSocket.connect(gateway.port(), 256 * 1024));
        flooder.readFrame(); // welcome

        for (int i = 0; i < 300; i++) {
            send(flooder, "{\"type\":\"subscribe\",\"id\":\"f" + i + "\",\"channel\":\"status\"}");
        }
        List<String> before = new ArrayList<>();
        RawWebSocket.Frame close = flooder.readUntilClose(frame -> before.add(frame.text()));

        assertThat(close.closeCode()).isEqualTo(4008);
        assertThat(before).as("the replies queued before the close").anySatisfy(text -> assertThat(
                        JSON.readTree(text).path("code").asText())
                .isEqualTo("rate_limited"));
    }

    @Test
    void aFloodingClientGetsRateLimitedThenIsClosedWith4008WhileItsNeighbourIsServed() throws Exception {
        SwitchboardGateway gateway = gateway(Map.of()); // the default message limits
        WsTestClient neighbour = track(WsTestClient.welcomed(gateway));
        subscribeGranted(gateway, neighbour, "metrics", "n1");
        RawWebSocket flooder = track(RawWebSocket.connect(gateway.port(), 256 * 1024));
        String flooderId =
                JSON.readTree(flooder.readFrame().text()).path("connection_id").asText();

        for (int i = 0; i < 40; i++) { // the bucket holds 30
            send(flooder, "{\"type\":\"subscribe\",\"id\":\"f" + i + "\",\"channel\":\"status\"}");
        }
        JsonNode refused = nextText(flooder);
        assertThat(refused.path("type").asText()).isEqualTo("error");
        assertThat(refused.path("code").asText()).isEqualTo("rate_limited");
        assertThat(refused.path("id").asText()).startsWith("f");
        assertThat(refused.path("retry_after_ms").asLong()).isBetween(1L, 1000L);
        for (int i = 40; i < 1000; i++) {
            send(flooder, "{\"type\":\"subscribe\",\"id\":\"f" + i + "\",\"channel\":\"status\"}");
        }
        assertThat(flooder.readUntilClose(frame -> {}).closeCode()).isEqualTo(4008);
        flooder.sendClose(4008);
        ConsumerRecord<String, ClientAction> disconnect = processor.awaitAction(of(flooderId, Disconnect.class));
        assertThat(((Disconnect) disconnect.value().getAction()).getCloseCode()).isEqualTo(4008);

        subscribeGranted(gateway, neighbour, "status", "n2");
        processor.deliver("metrics", "tick", "{\"n\":1}");
        processor.deliver("status", "up", "{\"ok\":true}");
        // two channels: their relative order is not defined (one fetch may bring both)
        List<JsonNode> served = List.of(neighbour.next(), neighbour.next());
        assertThat(served)
                .extracting(message -> message.path("channel").asText() + " " + message.path("data"))
                .containsExactlyInAnyOrder("metrics {\"n\":1}", "status {\"ok\":true}");
    }

    @Test
    void allConnectionsOfAUserDrawFromTheSameBucketsAndReconnectingDoesNotRefillThem() throws Exception {
        SwitchboardGateway gateway = gateway(Map.of(
                LimitsConfig.PING_BURST, "2",
                LimitsConfig.PING_PER_SECOND, NEVER,
                GatewayConfig.AUTH_JWT_SECRET, SECRET));
        RawWebSocket first = track(connectAs(gateway, "alice"));
        RawWebSocket second = track(connectAs(gateway, "alice"));
        RawWebSocket bob = track(connectAs(gateway, "bob"));

        assertThat(ping(first, "p1").path("type").asText()).isEqualTo("pong");
        assertThat(ping(second, "p2").path("type").asText()).isEqualTo("pong");
        JsonNode refused = ping(second, "p3");
        assertThat(refused.path("code").asText()).isEqualTo("rate_limited");
        assertThat(refused.path("id").asText()).isEqualTo("p3");
        assertThat(refused.path("retry_after_ms").asLong()).isGreaterThan(1000);
        assertThat(ping(bob, "p4").path("type").asText()).isEqualTo("pong");

        first.close();
        second.close();
        RawWebSocket third = track(connectAs(gateway, "alice"));
        assertThat(ping(third, "p5").path("code").asText()).isEqualTo("rate_limited");
    }

    @Test
    void binaryFramesDrawFromThePublishBucket() throws Exception {
        SwitchboardGateway gateway =
                gateway(Map.of(LimitsConfig.OTHER_BURST, "1", LimitsConfig.OTHER_PER_SECOND, NEVER));
        RawWebSocket client = track(RawWebSocket.connect(gateway.port(), 64 * 1024));
        client.readFrame(); // welcome

        byte[] notAFrame = {1, 2, 3};
        client.startFrame(RawWebSocket.BINARY, notAFrame.length).write(notAFrame);
        assertThat(nextText(client).path("code").asText())
                .as("the binary frame itself")
                .isNotEqualTo("rate_limited");
        send(client, "{\"type\":\"publish\",\"id\":\"p\",\"channel\":\"metrics\",\"data\":1}");

        JsonNode refused = nextText(client);
        assertThat(refused.path("code").asText()).isEqualTo("rate_limited");
        assertThat(refused.path("id").asText()).isEqualTo("p");
    }

    @Test
    void refusesHandshakesBeyondTheAddressBucketWith429AndRetryAfter() throws Exception {
        SwitchboardGateway gateway =
                gateway(Map.of(LimitsConfig.HANDSHAKES_BURST, "2", LimitsConfig.HANDSHAKES_PER_SECOND, "0.1"));

        assertThat(upgrade(gateway.port(), Map.of()).status()).isEqualTo(101);
        assertThat(upgrade(gateway.port(), Map.of()).status()).isEqualTo(101);
        HttpAnswer refused = upgrade(gateway.port(), Map.of());

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).isEqualTo("too many connection attempts from 127.0.0.1");
        assertThat(refused.header("retry-after")).isEqualTo("10");
    }

    @Test
    void refusesAUserBeyondItsConnectionCapWith429UntilOneOfItsConnectionsCloses() throws Exception {
        SwitchboardGateway gateway =
                gateway(Map.of(LimitsConfig.CONNECTIONS_PER_USER, "2", GatewayConfig.AUTH_JWT_SECRET, SECRET));
        RawWebSocket first = track(connectAs(gateway, "alice"));
        track(connectAs(gateway, "alice"));

        assertThat(RawWebSocket.answer(gateway.port(), "", bearer("alice")))
                .isEqualTo(new RawWebSocket.Answer(429, "too many connections for this user"));
        assertThat(RawWebSocket.answer(gateway.port(), "", bearer("bob")).status())
                .isEqualTo(101);

        first.sendClose(1000);
        first.readUntilClose(frame -> {});
        first.close();
        RawWebSocket again = await().atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(() -> connectAs(gateway, "alice"), socket -> socket != null);
        track(again);
        assertThat(RawWebSocket.answer(gateway.port(), "", bearer("alice")).status())
                .as("the closed connection gave its place back once")
                .isEqualTo(429);
    }

    @Test
    void refusesConnectionsBeyondTheGatewayCapWith429() throws Exception {
        SwitchboardGateway gateway = gateway(Map.of(LimitsConfig.CONNECTIONS_MAX, "2"));
        track(RawWebSocket.connect(gateway.port(), 64 * 1024));
        track(RawWebSocket.connect(gateway.port(), 64 * 1024));

        assertThat(RawWebSocket.answer(gateway.port(), "", Map.of()))
                .isEqualTo(new RawWebSocket.Answer(429, "too many connections on this gateway"));
    }

    @Test
    void ignoresXForwardedForFromAPeerThatIsNotATrustedProxy() throws Exception {
        SwitchboardGateway gateway =
                gateway(Map.of(LimitsConfig.HANDSHAKES_BURST, "1", LimitsConfig.HANDSHAKES_PER_SECOND, NEVER));

        assertThat(upgrade(gateway.port(), forwardedFor("198.51.100.1")).status())
                .isEqualTo(101);
        HttpAnswer refused = upgrade(gateway.port(), forwardedFor("198.51.100.2"));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).isEqualTo("too many connection attempts from 127.0.0.1");
    }

    @Test
    void honoursXForwardedForFromATrustedProxy() throws Exception {
        SwitchboardGateway gateway = gateway(Map.of(
                LimitsConfig.HANDSHAKES_BURST, "1",
                LimitsConfig.HANDSHAKES_PER_SECOND, NEVER,
                LimitsConfig.TRUSTED_PROXIES, "127.0.0.0/8, ::1"));

        assertThat(upgrade(gateway.port(), forwardedFor("198.51.100.1")).status())
                .isEqualTo(101);
        assertThat(upgrade(gateway.port(), forwardedFor("198.51.100.1")).body())
                .isEqualTo("too many connection attempts from 198.51.100.1");
        assertThat(upgrade(gateway.port(), forwardedFor("198.51.100.2")).status())
                .isEqualTo(101);
        assertThat(upgrade(gateway.port(), forwardedFor("203.0.113.9, 198.51.100.3, 127.0.0.5"))
                        .status())
                .isEqualTo(101);
        assertThat(upgrade(gateway.port(), forwardedFor("198.51.100.3")).body())
                .as("the right-most address that is not a trusted proxy was the client")
                .isEqualTo("too many connection attempts from 198.51.100.3");
        assertThat(upgrade(gateway.port(), Map.of()).status())
                .as("the proxy's own requests")
                .isEqualTo(101);
    }

    private SwitchboardGateway gateway(Map<String, String> keys) {
        Map<String, String> values = new HashMap<>(keys);
        values.put(GatewayConfig.TOPIC_PREFIX, topics.prefix());
        GatewayConfig config = GatewayConfig.forTests(KAFKA.bootstrapServers(), values);
        return track(SwitchboardGateway.start(config));
    }

    private void subscribeGranted(SwitchboardGateway gateway, WsTestClient client, String channel, String id)
            throws Exception {
        client.send("{\"type\":\"subscribe\",\"id\":\"" + id + "\",\"channel\":\"" + channel + "\"}");
        processor.awaitAction(action -> action.getConnectionId().equals(client.connectionId)
                && id.equals(action.getRequestId())
                && action.getAction() instanceof Subscribe);
        processor.reply(gateway.gatewayId(), client.connectionId, id, new Granted(channel, null));
        JsonNode subscribed = client.next();
        assertThat(subscribed.path("type").asText()).isEqualTo("subscribed");
        assertThat(subscribed.path("id").asText()).isEqualTo(id);
    }

    private static RawWebSocket connectAs(SwitchboardGateway gateway, String user) throws IOException {
        RawWebSocket socket = RawWebSocket.connect(gateway.port(), 64 * 1024, "", bearer(user));
        assertThat(nextText(socket).path("user_id").asText()).isEqualTo(user);
        return socket;
    }

    private static Map<String, String> bearer(String user) {
        return Map.of(
                "Authorization", "Bearer " + DevTokens.mint(SECRET, user, List.of("viewer"), Duration.ofHours(1)));
    }

    private static Map<String, String> forwardedFor(String value) {
        return Map.of("X-Forwarded-For", value);
    }

    private static JsonNode ping(RawWebSocket socket, String id) throws IOException {
        send(socket, "{\"type\":\"ping\",\"id\":\"" + id + "\"}");
        return nextText(socket);
    }

    private static void send(RawWebSocket socket, String json) throws IOException {
        socket.sendText(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The next text frame as JSON, skipping pings. */
    private static JsonNode nextText(RawWebSocket socket) throws IOException {
        while (true) {
            RawWebSocket.Frame frame = socket.readFrame();
            if (frame.opcode() == RawWebSocket.TEXT) {
                return json(frame);
            }
        }
    }

    private static JsonNode json(RawWebSocket.Frame frame) {
        try {
            return JSON.readTree(frame.text());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Predicate<ClientAction> of(String connectionId, Class<?> actionType) {
        return action -> action.getConnectionId().equals(connectionId) && actionType.isInstance(action.getAction());
    }

    /**
     * Sends an upgrade request with these extra headers on a fresh socket and reads the status, the headers and the
     * body of a refusal; then closes the socket.
     */
    private static HttpAnswer upgrade(int port, Map<String, String> headers) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(15_000);
            StringBuilder request = new StringBuilder("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
            headers.forEach((name, value) ->
                    request.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return HttpAnswer.read(socket.getInputStream());
        }
    }

    private record HttpAnswer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }

        static HttpAnswer read(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed in the response head: " + head);
                }
                head.append((char) b);
            }
            String[] lines = head.toString().split("\r\n");
            int status = Integer.parseInt(lines[0].substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            if (status == 101) {
                return new HttpAnswer(status, headers, "");
            }
            byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            return new HttpAnswer(status, headers, new String(body, StandardCharsets.UTF_8));
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.push(resource);
        return resource;
    }
}
