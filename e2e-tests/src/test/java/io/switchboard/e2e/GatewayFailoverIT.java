package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A gateway stops while events keep coming: its client is closed with 1001, connects to another gateway, subscribes
 * with {@code since} at the last message it got, and sees every event once, in order (PROTOCOL.md, "Recovery").
 */
class GatewayFailoverIT {
    private static final int EVENTS = 600;

    @RegisterExtension
    static final SwitchboardCluster CLUSTER = new SwitchboardCluster(2);

    @Test
    void aClientThatResumesOnAnotherGatewayMissesNothingAndGetsNothingTwice() throws Exception {
        String thread = "forum_threads:" + UUID.randomUUID();
        List<JsonNode> received = new ArrayList<>();
        try (TestClient first = CLUSTER.connect(0, "mover", "viewer")) {
            first.subscribe(thread);
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
                for (int seq = 0; seq < EVENTS; seq++) {
                    CLUSTER.produceEvent(thread, "{\"channel\":\"" + thread + "\",\"data\":{\"seq\":" + seq + "}}");
                }
            });
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> first.messages(thread).size() >= EVENTS / 4);

            CLUSTER.stopGateway(0);
            assertThat(first.awaitClose()).isEqualTo(1001);
            received.addAll(first.messages(thread));
            JsonNode last = received.get(received.size() - 1);

            try (TestClient second = CLUSTER.connect(1, "mover", "viewer")) {
                JsonNode subscribed = second.subscribe(
                        thread, last.path("offset").asLong(), last.path("epoch").asText());
                assertThat(subscribed.path("recovered").asBoolean()).isTrue();
                producing.get();
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> received.size() + second.messages(thread).size() >= EVENTS);
                received.addAll(second.messages(thread));
            }
        }
        assertThat(received)
                .extracting(m -> m.path("data").path("seq").asInt())
                .containsExactlyElementsOf(IntStream.range(0, EVENTS).boxed().toList());
    }
}
