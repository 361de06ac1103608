package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.luben.zstd.Zstd;
import io.switchboard.e2e.TestClient.BinaryFrame;
import io.switchboard.schemas.DomainEventCodec;
import io.switchboard.schemas.avro.DomainEvent;
import io.switchboard.schemas.avro.Payload;
import io.switchboard.schemas.avro.PayloadEncoding;
import io.switchboard.schemas.avro.PayloadKind;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Compressed and binary payloads end to end: a large JSON event compressed once in Kafka reaches clients that
 * announced its encoding as a COMPRESSED_JSON binary frame and every other client as the same JSON in a text frame;
 * binary media (an Avro IMAGE event, a client's binary publish) arrive byte for byte; a decompression bomb is refused.
 */
class BinaryDeliveryIT {
    @RegisterExtension
    static final SwitchboardCluster CLUSTER = new SwitchboardCluster(1);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COMPRESSED_JSON = 0x04;
    private static final int IMAGE = 0x01;

    /** Binary events: Avro single-object DomainEvents, as a domain service would produce them. */
    private static KafkaProducer<String, byte[]> avroProducer;

    @BeforeAll
    static void startAvroProducer() {
        avroProducer = new KafkaProducer<>(
                Map.of("bootstrap.servers", CLUSTER.bootstrapServers(), "linger.ms", "0"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    @AfterAll
    static void closeAvroProducer() {
        avroProducer.close(Duration.ofSeconds(5));
    }

    @Test
    void a50KibJsonEventReachesAGzipClientAsCompressedJsonAndClientsWithoutGzipAsTheSameJsonText() throws Exception {
        String thread = "forum_threads:" + UUID.randomUUID();
        String data = largeJson();
        try (TestClient gzip = connect("gzip-reader", "gzip");
                TestClient zstd = connect("zstd-reader", "zstd,deflate");
                TestClient plain = CLUSTER.connect(0, "plain-reader", "viewer")) {
            gzip.subscribe(thread);
            zstd.subscribe(thread);
            plain.subscribe(thread);

            CLUSTER.produceEvent(
                    thread, "{\"channel\":\"" + thread + "\",\"event\":\"comments.loaded\",\"data\":" + data + "}");

            BinaryFrame binary = gzip.awaitBinary(
                    frame -> thread.equals(frame.metadata().path("channel").asText()));
            assertThat(binary.kind()).isEqualTo(COMPRESSED_JSON);
            assertThat(binary.encoding()).as("gzip").isEqualTo(0x01);
            assertThat(binary.metadata().path("type").asText()).isEqualTo("message");
            assertThat(binary.metadata().path("event").asText()).isEqualTo("comments.loaded");
            assertThat(binary.metadata().path("content_type").asText()).isEqualTo("application/json");
            assertThat(binary.metadata().has("data")).isFalse();
            assertThat(new String(inflate(PayloadEncoding.GZIP, binary.payload()), StandardCharsets.UTF_8))
                    .isEqualTo(data);
            assertThat(gzip.messages(thread))
                    .as("no text copy for the gzip client")
                    .isEmpty();
            for (TestClient other : new TestClient[] {zstd, plain}) {
                JsonNode message = other.awaitFrame(f -> f.path("type").asText().equals("message")
                        && f.path("channel").asText().equals(thread));
                assertThat(message.path("data")).isEqualTo(JSON.readTree(data));
                assertThat(message.path("offset").asLong())
                        .isEqualTo(binary.metadata().path("offset").asLong());
                assertThat(other.binaryFrames()).isEmpty();
            }
        }
    }

    @Test
    void jsonEventsStoredZstdAndDeflateReachTheClientsThatAnnouncedThoseAsStoredAndOthersAsText() throws Exception {
        String thread = "forum_threads:" + UUID.randomUUID();
        String data = largeJson();
        byte[] zstdBytes = compress(PayloadEncoding.ZSTD, data.getBytes(StandardCharsets.UTF_8));
        byte[] deflateBytes = compress(PayloadEncoding.DEFLATE, data.getBytes(StandardCharsets.UTF_8));
        try (TestClient zstd = connect("zstd-only", "zstd");
                TestClient deflate = connect("deflate-only", "deflate");
                TestClient gzip = connect("gzip-only", "gzip")) {
            zstd.subscribe(thread);
            deflate.subscribe(thread);
            gzip.subscribe(thread);

            produceAvro(thread, "zstd", PayloadKind.JSON, "application/json", PayloadEncoding.ZSTD, zstdBytes);
            produceAvro(thread, "deflate", PayloadKind.JSON, "application/json", PayloadEncoding.DEFLATE, deflateBytes);

            BinaryFrame asZstd = zstd.awaitBinary(
                    frame -> frame.metadata().path("event").asText().equals("zstd"));
            assertThat(asZstd.kind()).isEqualTo(COMPRESSED_JSON);
            assertThat(asZstd.encoding()).isEqualTo(0x03);
            assertThat(asZstd.payload()).isEqualTo(zstdBytes);
            assertThat(inflate(PayloadEncoding.ZSTD, asZstd.payload()))
                    .isEqualTo(data.getBytes(StandardCharsets.UTF_8));
            BinaryFrame asDeflate = deflate.awaitBinary(
                    frame -> frame.metadata().path("event").asText().equals("deflate"));
            assertThat(asDeflate.kind()).isEqualTo(COMPRESSED_JSON);
            assertThat(asDeflate.encoding()).isEqualTo(0x02);
            assertThat(inflate(PayloadEncoding.DEFLATE, asDeflate.payload()))
                    .isEqualTo(data.getBytes(StandardCharsets.UTF_8));
            // each client gets the other encoding's event inflated, as JSON text
            assertThat(textData(zstd, thread, "deflate")).isEqualTo(JSON.readTree(data));
            assertThat(textData(deflate, thread, "zstd")).isEqualTo(JSON.readTree(data));
            assertThat(textData(gzip, thread, "zstd")).isEqualTo(JSON.readTree(data));
            assertThat(textData(gzip, thread, "deflate")).isEqualTo(JSON.readTree(data));
            assertThat(gzip.binaryFrames()).isEmpty();
        }
    }

    @Test
    void aPngProducedAsAnAvroImageEventArrivesByteForByteAsABinaryImageFrame() throws Exception {
        String thread = "forum_threads:" + UUID.randomUUID();
        byte[] png = png(1);
        try (TestClient plain = CLUSTER.connect(0, "image-viewer", "viewer");
                TestClient gzip = connect("image-viewer-gzip", "gzip")) {
            plain.subscribe(thread);
            gzip.subscribe(thread);

            produceAvro(thread, "photo.added", PayloadKind.IMAGE, "image/png", PayloadEncoding.NONE, png);

            for (TestClient client : new TestClient[] {plain, gzip}) {
                BinaryFrame image = client.awaitBinary(
                        frame -> thread.equals(frame.metadata().path("channel").asText()));
                assertThat(image.kind()).isEqualTo(IMAGE);
                assertThat(image.encoding()).isEqualTo(0x00);
                assertThat(image.metadata().path("content_type").asText()).isEqualTo("image/png");
                assertThat(image.metadata().path("event").asText()).isEqualTo("photo.added");
                assertThat(image.payload()).isEqualTo(png);
            }
        }
    }

    @Test
    void anAdminPublishesABinaryPngThatASubscriberReceivesByteForByte() throws Exception {
        String thread = "forum_threads:" + UUID.randomUUID();
        byte[] png = png(2);
        try (TestClient admin = CLUSTER.connect(0, "admin-publisher", "admin");
                TestClient subscriber = CLUSTER.connect(0, "png-subscriber", "viewer")) {
            JsonNode subscribed = subscriber.subscribe(thread);

            JsonNode published = admin.publishBinary(IMAGE, 0x00, thread, "photo.uploaded", "image/png", png);

            assertThat(published.path("type").asText()).isEqualTo("published");
            assertThat(published.path("channel").asText()).isEqualTo(thread);
            BinaryFrame received = subscriber.awaitBinary(
                    frame -> thread.equals(frame.metadata().path("channel").asText()));
            assertThat(received.kind()).isEqualTo(IMAGE);
            assertThat(received.encoding()).isEqualTo(0x00);
            assertThat(received.metadata().path("event").asText()).isEqualTo("photo.uploaded");
            assertThat(received.metadata().path("content_type").asText()).isEqualTo("image/png");
            assertThat(received.metadata().path("offset").asLong())
                    .isEqualTo(published.path("offset").asLong())
                    .isGreaterThan(subscribed.path("position").path("offset").asLong());
            assertThat(received.payload()).isEqualTo(png);
        }
    }

    @Test
    void aGzipBombPublishIsRefusedAsMessageTooLargeAndTheConnectionStaysOpen() {
        String thread = "forum_threads:" + UUID.randomUUID();
        // 16 MiB of JSON that gzips to about 16 KiB: well within the frame limit, far beyond it inflated
        byte[] bomb = compress(
                PayloadEncoding.GZIP, ("\"" + "a".repeat(16 * 1024 * 1024) + "\"").getBytes(StandardCharsets.UTF_8));
        try (TestClient admin = CLUSTER.connect(0, "admin-bomber", "admin")) {
            JsonNode refused = admin.publishBinary(COMPRESSED_JSON, 0x01, thread, "boom", null, bomb);

            assertThat(refused.path("type").asText()).isEqualTo("error");
            assertThat(refused.path("code").asText()).isEqualTo("message_too_large");
            assertThat(admin.subscribe(thread).path("type").asText())
                    .as("the connection stays open")
                    .isEqualTo("subscribed");
            assertThat(admin.isClosed()).isFalse();
        }
    }

    private static TestClient connect(String user, String acceptEncoding) {
        return TestClient.connect(CLUSTER.gatewayPort(0), SwitchboardCluster.token(user, "viewer"), acceptEncoding);
    }

    private static JsonNode textData(TestClient client, String channel, String event) {
        return client.awaitFrame(f -> f.path("type").asText().equals("message")
                        && f.path("channel").asText().equals(channel)
                        && f.path("event").asText().equals(event))
                .path("data");
    }

    /** Compact JSON of at least 50 KiB, as Jackson writes it (the processor writes JSON events' data the same way). */
    private static String largeJson() throws IOException {
        ArrayNode comments = JSON.createArrayNode();
        for (int i = 0; comments.toString().length() < 50 * 1024; i++) {
            comments.addObject().put("n", i).put("author", "user-" + (i % 37)).put("text", "comment number " + i);
        }
        return JSON.writeValueAsString(comments);
    }

    /** A real PNG of noise: already compressed, so the processor leaves it as it is. */
    private static byte[] png(long seed) throws IOException {
        BufferedImage image = new BufferedImage(48, 48, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int x = 0; x < 48; x++) {
            for (int y = 0; y < 48; y++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static void produceAvro(
            String channel, String event, PayloadKind kind, String contentType, PayloadEncoding encoding, byte[] data)
            throws ExecutionException, InterruptedException {
        DomainEvent domainEvent = DomainEvent.newBuilder()
                .setChannel(channel)
                .setEvent(event)
                .setPayload(new Payload(kind, contentType, encoding, ByteBuffer.wrap(data)))
                .build();
        avroProducer
                .send(new ProducerRecord<>("switchboard.events", channel, DomainEventCodec.encodeAvro(domainEvent)))
                .get();
    }

    private static byte[] compress(PayloadEncoding encoding, byte[] data) {
        if (encoding == PayloadEncoding.ZSTD) {
            return Zstd.compress(data);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var stream = encoding == PayloadEncoding.GZIP
                ? new GZIPOutputStream(out)
                : new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true))) {
            stream.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] inflate(PayloadEncoding encoding, byte[] data) throws IOException {
        if (encoding == PayloadEncoding.ZSTD) {
            return Zstd.decompress(data, (int) Zstd.getFrameContentSize(data));
        }
        try (InputStream in = encoding == PayloadEncoding.GZIP
                ? new GZIPInputStream(new ByteArrayInputStream(data))
                : new InflaterInputStream(new ByteArrayInputStream(data), new Inflater(true))) {
            return in.readAllBytes();
        }
    }
}
