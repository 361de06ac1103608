package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.HeartbeatConfig;
import io.switchboard.gateway.config.OperationsConfig;
import io.switchboard.gateway.protocol.BinaryFrames;
import io.switchboard.kafka.embedded.EmbeddedKafkaExtension;
import io.switchboard.schemas.PayloadDeflater;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Connect;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.Disconnect;
import io.switchboard.schemas.avro.Ended;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.PayloadEncoding;
import io.switchboard.schemas.avro.PayloadKind;
import io.switchboard.schemas.avro.Publish;
import io.switchboard.schemas.avro.Published;
import io.switchboard.schemas.avro.Refused;
import io.switchboard.schemas.avro.Subscribe;
import io.switchboard.schemas.avro.Unsubscribe;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gateway end to end on a real broker with real WebSocket clients. The processor is another module, so the test
 * plays its part with plain Kafka clients ({@link ProcessorStandIn}). Each test has its own topics.
 */
@Timeout(120)
class GatewayIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final AtomicInteger TOPIC_SETS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private Topics topics;
    private ProcessorStandIn processor;

    @BeforeEach
    void createTopics() throws Exception {
        topics = new Topics("it" + TOPIC_SETS.incrementAndGet());
        processor = track(new ProcessorStandIn(KAFKA.bootstrapServers(), topics, "metrics", "status", "signals"));
    }

    @AfterEach
    void closeEverything() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }

    @Test
    void forwardsASubscribeAndDeliversTheGrantedChannelFromItsPositionToItsSubscriberOnly() throws Exception {
        SwitchboardGateway gateway = gateway(Map.of());
        WsTestClient alice =
                track(WsTestClient.connect(gateway.port(), "?accept_encoding=zstd,gzip", "switchboard.v1"));
        JsonNode welcome = alice.next();
        assertThat(welcome.path("type").asText()).isEqualTo("welcome");
        assertThat(welcome.path("connection_id").asText()).matches("c-[A-Za-z0-9_-]{16}");
        assertThat(welcome.get("user_id").isNull()).isTrue();
        assertThat(welcome.path("roles").toString()).isEqualTo("[\"anonymous\"]");
        assertThat(welcome.path("heartbeat_ms").asLong()).isEqualTo(25000);
        assertThat(welcome.path("resumed").asBoolean(true)).isFalse();
        assertThat(alice.subprotocol()).isEqualTo("switchboard.v1");
        String aliceId = welcome.path("connection_id").asText();
        ConsumerRecord<String, ClientAction> connect = processor.awaitAction(of(aliceId, Connect.class));
        assertThat(connect.key()).isEqualTo(aliceId);
        assertThat(connect.value().getGatewayId()).isEqualTo(gateway.gatewayId());
        assertThat(((Connect) connect.value().getAction()).getAcceptEncodings()).containsExactly("zstd", "gzip");
        WsTestClient bob = track(WsTestClient.welcomed(gateway));

        alice.send("{\"type\":\"subscribe\",\"id\":\"s1\",\"channel\":\"metrics\"}");
        ConsumerRecord<String, ClientAction> subscribe = processor.awaitAction(of(aliceId, Subscribe.class));
        assertThat(subscribe.key()).isEqualTo(aliceId);
        assertThat(subscribe.value().getRequestId()).isEqualTo("s1");
        assertThat(subscribe.value().getAction()).isEqualTo(new Subscribe("metrics", null));
        RecordMetadata beforeGrant = processor.deliver("metrics", "tick", "{\"n\":0}");
        processor.reply(gateway.gatewayId(), aliceId, "s1", new Granted("metrics", null));

        JsonNode subscribed = alice.next();
        assertThat(subscribed.path("type").asText()).isEqualTo("subscribed");
        assertThat(subscribed.path("id").asText()).isEqualTo("s1");
        assertThat(subscribed.path("channel").asText()).isEqualTo("metrics");
        assertThat(subscribed.has("recovered")).isFalse();
        long position = subscribed.path("position").path("offset").asLong();
        String epoch = subscribed.path("position").path("epoch").asText();
        assertThat(position).isEqualTo(beforeGrant.offset());
        assertThat(epoch).isEqualTo(processor.epoch("metrics", beforeGrant.partition()));

        RecordMetadata delivered = processor.deliver("metrics", "tick", "{\"n\":1,\"x\":[true,null]}");
        processor.deliver("status", "up", "{\"ok\":true}");
        JsonNode message = alice.next();
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("channel").asText()).isEqualTo("metrics");
        assertThat(message.path("offset").asLong())
                .isEqualTo(delivered.offset())
                .isEqualTo(position + 1);
        assertThat(message.path("epoch").asText()).isEqualTo(epoch);
        assertThat(message.path("event").asText()).isEqualTo("tick");
        assertThat(message.path("data")).isEqualTo(JSON.readTree("{\"n\":1,\"x\":[true,null]}"));
        assertThat(message.path("ts").asLong()).isEqualTo(1763800000123L);
        assertThat(message.has("replayed")).isFalse();

        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        processor.deliver(
                "metrics", ProcessorStandIn.delivery("metrics", "chart", PayloadKind.IMAGE, "image/png", png));
        ByteBuffer binary = ByteBuffer.wrap(alice.nextBinary());
        assertThat(binary.getShort()).isEqualTo((short) 0x5301);
        assertThat(binary.get()).isEqualTo((byte) 0x01);
        assertThat(binary.get()).isEqualTo((byte) 0x00);
        int metadataLength = binary.getInt();
        binary.position(binary.position() + metadataLength);
        assertThat(binary.remaining()).isEqualTo(png.length);

        bob.send("{\"type\":\"ping\",\"id\":\"after\"}");
        JsonNode pong = bob.next();
        assertThat(pong.path("type").asText()).as("bob subscribed to nothing").isEqualTo("pong");
        assertThat(pong.path("id").asText()).isEqualTo("after");
    }

    /**
     * Frames whose headers carry a 16-bit and a 64-bit length, text and binary, read intact by a real client (the
     * 7-bit form is every short reply, such as a pong).
     */
    @Test
    void deliversMessagesWithEachLongHeaderFormIntact() throws Exception {
        SwitchboardGateway gateway = gateway(Map.of());
        WsTestClient text = track(WsTestClient.welcomed(gateway));
        WsTestClient binary = track(WsTestClient.welcomed(gateway, "?accept_encoding=gzip"));
        subscribeGranted(gateway, text, "metrics");
        subscribeGranted(gateway, binary, "metrics");

        Random random = new Random(7);
        for (int length : List.of(200, 100_000)) {
            // random letters: gzip leaves them large, so the binary frame has the same length form as the text one
            String data = "\""
                    + random.ints(length, 'a', 'z' + 1)
                            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                    + "\"";
            byte[] stored = gzip(data.getBytes(StandardCharsets.UTF_8));
            Delivery delivery =
                    ProcessorStandIn.delivery("metrics", "tick", PayloadKind.JSON, "application/json", stored);
            delivery.getPayload().setEncoding(PayloadEncoding.GZIP);
            processor.deliver("metrics", delivery);

            assertThat(text.next().path("data").asText()).hasSize(length);
            ByteBuffer frame = ByteBuffer.wrap(binary.nextBinary());
            frame.position(4);
            frame.position(frame.position() + Integer.BYTES + frame.getInt());
            byte[] payload = new byte[frame.remaining()];
            frame.get(payload);
            assertThat(payload).isEqualTo(stored);
        }
    }

    @Test
    void deliversACompressedRecordAsStoredToClientsThatAnnouncedItsEncodingAndAsTextToOthers() throws Exception {
        SwitchboardGateway gateway = gateway(Map.of());
        WsTestClient gzip = track(WsTestClient.welcomed(gateway, "?accept_encoding=gzip"));
        WsTestClient zstd = track(WsTestClient.welcomed(gateway, "?accept_encoding=zstd"));
        subscribeGranted(gateway, gzip, "metrics");
        subscribeGranted(gateway, zstd, "metrics");
        String data = "{\"values\":[" + "1.5,".repeat(500) + "2]}";
        byte[] stored = gzip(data.getBytes(StandardCharsets.UTF_8));
        Delivery delivery = ProcessorStandIn.delivery("metrics", "tick", PayloadKind.JSON, "application/json", stored);
        delivery.getPayload().setEncoding(PayloadEncoding.GZIP);

        RecordMetadata delivered = processor.deliver("metrics", delivery);

        ByteBuffer binary = ByteBuffer.wrap(gzip.nextBinary());
        assertThat(binary.getShort()).isEqualTo((short) 0x5301);
        assertThat(binary.get()).as("COMPRESSED_JSON").isEqualTo((byte) 0x04);
        assertThat(binary.get()).as("gzip").isEqualTo((byte) 0x01);
        byte[] metadata = new byte[binary.getInt()];
        binary.get(metadata);
        JsonNode meta = JSON.readTree(metadata);
        assertThat(meta.path("type").asText()).isEqualTo("message");
        assertThat(meta.path("offset").asLong()).isEqualTo(delivered.offset());
        assertThat(meta.path("content_type").asText()).isEqualTo("application/json");
        assertThat(meta.has("data")).isFalse();
        byte[] payload = new byte[binary.remaining()];
        binary.get(payload);
        assertThat(payload).isEqualTo(stored);
        JsonNode text = zstd.next();
        assertThat(text.path("type").asText()).isEqualTo("message");
        assertThat(text.path("offset").asLong()).isEqualTo(delivered.offset());
        assertThat(text.path("data")).isEqualTo(JSON.readTree(data));
    }

    @Test
    void stopsDeliveringAtUnsubscribeAndConfirmsWhenTheProcessorEndsIt() throws Exception {
        SwitchboardGateway gateway = gateway(Map.of());
        WsTestClient alice = track(WsTestClient.welcomed(gateway));
        subscribeGranted(gateway, alice, "metrics");

        alice.send("{\"type\":\"unsubscribe\",\"id\":\"u1\",\"channel\":\"metrics\"}");
        ConsumerRecord<String, ClientAction> unsubscribe =
                processor.awaitAction(of(alice.connectionId, Unsubscribe.class));
        assertThat(unsubscribe.value().getRequestId()).isEqualTo("u1");
        processor.deliver("metrics", "tick", "{\"late\":true}");
        processor.reply(gateway.gatewayId(), alice.connectionId, "u1", new Ended("metrics", "client"));

        JsonNode unsubscribed = alice.next();
        assertThat(unsubscribed.toString())
                .isEqualTo("{\"type\":\"unsubscribed\",\"id\":\"u1\",\"channel\":\"metrics\",\"reason\":\"client\"}");
    }

    @Test
    void forwardsAPublishAndRelaysTheProcessorsAnswers() throws Exception {
        SwitchboardGateway gateway = gateway(Map.of());
        WsTestClient alice = track(WsTestClient.welcomed(gateway));

        alice.send(
                "{\"type\":\"publish\",\"id\":\"p1\",\"channel\":\"status\",\"event\":\"note\",\"data\":{\"v\":2.50}}");
        Publish publish = (Publish) processor
                .awaitAction(of(alice.connectionId, Publish.class))
                .value()
                .getAction();
        assertThat(publish.getChannel()).isEqualTo("status");
        assertThat(publish.getEvent()).isEqualTo("note");
        assertThat(StandardCharsets.UTF_8.decode(publish.getPayload().getData()).toString())
                .isEqualTo("{\"v\":2.50}");
        processor.reply(gateway.gatewayId(), alice.connectionId, "p1", new Published("status", 58L, "evt-58"));
        assertThat(alice.next().toString())
                .isEqualTo(
                        "{\"type\":\"published\",\"id\":\"p1\",\"channel\":\"status\",\"offset\":58,\"event_id\":\"evt-58\"}");

        alice.send("{\"type\":\"publish\",\"id\":\"p2\",\"channel\":\"metrics\",\"data\":1}");
        processor.reply(
                gateway.gatewayId(), alice.connectionId, "p2", new Refused("metrics", "permission_denied", "no"));
        assertThat(alice.next().path("code").asText()).isEqualTo("permission_denied");
    }

    @Test
    void forwardsABinaryPublishAsSentAndRefusesADecompressionBombKeepingTheConnection() throws Exception {
        SwitchboardGateway gateway = gateway(Map.of());
        WsTestClient alice = track(WsTestClient.welcomed(gateway));
        byte[] png = new byte[3000];
        new java.util.Random(7).nextBytes(png);

        alice.sendBinary(BinaryFrames.frame(
                0x01,
                0x00,
                "{\"type\":\"publish\",\"id\":\"b1\",\"channel\":\"status\",\"event\":\"photo\","
                        + "\"content_type\":\"image/png\"}",
                png));
        Publish publish = (Publish) processor
                .awaitAction(of(alice.connectionId, Publish.class))
                .value()
                .getAction();
        assertThat(publish.getChannel()).isEqualTo("status");
        assertThat(publish.getEvent()).isEqualTo("photo");
        assertThat(publish.getPayload().getKind()).isEqualTo(PayloadKind.IMAGE);
        assertThat(publish.getPayload().getContentType()).isEqualTo("image/png");
        assertThat(publish.getPayload().getEncoding()).isEqualTo(PayloadEncoding.NONE);
        assertThat(publish.getPayload().getData()).isEqualTo(ByteBuffer.wrap(png));
        processor.reply(gateway.gatewayId(), alice.connectionId, "b1", new Published("status", 7L, null));
        assertThat(alice.next().toString())
                .isEqualTo("{\"type\":\"published\",\"id\":\"b1\",\"channel\":\"status\",\"offset\":7}");

        byte[] bomb = gzip(("\"" + "a".repeat(10 * 1024 * 1024) + "\"").getBytes(StandardCharsets.UTF_8));
        alice.sendBinary(
                BinaryFrames.frame(0x04, 0x01, "{\"type\":\"publish\",\"id\":\"b2\",\"channel\":\"status\"}", bomb));
        JsonNode refused = alice.next();
        assertThat(refused.path("code").asText()).isEqualTo("message_too_large");
        assertThat(refused.path("id").asText()).isEqualTo("b2");
        alice.send("{\"type\":\"ping\",\"id\":\"still-open\"}");
        assertThat(alice.next().path("id").asText()).isEqualTo("still-open");
    }

    @Test
    void relaysARefusalAsAnErrorFrameAndKeepsTheConnection() throws Exception {
        SwitchboardGateway gateway = gateway(Map.of());
        WsTestClient alice = track(WsTestClient.welcomed(gateway));

        alice.send("{\"type\":\"subscribe\",\"id\":\"s2\",\"channel\":\"signals\"}");
        processor.awaitAction(of(alice.connectionId, Subscribe.class));
        processor.reply(
                gateway.gatewayId(),
                alice.connectionId,
                "s2",
                new Refused("signals", "permission_denied", "anonymous connections may not subscribe to signals"));

        assertThat(alice.next().toString())
                .isEqualTo(
                        "{\"type\":\"error\",\"id\":\"s2\",\"code\":\"permission_denied\","
                                + "\"message\":\"anonymous connections may not subscribe to signals\",\"channel\":\"signals\"}");
        alice.send("{\"type\":\"subscribe\",\"id\":\"s3\",\"channel\":\"Not Valid\"}");
        assertThat(alice.next().path("code").asText()).isEqualTo("bad_request");
        alice.send("{\"type\":\"dance\",\"id\":\"t\"}");
        assertThat(alice.next().path("code").asText()).isEqualTo("unknown_type");
        alice.send("{\"type\":\"ping\",\"id\":\"still-here\"}");
        assertThat(alice.next().path("id").asText()).isEqualTo("still-here");
    }

    @Test
    void closesAMessageOverTheLimitWith1009AndAcceptsOneAtTheLimit() throws Exception {
        SwitchboardGateway gateway = gateway(Map.of());
        WsTestClient client = track(WsTestClient.welcomed(gateway));
        String atLimit = padded("{\"type\":\"ping\",\"id\":\"full\",\"pad\":\"", 65536);
        client.send(atLimit);
        assertThat(client.next().path("id").asText()).isEqualTo("full");

        client.send(padded("{\"type\":\"ping\",\"id\":\"over\",\"pad\":\"", 65537));

        assertThat(client.awaitCloseCode()).isEqualTo(1009);
    }

    @Test
    void refusesOneHugeFrameBeforeItHasArrived() throws Exception {
        SwitchboardGateway gateway = gateway(Map.of(GatewayConfig.WS_MAX_MESSAGE_BYTES, "1024"));
        try (RawWebSocket raw = RawWebSocket.connect(gateway.port(), 64 * 1024)) {
            assertThat(raw.readFrame().text()).contains("\"welcome\"");

            // declares 100 MB but sends 16 KiB: the gateway must answer without waiting for (or buffering) the rest
            raw.startFrame(RawWebSocket.TEXT, 100_000_000L).write(new byte[16 * 1024]);

            assertThat(raw.readUntilClose(frame -> {}).closeCode()).isEqualTo(1009);
        }
    }

    @Test
    void closesATextFrameWithInvalidUtf8With1007() throws Exception {
        SwitchboardGateway gateway = gateway(Map.of());
        try (RawWebSocket raw = RawWebSocket.connect(gateway.port(), 64 * 1024)) {
            raw.readFrame();

            raw.sendText(new byte[] {'"', (byte) 0xC3, (byte) 0x28, '"'});

            assertThat(raw.readUntilClose(frame -> {}).closeCode()).isEqualTo(1007);
        }
    }

    @Test
    void closesAClientThatNeverReadsWith4009WhileAnotherKeepsReceivingEverything() throws Exception {
        // 12 MB: more than the kernel's socket buffers (4 MB), the batch in flight and the 256 KiB queue can hold
        int messages = 6000;
        SwitchboardGateway gateway = gateway(outbound(256 * 1024, Duration.ofSeconds(60)));
        WsTestClient fast = track(WsTestClient.welcomed(gateway));
        subscribeGranted(gateway, fast, "metrics");
        RawWebSocket slow = track(RawWebSocket.connect(gateway.port(), 16 * 1024));
        String slowId =
                JSON.readTree(slow.readFrame().text()).path("connection_id").asText();
        subscribeGranted(gateway, slow, slowId, "metrics");

        String padding = "x".repeat(2000);
        // In chunks the reading client keeps up with, so only the one that never reads falls behind.
        int chunk = 100;
        for (int start = 0; start < messages; start += chunk) {
            for (int i = start; i < start + chunk; i++) {
                processor.send(
                        "metrics",
                        ProcessorStandIn.delivery(
                                "metrics",
                                "tick",
                                PayloadKind.JSON,
                                "application/json",
                                ("{\"i\":" + i + ",\"pad\":\"" + padding + "\"}").getBytes(StandardCharsets.UTF_8)));
            }
            for (int i = start; i < start + chunk; i++) {
                assertThat(fast.next().path("data").path("i").asInt()).isEqualTo(i);
            }
        }
        AtomicInteger received = new AtomicInteger();
        RawWebSocket.Frame close = slow.readUntilClose(frame -> {
            try {
                assertThat(JSON.readTree(frame.text()).path("data").path("i").asInt())
                        .isEqualTo(received.getAndIncrement());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(close.closeCode()).isEqualTo(4009);
        assertThat(received.get()).as("what was queued was dropped").isLessThan(messages);
        // no close frame back: reading 12 MB may outlast the gateway's linger, after which it closes the socket itself
        ConsumerRecord<String, ClientAction> disconnect = processor.awaitAction(of(slowId, Disconnect.class));
        assertThat(((Disconnect) disconnect.value().getAction()).getCloseCode()).isEqualTo(4009);
    }

    @Test
    void closesASlowConsumersSocketHardWhenTheCloseFrameCannotLeave() throws Exception {
        SwitchboardGateway gateway = gateway(outbound(64 * 1024, Duration.ofMillis(300)));
        RawWebSocket slow = track(RawWebSocket.connect(gateway.port(), 16 * 1024));
        String slowId =
                JSON.readTree(slow.readFrame().text()).path("connection_id").asText();
        subscribeGranted(gateway, slow, slowId, "metrics");

        String padding = "x".repeat(2000);
        for (int i = 0; i < 3000; i++) {
            processor.send(
                    "metrics",
                    ProcessorStandIn.delivery(
                            "metrics",
                            "tick",
                            PayloadKind.JSON,
                            "application/json",
                            ("{\"pad\":\"" + padding + "\"}").getBytes(StandardCharsets.UTF_8)));
        }

        ConsumerRecord<String, ClientAction> disconnect = processor.awaitAction(of(slowId, Disconnect.class));
        assertThat(((Disconnect) disconnect.value().getAction()).getCloseCode()).isEqualTo(4009);
    }

    @Test
    void announcesTheHeartbeatAndPingsAtThatInterval() throws Exception {
        SwitchboardGateway gateway = gateway(Map.of(HeartbeatConfig.INTERVAL_MS, "100"));
        WsTestClient client = track(WsTestClient.connect(gateway));

        assertThat(client.next().path("heartbeat_ms").asLong()).isEqualTo(100);
        await().atMost(Duration.ofSeconds(5)).until(() -> client.pings() >= 3);
    }

    @Test
    void refusesConnectionsWith401BeforeTheUpgradeWhenAnonymousAccessIsOff() throws Exception {
        SwitchboardGateway closed = gateway(Map.of(
                GatewayConfig.AUTH_JWT_SECRET,
                "0123456789abcdef0123456789abcdef",
                GatewayConfig.AUTH_ANONYMOUS,
                "false"));
        assertThat(handshakeStatus(closed.port(), "")).isEqualTo(401);

        SwitchboardGateway open = gateway(Map.of());
        assertThat(handshakeStatus(open.port(), "?access_token=not-verifiable"))
                .as("a token where no key is configured is refused, not taken as anonymous")
                .isEqualTo(401);
    }

    @Test
    void closesEveryClientWith1001OnStopAndReportsTheDisconnects() throws Exception {
        SwitchboardGateway gateway = SwitchboardGateway.start(config(Map.of()));
        WsTestClient alice = track(WsTestClient.welcomed(gateway));

        gateway.close();

        assertThat(alice.awaitCloseCode()).isEqualTo(1001);
        ConsumerRecord<String, ClientAction> disconnect =
                processor.awaitAction(of(alice.connectionId, Disconnect.class));
        assertThat(((Disconnect) disconnect.value().getAction()).getCloseCode()).isEqualTo(1001);
    }

    @Test
    void keepsItsClientsForTheDrainDelayAfterReadinessTurnsDownThenClosesThemWith1001() throws Exception {
        SwitchboardGateway gateway = SwitchboardGateway.start(
                config(Map.of(OperationsConfig.DRAIN_GRACE_MS, "20000", OperationsConfig.DRAIN_DELAY_MS, "4000")));
        WsTestClient alice = track(WsTestClient.welcomed(gateway));
        await().atMost(Duration.ofSeconds(15)).until(() -> HttpProbe.status(gateway.port(), "/health/ready") == 200);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(gateway::close);

        await().atMost(Duration.ofSeconds(3)).until(() -> HttpProbe.status(gateway.port(), "/health/ready") == 503);
        assertThat(alice.isOpen())
                .as("still served while the load balancer takes the gateway out")
                .isTrue();
        assertThat(alice.awaitCloseCode()).isEqualTo(1001);
        stopping.get(30, TimeUnit.SECONDS);
    }

    @Test
    void failsToStartWithoutTheRepliesTopic() {
        GatewayConfig config =
                GatewayConfig.forTests(KAFKA.bootstrapServers(), Map.of(GatewayConfig.TOPIC_PREFIX, "missing"));

        assertThatThrownBy(() -> SwitchboardGateway.start(config))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing.replies");
    }

    /** A gateway on this test's topics, with these settings. */
    private SwitchboardGateway gateway(Map<String, String> settings) {
        return track(SwitchboardGateway.start(config(settings)));
    }

    private GatewayConfig config(Map<String, String> settings) {
        Map<String, String> values = new HashMap<>(settings);
        values.put(GatewayConfig.TOPIC_PREFIX, topics.prefix());
        return GatewayConfig.forTests(KAFKA.bootstrapServers(), values);
    }

    /** Outbound queues of {@code maxQueuedBytes} (1024 frames), small fetches, so that a slow reader is seen early. */
    private static Map<String, String> outbound(long maxQueuedBytes, Duration closeTimeout) {
        return Map.of(
                GatewayConfig.OUTBOUND_MAX_QUEUED_BYTES,
                Long.toString(maxQueuedBytes),
                GatewayConfig.OUTBOUND_MAX_QUEUED_FRAMES,
                "1024",
                GatewayConfig.OUTBOUND_CLOSE_TIMEOUT_MS,
                Long.toString(closeTimeout.toMillis()),
                "kafka.max.poll.records",
                "50");
    }

    private void subscribeGranted(SwitchboardGateway gateway, WsTestClient client, String channel) throws Exception {
        client.send("{\"type\":\"subscribe\",\"id\":\"sub\",\"channel\":\"" + channel + "\"}");
        processor.awaitAction(of(client.connectionId, Subscribe.class));
        processor.reply(gateway.gatewayId(), client.connectionId, "sub", new Granted(channel, null));
        assertThat(client.next().path("type").asText()).isEqualTo("subscribed");
    }

    private void subscribeGranted(SwitchboardGateway gateway, RawWebSocket client, String connectionId, String channel)
            throws Exception {
        client.sendText(("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}").getBytes(StandardCharsets.UTF_8));
        processor.awaitAction(of(connectionId, Subscribe.class));
        processor.reply(gateway.gatewayId(), connectionId, null, new Granted(channel, null));
        assertThat(client.readFrame().text()).contains("\"subscribed\"");
    }

    private static byte[] gzip(byte[] data) {
        return PayloadDeflater.compress(PayloadEncoding.GZIP, data);
    }

    private static int handshakeStatus(int port, String query) {
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> WsTestClient.connect(port, query));
        assertThat(failure).isInstanceOf(ExecutionException.class);
        assertThat(failure.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
    }

    /** A JSON text of exactly {@code length} bytes: {@code head}, padding, then {@code "}}. */
    private static String padded(String head, int length) {
        return head + "a".repeat(length - head.length() - 2) + "\"}";
    }

    private static Predicate<ClientAction> of(String connectionId, Class<?> actionType) {
        return action -> action.getConnectionId().equals(connectionId) && actionType.isInstance(action.getAction());
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.push(resource);
        return resource;
    }
}
