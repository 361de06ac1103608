package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.gateway.RawWebSocket;
import io.switchboard.gateway.config.GatewayConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that stops reading is shed with 4009; the others on the same channel get every message. The events are
 * produced one at a time, so no single burst exceeds the queue bound of a client that does read: 16 MB in all, more
 * than the kernel's socket buffers (4 MB here) and the most the 2 MiB queue can hold for the one that does not. That
 * most is 8 MiB, not 2: a queue whose writer still makes progress may hold 4x its bounds for a burst, so with 8 MB
 * the slow reader was shed only when its writer had stalled in time, and once in a while it never was.
 */
class SlowConsumerIT {
    private static final int EVENTS = 2000;
    private static final String PAD = "x".repeat(8 * 1024);

    @RegisterExtension
    static final SwitchboardCluster CLUSTER = new SwitchboardCluster(
            1,
            Map.of(
                    GatewayConfig.OUTBOUND_MAX_QUEUED_BYTES, Integer.toString(2 * 1024 * 1024),
                    GatewayConfig.OUTBOUND_MAX_QUEUED_FRAMES, "1024",
                    GatewayConfig.OUTBOUND_CLOSE_TIMEOUT_MS, "30000"));

    @Test
    void closesASlowConsumerWith4009WhileOthersKeepReceiving() throws Exception {
        // status: a family anonymous connections (the raw socket) may receive under the default policy
        String thread = "status";
        try (RawWebSocket slow = RawWebSocket.connect(CLUSTER.gatewayPort(0), 4096);
                TestClient healthy = CLUSTER.connect(0, "healthy", "viewer")) {
            slow.sendText(("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"" + thread + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            awaitSubscribed(slow);
            healthy.subscribe(thread);

            for (int i = 0; i < EVENTS; i++) {
                CLUSTER.produceEvent(
                        thread, "{\"channel\":\"" + thread + "\",\"data\":{\"n\":" + i + ",\"pad\":\"" + PAD + "\"}}");
            }

            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(healthy.messages(thread)).hasSize(EVENTS));
            assertThat(healthy.messages(thread))
                    .extracting(m -> m.path("data").path("n").asInt())
                    .isSorted()
                    .doesNotHaveDuplicates();
            assertThat(slow.readUntilClose(frame -> {}).closeCode()).isEqualTo(4009);
            assertThat(healthy.isClosed()).isFalse();
        }
    }

    private static void awaitSubscribed(RawWebSocket socket) throws Exception {
        while (true) {
            RawWebSocket.Frame frame = socket.readFrame();
            if (frame.opcode() == RawWebSocket.TEXT && frame.text().contains("\"subscribed\"")) {
                return;
            }
        }
    }
}
