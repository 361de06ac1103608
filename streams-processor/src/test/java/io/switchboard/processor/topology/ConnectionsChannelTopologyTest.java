package io.switchboard.processor.topology;

import static io.switchboard.processor.topology.TopologyFixture.action;
import static io.switchboard.processor.topology.TopologyFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.Payload;
import io.switchboard.schemas.avro.PayloadEncoding;
import io.switchboard.schemas.avro.PayloadKind;
import io.switchboard.schemas.avro.Publish;
import io.switchboard.schemas.avro.Refused;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.Subscribe;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateways' periodic {@code gateway_summary} events on the {@code connections} channel (see docs/operations.md),
 * under the default policy: routed like any event, for admins only.
 */
class ConnectionsChannelTopologyTest {
    private static final String SUMMARY = "{\"channel\":\"connections\",\"event\":\"gateway_summary\",\"data\":"
            + "{\"gateway_id\":\"gateway-1\",\"state\":\"serving\",\"sequence\":3,\"at\":\"2026-11-20T10:00:00Z\","
            + "\"interval_ms\":10000,\"uptime_ms\":30000,\"ready\":true,\"connections_active\":2,"
            + "\"subscriptions\":5,\"channels\":3,\"connections_opened\":1,\"connections_closed\":{\"1000\":1},"
            + "\"messages_received\":4,\"messages_sent\":9,\"errors\":{},\"rate_limited\":0,\"resumes\":{}}}";

    private final TopologyFixture fixture = new TopologyFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void routesAGatewaySummaryToTheConnectionsOutputTopicKeyedByTheChannel() {
        fixture.sendEvent("gateway-1", SUMMARY);

        TestRecord<String, Delivery> out = fixture.output("connections").readRecord();

        assertThat(out.key()).isEqualTo("connections");
        assertThat(out.value().getChannel()).isEqualTo("connections");
        assertThat(out.value().getEvent()).isEqualTo("gateway_summary");
        assertThat(text(bytes(out.value().getPayload().getData())))
                .contains("\"gateway_id\":\"gateway-1\"", "\"connections_active\":2");
        assertThat(fixture.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void grantsAnAdminTheConnectionsChannelAndRefusesAViewerAndAnAnonymousConnection() {
        fixture.send(action("c-a", "ada", List.of("admin"), "s-a", new Subscribe("connections", null)));
        fixture.send(action("c-v", "vera", List.of("viewer"), "s-v", new Subscribe("connections", null)));
        fixture.send(action("c-n", null, List.of("anonymous"), "s-n", new Subscribe("connections", null)));

        List<Reply> replies = fixture.replies.readValuesToList();

        assertThat(replies.get(0).getBody()).isEqualTo(new Granted("connections", null));
        assertThat(((Refused) replies.get(1).getBody()).getCode()).isEqualTo("permission_denied");
        assertThat(((Refused) replies.get(2).getBody()).getCode()).isEqualTo("permission_denied");
        assertThat(replies).hasSize(3);
    }

    @Test
    void refusesAViewerWhoPublishesOnTheConnectionsChannel() {
        Publish publish = Publish.newBuilder()
                .setChannel("connections")
                .setEvent("gateway_summary")
                .setPayload(Payload.newBuilder()
                        .setKind(PayloadKind.JSON)
                        .setContentType("application/json")
                        .setEncoding(PayloadEncoding.NONE)
                        .setData(ByteBuffer.wrap("{}".getBytes(StandardCharsets.UTF_8)))
                        .build())
                .build();
        fixture.send(action("c-v", "vera", List.of("viewer"), "p-v", publish));

        Refused refused = (Refused) fixture.replies.readValue().getBody();

        assertThat(refused.getCode()).isEqualTo("permission_denied");
        assertThat(fixture.published("connections").isEmpty()).isTrue();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
