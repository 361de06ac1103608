package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.switchboard.e2e.browser.Chromium;
import io.switchboard.gateway.SwitchboardGateway;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.Payload;
import io.switchboard.schemas.avro.PayloadEncoding;
import io.switchboard.schemas.avro.PayloadKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser SDK as a gateway serves it ({@code /sdk/switchboard.js}), in a real headless Chromium, against a real
 * broker, processor and gateway: events produced to Kafka reach {@code onMessage} with the PROTOCOL fields, every one
 * once and in order across a gateway restart on the same port, a gzip COMPRESSED_JSON frame arrives as the same JSON
 * value, and a frame the SDK cannot read is reported as an {@code error} without stopping the ones after it.
 */
@Timeout(180)
class BrowserSdkIT {
    /** First: without a browser the class fails (or is skipped) before a broker starts. */
    @RegisterExtension
    @Order(1)
    static final Chromium CHROMIUM = new Chromium();

    @RegisterExtension
    @Order(2)
    static final SwitchboardCluster CLUSTER = new SwitchboardCluster(0);

    private static final Logger LOG = LoggerFactory.getLogger(BrowserSdkIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "browser-reader";

    private static int port;
    private static SwitchboardGateway gateway;

    @BeforeAll
    static void startGateway() {
        for (int attempt = 0; gateway == null; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(20000, 30000);
            gateway = startGatewayOn(candidate);
            assertThat(attempt).as("a free port in 20000-29999").isLessThan(20);
        }
        port = gateway.port();
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @BeforeEach
    void openAPageOfTheGateway() {
        CHROMIUM.open("http://127.0.0.1:" + port + "/health/live");
    }

    @Test
    void theServedSdkHandsAnEventProducedToKafkaToOnMessageWithTheProtocolFields() throws Exception {
        String thread = "forum_threads:" + UUID.randomUUID();
        JsonNode subscribed = connectAndSubscribe(thread, "{}");
        assertThat(subscribed.path("type").asText()).isEqualTo("subscribed");
        assertThat(subscribed.path("channel").asText()).isEqualTo(thread);
        assertThat(subscribed.path("position").path("epoch").asText()).isNotEmpty();

        CLUSTER.produceEvent(
                thread, "{\"channel\":\"" + thread + "\",\"event\":\"comment.created\",\"data\":{\"text\":\"hi\"}}");

        JsonNode message = awaitReceived(1).get(0);
        List<String> fields = new ArrayList<>();
        message.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("channel", "event", "data", "offset", "epoch", "ts", "replayed");
        assertThat(message.path("channel").asText()).isEqualTo(thread);
        assertThat(message.path("event").asText()).isEqualTo("comment.created");
        assertThat(message.path("data")).isEqualTo(JSON.readTree("{\"text\":\"hi\"}"));
        assertThat(message.path("offset").isIntegralNumber()).isTrue();
        assertThat(message.path("offset").asLong())
                .isGreaterThan(subscribed.path("position").path("offset").asLong() - 1);
        assertThat(message.path("epoch").asText())
                .isEqualTo(subscribed.path("position").path("epoch").asText());
        assertThat(message.path("ts").asLong())
                .isGreaterThan(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
        assertThat(message.path("replayed").asBoolean(true)).isFalse();
        assertThat(page("window.sb.client.state").asText()).isEqualTo("open");
        assertThat(page("window.sb.errors")).isEmpty();
    }

    @Test
    void everyEventProducedWhileTheGatewayRestartsOnTheSamePortReachesOnMessageOnceInOrder() throws Exception {
        String thread = "forum_threads:" + UUID.randomUUID();
        connectAndSubscribe(thread, "{minDelayMs: 200, maxDelayMs: 2000}");
        AtomicInteger produced = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            produceSeq(thread, produced.getAndIncrement());
        }
        awaitReceived(5);

        AtomicBoolean producing = new AtomicBoolean(true);
        CompletableFuture<Void> background = CompletableFuture.runAsync(() -> {
            while (producing.get() && produced.get() < 5_000) {
                produceSeq(thread, produced.getAndIncrement());
            }
        });
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> produced.get() >= 50);
            gateway.close(); // a drain: the page's connection is closed with 1001
            gateway = null;
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> page("window.sb.events").toString().contains("reconnecting"));
            int whileDown = produced.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> produced.get() >= whileDown + 20);
            await().atMost(Duration.ofSeconds(30)).until(() -> (gateway = startGatewayOn(port)) != null);
            await().atMost(Duration.ofSeconds(60)).until(() -> count("open") >= 2);
        } finally {
            producing.set(false);
            background.join();
        }
        for (int i = 0; i < 5; i++) {
            produceSeq(thread, produced.getAndIncrement());
        }

        int total = produced.get();
        assertThat(awaitReceived(total))
                .extracting(message -> message.path("data").path("seq").asInt())
                .containsExactlyElementsOf(IntStream.range(0, total).boxed().toList());
        JsonNode events = page("window.sb.events");
        LOG.info("{} events across the restart; the page saw {}", total, events);
        assertThat(events.get(0).path("name").asText()).isEqualTo("open");
        JsonNode firstClose = first(events, "close");
        assertThat(firstClose.path("args").get(0).asInt())
                .as("the drain's close code")
                .isEqualTo(1001);
        assertThat(count("reconnecting")).isGreaterThanOrEqualTo(1);
        assertThat(count("resumed"))
                .as("the session came back with its reconnection token")
                .isEqualTo(1);
        assertThat(page("window.sb.errors")).isEmpty();
        assertThat(page("window.sb.client.state").asText()).isEqualTo("open");
    }

    @Test
    void aGzipCompressedJsonDeliveryArrivesInflatedAsTheSameJsonValue() throws Exception {
        JsonNode encodings = pageAsync(
                "const {__internal} = await import('/sdk/switchboard.js'); return __internal.supportedEncodings();");
        assertThat(encodings).extracting(JsonNode::asText).contains("gzip", "deflate");
        String thread = "forum_threads:" + UUID.randomUUID();
        connectAndSubscribe(thread, "{}");
        String data = largeJson();

        CLUSTER.produceEvent(
                thread, "{\"channel\":\"" + thread + "\",\"event\":\"comments.loaded\",\"data\":" + data + "}");

        JsonNode message = awaitReceived(1).get(0);
        assertThat(message.path("kind").asText())
                .as("it came as a binary COMPRESSED_JSON frame")
                .isEqualTo("compressed_json");
        assertThat(message.path("contentType").asText()).isEqualTo("application/json");
        assertThat(message.path("data")).isEqualTo(JSON.readTree(data));
        assertThat(message.path("event").asText()).isEqualTo("comments.loaded");
        assertThat(page("window.sb.errors")).isEmpty();
    }

    @Test
    void aFrameTheSdkCannotReadIsReportedAsAnErrorAndTheNextOnesAreStillDelivered() throws Exception {
        String thread = "forum_threads:" + UUID.randomUUID();
        connectAndSubscribe(thread, "{}");
        produceSeq(thread, 0);
        awaitReceived(1);

        // the gateway passes stored gzip bytes to a client that announced gzip as they are: corrupt ones too
        writeDelivery(thread, "corrupt", PayloadEncoding.GZIP, "not gzip at all".getBytes(StandardCharsets.UTF_8));
        writeDelivery(thread, "not-json", PayloadEncoding.GZIP, gzip("{\"unfinished\": [1, 2".repeat(100)));
        produceSeq(thread, 1);

        JsonNode received = awaitReceived(2);
        assertThat(received).extracting(m -> m.path("data").path("seq").asInt()).containsExactly(0, 1);
        JsonNode errors = page("window.sb.errors");
        assertThat(errors).hasSize(2);
        assertThat(errors).extracting(e -> e.path("code").asText()).containsOnly("bad_frame");
        assertThat(page("window.sb.client.state").asText()).isEqualTo("open");
        assertThat(count("close")).as("the connection stayed open").isZero();
    }

    // ---- the page ----

    /** Connects the page's SDK (imported from the gateway) and subscribes; returns the `subscribed` frame. */
    private JsonNode connectAndSubscribe(String channel, String options) throws IOException {
        String script = """
                const [url, token, channel] = arguments;
                const {connect} = await import('/sdk/switchboard.js');
                const sb = window.sb = {received: [], events: [], errors: []};
                const client = sb.client = connect(url, {token, ...OPTIONS});
                for (const name of ['open', 'close', 'reconnecting', 'resumed']) {
                  client.on(name, (...args) => sb.events.push({name, args: JSON.parse(JSON.stringify(args))}));
                }
                client.on('error', (e) => sb.errors.push({code: e.code, message: e.message}));
                return await client.subscribe(channel, (message) => sb.received.push(message));
                """.replace("OPTIONS", options);
        return pageAsync(script, "ws://127.0.0.1:" + port + "/ws", SwitchboardCluster.token(USER, "viewer"), channel);
    }

    private JsonNode awaitReceived(int count) throws IOException {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> page("window.sb.received.length").asInt() >= count);
        JsonNode received = page("window.sb.received");
        assertThat(received).as("no more than expected").hasSize(count);
        return received;
    }

    private int count(String event) throws IOException {
        return page("window.sb.events.filter((e) => e.name === '" + event + "').length")
                .asInt();
    }

    private static JsonNode first(JsonNode events, String name) {
        for (JsonNode event : events) {
            if (event.path("name").asText().equals(name)) {
                return event;
            }
        }
        throw new AssertionError("no " + name + " event in " + events);
    }

    /** The value of a page expression, through JSON. */
    private static JsonNode page(String expression) throws IOException {
        return JSON.readTree((String) CHROMIUM.script("return JSON.stringify(" + expression + ");"));
    }

    private static JsonNode pageAsync(String body, Object... args) throws IOException {
        Object result = CHROMIUM.asyncScript(
                "const value = await (async () => {" + body + "})(...arguments); return JSON.stringify(value);", args);
        return JSON.readTree((String) result);
    }

    // ---- the backbone ----

    private static SwitchboardGateway startGatewayOn(int port) {
        Map<String, String> settings = new HashMap<>(SwitchboardCluster.LEASE);
        settings.put(GatewayConfig.PORT, Integer.toString(port));
        try {
            return SwitchboardGateway.start(SwitchboardCluster.gatewayConfig(CLUSTER.bootstrapServers(), settings));
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BindException) {
                    return null; // the port is taken: another one, or the same one again later
                }
            }
            throw e;
        }
    }

    private static void produceSeq(String channel, int seq) {
        CLUSTER.produceEvent(
                channel, "{\"channel\":\"" + channel + "\",\"event\":\"tick\",\"data\":{\"seq\":" + seq + "}}");
    }

    /** Writes a delivery straight into the channel's output topic, as the processor would have. */
    private static void writeDelivery(String channel, String event, PayloadEncoding encoding, byte[] bytes)
            throws Exception {
        Delivery delivery = Delivery.newBuilder()
                .setChannel(channel)
                .setEvent(event)
                .setTime(Instant.now())
                .setPayload(new Payload(PayloadKind.JSON, "application/json", encoding, ByteBuffer.wrap(bytes)))
                .build();
        byte[] value = SwitchboardSerdes.delivery().serializer().serialize("switchboard.out.forum_threads", delivery);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", CLUSTER.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("switchboard.out.forum_threads", channel, value))
                    .get();
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** About 8 KiB of JSON: above the processor's default compression threshold (1 KiB). */
    private static String largeJson() throws IOException {
        ArrayNode comments = JSON.createArrayNode();
        for (int i = 0; comments.toString().length() < 8 * 1024; i++) {
            comments.addObject().put("n", i).put("author", "user-" + (i % 37)).put("text", "comment " + i);
        }
        return JSON.writeValueAsString(comments);
    }
}
