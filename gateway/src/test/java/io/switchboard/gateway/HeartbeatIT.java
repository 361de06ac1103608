package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.HeartbeatConfig;
import io.switchboard.gateway.config.HeartbeatProfile;
import io.switchboard.kafka.embedded.EmbeddedKafkaExtension;
import io.switchboard.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Server heartbeats on real sockets, with a hand-written client ({@link RawWebSocket}) that answers pings only when
 * told to: no WebSocket library stands between the test and the control frames.
 */
@Timeout(120)
class HeartbeatIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final AtomicInteger TOPIC_SETS = new AtomicInteger();
    private static final int PING = 0x9;
    private static final int PONG = 0xA;
    /** Pings every 200 ms, closes after 1 s of silence. */
    private static final Map<String, String> FAST = Map.of(
            HeartbeatConfig.PROFILE, HeartbeatProfile.DEVELOPMENT.configName(),
            HeartbeatConfig.INTERVAL_MS, "200",
            HeartbeatConfig.TIMEOUT_MS, "1000");

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private SwitchboardGateway gateway;

    @BeforeEach
    void startGateway() throws Exception {
        Topics topics = new Topics("hb" + TOPIC_SETS.incrementAndGet());
        track(new ProcessorStandIn(KAFKA.bootstrapServers(), topics, "metrics"));
        Map<String, String> settings = new HashMap<>(FAST);
        settings.put(GatewayConfig.TOPIC_PREFIX, topics.prefix());
        gateway = track(SwitchboardGateway.start(GatewayConfig.forTests(KAFKA.bootstrapServers(), settings)));
    }

    @AfterEach
    void closeEverything() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }

    @Test
    void closesAPeerThatSendsNothingWith4010() throws Exception {
        RawWebSocket silent = track(RawWebSocket.connect(gateway.port(), 64 * 1024));
        AtomicInteger pings = new AtomicInteger();

        RawWebSocket.Frame close = silent.readUntilClose(frame -> {
            if (frame.opcode() == PING) {
                pings.incrementAndGet();
            }
        });

        assertThat(close.closeCode()).isEqualTo(4010);
        assertThat(pings).as("it was pinged before being closed").hasPositiveValue();
    }

    @Test
    void keepsAPeerThatAnswersPingsOpenPastTheTimeoutAndRecordsTheRoundTrips() throws Exception {
        RawWebSocket answering = track(RawWebSocket.connect(gateway.port(), 64 * 1024));
        assertThat(answering.readFrame().text()).contains("\"heartbeat_ms\":200");

        // 8 pings at 200 ms: well past the 1 s timeout, kept open only by the pongs
        int answered = 0;
        while (answered < 8) {
            RawWebSocket.Frame frame = answering.readFrame();
            assertThat(frame.opcode()).as("no close while answering").isNotEqualTo(RawWebSocket.CLOSE);
            if (frame.opcode() == PING) {
                answering.startFrame(PONG, frame.payload().length).write(frame.payload());
                answered++;
            }
        }

        answering.sendText("{\"type\":\"ping\",\"id\":\"still-there\"}".getBytes(StandardCharsets.UTF_8));
        RawWebSocket.Frame reply;
        do {
            reply = answering.readFrame();
        } while (reply.opcode() == PING);
        assertThat(reply.text()).contains("\"type\":\"pong\"").contains("still-there");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        HttpProbe.sampleOrZero(gateway.port(), "switchboard_gateway_heartbeat_rtt_seconds_count"))
                .isGreaterThanOrEqualTo(8));
    }

    @Test
    void answersTheClientsPingWithAPongThatEchoesItsPayload() throws Exception {
        RawWebSocket client = track(RawWebSocket.connect(gateway.port(), 64 * 1024));
        client.readFrame(); // welcome
        byte[] payload = "are you there".getBytes(StandardCharsets.UTF_8);

        client.startFrame(PING, payload.length).write(payload);

        RawWebSocket.Frame frame;
        do {
            frame = client.readFrame();
        } while (frame.opcode() == PING);
        assertThat(frame.opcode()).isEqualTo(PONG);
        assertThat(frame.payload()).isEqualTo(payload);
    }

    @Test
    void anUnsolicitedPongCountsAsASignOfLifeButNotAsARoundTrip() throws Exception {
        RawWebSocket client = track(RawWebSocket.connect(gateway.port(), 64 * 1024));
        client.readFrame(); // welcome
        // a client-side heartbeat: pongs of its own every ping, with a payload that is no ping's
        int sent = 0;
        while (sent < 8) {
            RawWebSocket.Frame frame = client.readFrame();
            assertThat(frame.opcode()).isNotEqualTo(RawWebSocket.CLOSE);
            if (frame.opcode() == PING) {
                client.startFrame(PONG, 3).write(new byte[] {1, 2, 3});
                sent++;
            }
        }

        assertThat(HttpProbe.sampleOrZero(gateway.port(), "switchboard_gateway_heartbeat_rtt_seconds_count"))
                .isZero();
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.push(resource);
        return resource;
    }
}
