package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.kafka.embedded.EmbeddedKafkaExtension;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.Subscribe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A gateway that is behind sheds nobody who reads: its I/O threads are made slow (a write hook spends time before
 * every batch, as an overloaded gateway's threads do), so the queues of clients that read at full speed go far over
 * their bounds; only the client whose socket takes nothing is closed with 4009. The outbound backlog is bounded low,
 * so the delivery consumer also holds back reading Kafka while the dead reader's queue fills it, and must still shed
 * that reader without any offer to its queue.
 */
@Timeout(180)
class OverloadIT {
    private static final String CHANNEL = "forum_threads:7";
    private static final int MESSAGES = 2000;
    private static final int READERS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private ProcessorStandIn processor;
    private SwitchboardGateway gateway;
    private Topics topics;

    @BeforeEach
    void start() throws Exception {
        topics = new Topics("overload");
        processor = track(new ProcessorStandIn(KAFKA.bootstrapServers(), topics, "forum_threads", "user"));
        GatewayConfig config = GatewayConfig.forTests(
                KAFKA.bootstrapServers(),
                Map.of(
                        GatewayConfig.TOPIC_PREFIX, topics.prefix(),
                        GatewayConfig.OUTBOUND_MAX_BACKLOG_BYTES, Integer.toString(512 * 1024),
                        GatewayConfig.OUTBOUND_MAX_QUEUED_BYTES, Integer.toString(64 * 1024),
                        GatewayConfig.OUTBOUND_MAX_QUEUED_FRAMES, "64",
                        GatewayConfig.OUTBOUND_CLOSE_TIMEOUT_MS, "30000"));
        // about 1 ms a batch plus 20 µs a frame: an I/O thread that the load keeps busy
        gateway =
                track(SwitchboardGateway.start(config, frames -> LockSupport.parkNanos(1_000_000L + frames * 20_000L)));
    }

    @AfterEach
    void closeEverything() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }

    @Test
    void shedsOnlyTheClientThatStoppedReadingWhileTheGatewayIsBehind() throws Exception {
        List<WsTestClient> readers = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            WsTestClient reader = track(WsTestClient.welcomed(gateway));
            subscribe(reader);
            readers.add(reader);
        }
        RawWebSocket deadReader = track(RawWebSocket.connect(gateway.port(), 4096));
        String deadId = subscribe(deadReader);

        // 8 KiB a message, 16 MB in all: more than the kernel's socket buffers hold for the reader that stopped
        SequenceWriter writer = track(new SequenceWriter(KAFKA.bootstrapServers(), topics, CHANNEL, 8 * 1024));
        writer.write(0, MESSAGES, 50);

        for (WsTestClient reader : readers) {
            assertConsecutive(reader, MESSAGES);
        }
        RawWebSocket.Frame close = deadReader.readUntilClose(frame -> {});
        assertThat(close.closeCode()).as("the reader that stopped, %s", deadId).isEqualTo(4009);
        for (WsTestClient reader : readers) {
            reader.send("{\"type\":\"ping\",\"id\":\"still-open\"}");
            assertThat(reader.next().path("type").asText()).isEqualTo("pong");
        }
    }

    private void subscribe(WsTestClient client) throws Exception {
        client.send("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"" + CHANNEL + "\"}");
        grant(client.connectionId);
        assertThat(client.next().path("type").asText()).isEqualTo("subscribed");
    }

    /** Reads the welcome, subscribes and reads up to the subscribed frame; returns the connection id. */
    private String subscribe(RawWebSocket socket) throws Exception {
        JsonNode welcome = JSON.readTree(socket.readFrame().text());
        String connectionId = welcome.path("connection_id").asText();
        socket.sendText(("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"" + CHANNEL + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        grant(connectionId);
        while (!socket.readFrame().text().contains("\"subscribed\"")) {
            // replies before it, if any
        }
        return connectionId;
    }

    private void grant(String connectionId) throws Exception {
        processor.awaitAction(of(connectionId));
        processor.reply(gateway.gatewayId(), connectionId, "s", new Granted(CHANNEL, null));
    }

    /** Every message, once, in order, and the connection still open. */
    private static void assertConsecutive(WsTestClient client, int count) throws Exception {
        for (int seq = 0; seq < count; seq++) {
            JsonNode message = client.next();
            assertThat(message.path("type").asText()).isEqualTo("message");
            assertThat(message.path("data").path("seq").asInt()).isEqualTo(seq);
        }
        assertThat(client.isOpen()).isTrue();
    }

    private static Predicate<ClientAction> of(String connectionId) {
        return action -> action.getConnectionId().equals(connectionId) && action.getAction() instanceof Subscribe;
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.push(resource);
        return resource;
    }
}
