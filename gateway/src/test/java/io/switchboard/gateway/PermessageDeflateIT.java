package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.kafka.embedded.EmbeddedKafkaExtension;
import io.switchboard.schemas.Topics;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The permessage-deflate option (gateway.ws.permessage-deflate) through real sockets, with Undertow's client. */
@Timeout(120)
class PermessageDeflateIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final AtomicInteger TOPIC_SETS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private Topics topics;
    private UndertowWsClient.Clients clients;

    @BeforeEach
    void setUp() throws Exception {
        topics = new Topics("deflate" + TOPIC_SETS.incrementAndGet());
        resources.push(new ProcessorStandIn(KAFKA.bootstrapServers(), topics, "metrics"));
        clients = new UndertowWsClient.Clients();
        resources.push(clients);
    }

    @AfterEach
    void closeEverything() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }

    @Test
    void whenOnAClientOfferingTheExtensionGetsItAndStillExchangesMessages() throws Exception {
        SwitchboardGateway gateway = gateway(true);

        UndertowWsClient client = track(clients.connect(gateway.port(), true));

        assertThat(client.acceptedExtensions()).containsExactly("permessage-deflate");
        assertWelcomedAndAnswersPing(client);
    }

    @Test
    void whenOnAClientNotOfferingTheExtensionWorksWithoutIt() throws Exception {
        SwitchboardGateway gateway = gateway(true);

        UndertowWsClient client = track(clients.connect(gateway.port(), false));

        assertThat(client.acceptedExtensions()).isEmpty();
        assertWelcomedAndAnswersPing(client);
    }

    @Test
    void whenOffTheExtensionIsNotAcceptedEvenWhenOffered() throws Exception {
        SwitchboardGateway gateway = gateway(false);

        UndertowWsClient client = track(clients.connect(gateway.port(), true));

        assertThat(client.acceptedExtensions()).isEmpty();
        assertWelcomedAndAnswersPing(client);
    }

    private void assertWelcomedAndAnswersPing(UndertowWsClient client) throws Exception {
        assertThat(JSON.readTree(client.next()).path("type").asText()).isEqualTo("welcome");
        String id = "ping-1";
        client.send("{\"type\":\"ping\",\"id\":\"" + id + "\"}");
        JsonNode pong = JSON.readTree(client.next());
        assertThat(pong.path("type").asText()).isEqualTo("pong");
        assertThat(pong.path("id").asText()).isEqualTo(id);
    }

    private SwitchboardGateway gateway(boolean deflate) {
        GatewayConfig config = GatewayConfig.forTests(
                KAFKA.bootstrapServers(),
                Map.of(
                        GatewayConfig.TOPIC_PREFIX, topics.prefix(),
                        GatewayConfig.WS_PERMESSAGE_DEFLATE, Boolean.toString(deflate),
                        GatewayConfig.WS_DEFLATE_LEVEL, "6"));
        return track(SwitchboardGateway.start(config));
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.push(resource);
        return resource;
    }
}
