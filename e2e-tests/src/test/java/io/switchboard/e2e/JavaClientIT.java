package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.switchboard.client.ConnectionListener;
import io.switchboard.client.Message;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.client.SwitchboardException;
import io.switchboard.gateway.SwitchboardGateway;
import io.switchboard.gateway.auth.DevTokens;
import io.switchboard.gateway.config.GatewayConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Java client library (clients/java) against a real broker, processor and gateways: delivery, a gateway replaced
 * on the same port mid-stream (every event once, in order), a gzip COMPRESSED_JSON delivery inflated, and a JWT
 * refreshed before it expires.
 */
class JavaClientIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final SwitchboardCluster CLUSTER = new SwitchboardCluster(1);

    @Test
    void anEventProducedToKafkaArrivesAsAMessage() throws Exception {
        String thread = "forum_threads:" + UUID.randomUUID();
        List<Message> received = new CopyOnWriteArrayList<>();
        try (SwitchboardClient client = client(CLUSTER.gatewayPort(0), SwitchboardCluster.token("reader", "viewer"))) {
            var subscribed = client.subscribe(thread, received::add).get();
            assertThat(subscribed.path("type").asText()).isEqualTo("subscribed");

            CLUSTER.produceEvent(
                    thread,
                    "{\"channel\":\"" + thread + "\",\"event\":\"comment.created\",\"data\":{\"text\":\"hi\"}}");

            await().atMost(TIMEOUT).until(() -> !received.isEmpty());
            Message message = received.get(0);
            assertThat(message.channel()).isEqualTo(thread);
            assertThat(message.event()).isEqualTo("comment.created");
            assertThat(message.data()).isEqualTo(JSON.readTree("{\"text\":\"hi\"}"));
            assertThat(message.kind()).isEqualTo(Message.Kind.TEXT);
            assertThat(message.epoch()).isNotBlank();
            assertThat(message.ts()).isPositive();
            assertThat(message.replayed()).isFalse();
        }
    }

    @Test
    void aGatewayReplacedOnTheSamePortMidStreamCostsNoEventAndRepeatsNone() throws Exception {
        int events = 400;
        String thread = "forum_threads:" + UUID.randomUUID();
        List<Integer> seqs = new CopyOnWriteArrayList<>();
        List<Integer> closes = new CopyOnWriteArrayList<>();
        AtomicInteger opens = new AtomicInteger();
        Started first = startGateway(Map.of());
        SwitchboardGateway second = null;
        try (SwitchboardClient client = SwitchboardClient.builder(url(first.port()))
                .token(() -> SwitchboardCluster.token("mover", "viewer"))
                .reconnectDelays(Duration.ofMillis(100), Duration.ofSeconds(1))
                .connectionListener(new ConnectionListener() {
                    @Override
                    public void onOpen(com.fasterxml.jackson.databind.JsonNode welcome) {
                        opens.incrementAndGet();
                    }

                    @Override
                    public void onClose(int code, String reason) {
                        closes.add(code);
                    }
                })
                .build()) {
            client.subscribe(thread, m -> seqs.add(m.data().path("seq").asInt()))
                    .get();
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> IntStream.range(0, events)
                    .forEach(seq -> CLUSTER.produceEvent(
                            thread, "{\"channel\":\"" + thread + "\",\"data\":{\"seq\":" + seq + "}}")));
            await().atMost(TIMEOUT).until(() -> seqs.size() >= events / 4);

            first.gateway().close();
            await().atMost(TIMEOUT).until(() -> closes.contains(1001));
            // the same settings, port included; a new gateway id, as every loaded configuration without one gets
            second = SwitchboardGateway.start(
                    SwitchboardCluster.gatewayConfig(CLUSTER.bootstrapServers(), first.settings()));

            producing.get();
            await().atMost(TIMEOUT).until(() -> seqs.size() >= events);
            assertThat(opens.get()).as("welcomed by the second gateway too").isGreaterThanOrEqualTo(2);
        } finally {
            first.gateway().close();
            if (second != null) {
                second.close();
            }
        }
        assertThat(seqs)
                .containsExactlyElementsOf(IntStream.range(0, events).boxed().toList());
    }

    @Test
    void aLargeEventReachesAGzipClientAsCompressedJsonAndIsHandedOnInflated() throws Exception {
        String thread = "forum_threads:" + UUID.randomUUID();
        ArrayNode comments = JSON.createArrayNode();
        for (int i = 0; comments.toString().length() < 8 * 1024; i++) {
            comments.addObject().put("n", i).put("text", "comment number " + i);
        }
        List<Message> received = new CopyOnWriteArrayList<>();
        try (SwitchboardClient client = SwitchboardClient.builder(url(CLUSTER.gatewayPort(0)))
                .token(SwitchboardCluster.token("gzip-reader", "viewer"))
                .acceptEncoding(List.of("gzip"))
                .build()) {
            client.subscribe(thread, received::add).get();

            CLUSTER.produceEvent(
                    thread, "{\"channel\":\"" + thread + "\",\"event\":\"comments.loaded\",\"data\":" + comments + "}");

            await().atMost(TIMEOUT).until(() -> !received.isEmpty());
        }
        Message message = received.get(0);
        assertThat(message.kind()).as("carried by a binary frame").isEqualTo(Message.Kind.COMPRESSED_JSON);
        assertThat(message.data()).isEqualTo(comments);
        assertThat(message.event()).isEqualTo("comments.loaded");
        assertThat(message.channel()).isEqualTo(thread);
    }

    @Test
    void refreshingBeforeExpiryKeepsTheConnectionPastItsFirstTokensExp() throws Exception {
        Started gateway = startGateway(Map.of(GatewayConfig.AUTH_JWT_CLOCK_SKEW_SECONDS, "0"));
        String thread = "forum_threads:" + UUID.randomUUID();
        List<String> tokens = new CopyOnWriteArrayList<>();
        List<Integer> closes = new CopyOnWriteArrayList<>();
        List<SwitchboardException> errors = new CopyOnWriteArrayList<>();
        List<Message> received = new CopyOnWriteArrayList<>();
        try (SwitchboardClient client = SwitchboardClient.builder(url(gateway.port()))
                .token(() -> {
                    String token = DevTokens.mint(
                            SwitchboardCluster.JWT_SECRET, "short-lived", List.of("viewer"), Duration.ofSeconds(4));
                    tokens.add(token);
                    return token;
                })
                .connectionListener(new ConnectionListener() {
                    @Override
                    public void onClose(int code, String reason) {
                        closes.add(code);
                    }

                    @Override
                    public void onError(SwitchboardException error) {
                        errors.add(error);
                    }
                })
                .build()) {
            client.subscribe(thread, received::add).get();
            Instant firstExp = expiry(tokens.get(0));

            await().atMost(TIMEOUT).until(() -> Instant.now().isAfter(firstExp.plusSeconds(2)));
            CLUSTER.produceEvent(thread, "{\"channel\":\"" + thread + "\",\"data\":\"after the first exp\"}");

            await().atMost(TIMEOUT).until(() -> !received.isEmpty());
            assertThat(received.get(0).data().asText()).isEqualTo("after the first exp");
            assertThat(tokens).as("the supplier was asked again before expiry").hasSizeGreaterThanOrEqualTo(2);
            assertThat(closes).as("never closed (4001 without refresh)").isEmpty();
            assertThat(errors).isEmpty();
        } finally {
            gateway.gateway().close();
        }
    }

    private static SwitchboardClient client(int port, String token) {
        return SwitchboardClient.builder(url(port)).token(token).build();
    }

    static String url(int port) {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    private static Instant expiry(String jwt) throws IOException {
        byte[] payload = java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]);
        return Instant.ofEpochSecond(JSON.readTree(payload).path("exp").asLong());
    }

    /** A gateway of the cluster's broker and secret on an explicit port, so that a successor can take the same one. */
    private record Started(SwitchboardGateway gateway, Map<String, String> settings, int port) {}

    private static Started startGateway(Map<String, String> overrides) {
        RuntimeException last = null;
        for (int tries = 0; tries < 10; tries++) {
            int port = freePort();
            Map<String, String> settings = new HashMap<>(overrides);
            settings.put(GatewayConfig.PORT, Integer.toString(port));
            try {
                return new Started(
                        SwitchboardGateway.start(
                                SwitchboardCluster.gatewayConfig(CLUSTER.bootstrapServers(), settings)),
                        settings,
                        port);
            } catch (RuntimeException e) {
                last = e; // the port was taken meanwhile: another one
            }
        }
        throw last;
    }

    /** A port in 20000–29999 that nothing listens on now. */
    private static int freePort() {
        for (; ; ) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
    }
}
