package io.switchboard.processor.topology;

import static io.switchboard.processor.topology.TopologyFixture.action;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.AclRule;
import io.switchboard.schemas.avro.Connect;
import io.switchboard.schemas.avro.ConnectionState;
import io.switchboard.schemas.avro.Disconnect;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.Permission;
import io.switchboard.schemas.avro.Position;
import io.switchboard.schemas.avro.Refused;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.Subscribe;
import io.switchboard.schemas.avro.Unsubscribe;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Subscribe decisions against the ACL in {@code acl-store}, and the connections they leave in the store. */
class AccessControlTopologyTest {
    private final TopologyFixture fixture = new TopologyFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void refusesAViewerTheSignalsChannel() {
        fixture.send(action("c-1", "vera", List.of("viewer"), "s-1", new Subscribe("signals", null)));

        Reply reply = fixture.replies.readValue();
        assertThat(reply.getRequestId()).isEqualTo("s-1");
        Refused refused = (Refused) reply.getBody();
        assertThat(refused.getChannel()).isEqualTo("signals");
        assertThat(refused.getCode()).isEqualTo("permission_denied");
        assertThat(fixture.connections().get("c-1")).isNull();
    }

    @Test
    void grantsAnAdminTheSignalsChannelAndRecordsIt() {
        fixture.send(action("c-1", "ada", List.of("admin"), "s-1", new Subscribe("signals", null)));

        assertThat(fixture.replies.readValue().getBody()).isEqualTo(new Granted("signals", null));
        ConnectionState state = fixture.connections().get("c-1");
        assertThat(state.getGatewayId()).isEqualTo(TopologyFixture.GATEWAY);
        assertThat(state.getUserId()).isEqualTo("ada");
        assertThat(state.getRoles()).containsExactly("admin");
        assertThat(state.getChannels()).containsExactly("signals");
    }

    @Test
    void grantsAPersonalChannelToItsOwnerOnly() {
        fixture.send(action("c-a", "alice", List.of("viewer"), "own", new Subscribe("user:alice", null)));
        fixture.send(action("c-b", "bob", List.of("admin"), "other", new Subscribe("user:alice", null)));

        List<Reply> replies = fixture.replies.readValuesToList();
        assertThat(replies.get(0).getBody()).isEqualTo(new Granted("user:alice", new Position(-1L, "")));
        Refused refused = (Refused) replies.get(1).getBody();
        assertThat(refused.getCode()).isEqualTo("permission_denied");
        assertThat(replies.get(1).getConnectionId()).isEqualTo("c-b");
    }

    @Test
    void subscribesAnAuthenticatedConnectionToItsPersonalChannelAtConnect() {
        fixture.send(action("c-1", "alice", List.of("viewer"), "hello", new Connect(List.of(), null)));

        Reply reply = fixture.replies.readValue();
        assertThat(reply.getConnectionId()).isEqualTo("c-1");
        assertThat(reply.getRequestId()).isNull();
        assertThat(reply.getTime()).isEqualTo(TopologyFixture.ACTION_TIME);
        assertThat(reply.getBody()).isEqualTo(new Granted("user:alice", new Position(-1L, "")));
        assertThat(fixture.replies.isEmpty()).isTrue();
        assertThat(fixture.connections().get("c-1").getChannels()).containsExactly("user:alice");
    }

    @Test
    void grantsNothingAtConnectToAnAnonymousConnectionButRecordsIt() {
        fixture.send(action("c-1", null, List.of("anonymous"), null, new Connect(List.of(), null)));

        assertThat(fixture.replies.isEmpty()).isTrue();
        ConnectionState state = fixture.connections().get("c-1");
        assertThat(state.getUserId()).isNull();
        assertThat(state.getChannels()).isEmpty();
    }

    @Test
    void forgetsTheChannelOnUnsubscribeAndTheConnectionOnDisconnect() {
        fixture.send(action("c-1", "alice", List.of("viewer"), null, new Connect(List.of(), null)));
        fixture.send(action("c-1", "alice", List.of("viewer"), "s", new Subscribe("metrics", null)));
        fixture.send(action("c-1", "alice", List.of("viewer"), "s", new Subscribe("status", null)));
        fixture.send(action("c-1", "alice", List.of("viewer"), "u", new Unsubscribe("metrics")));

        assertThat(fixture.connections().get("c-1").getChannels()).containsExactly("user:alice", "status");

        fixture.send(action("c-1", "alice", List.of("viewer"), null, new Disconnect(1000, List.of())));

        assertThat(fixture.connections().get("c-1")).isNull();
    }

    @Test
    void refusesAConfiguredFamilyWithoutRuleAsPermissionDenied() {
        fixture.acl.pipeInput("signals", null);
        fixture.send(action("c-1", "ada", List.of("admin"), "s", new Subscribe("signals", null)));

        Refused refused = (Refused) fixture.replies.readValue().getBody();
        assertThat(refused.getCode()).isEqualTo("permission_denied");
        assertThat(refused.getMessage()).contains("no permission rule");
    }

    @Test
    void grantsAndRoutesAFamilyThatOnlyAnAclRuleNames() {
        fixture.send(action("c-1", "carl", List.of("viewer"), "before", new Subscribe("weather:paris", null)));
        fixture.acl.pipeInput("weather:*", rule(Map.of("user", List.of(Permission.SUBSCRIBE))));
        fixture.send(action("c-1", "carl", List.of("viewer"), "after", new Subscribe("weather:paris", null)));
        fixture.sendEvent("weather:paris", "{\"channel\":\"weather:paris\",\"data\":{\"t\":12}}");

        List<Reply> replies = fixture.replies.readValuesToList();
        assertThat(((Refused) replies.get(0).getBody()).getCode()).isEqualTo("unknown_channel");
        assertThat(replies.get(1).getBody()).isEqualTo(new Granted("weather:paris", null));
        assertThat(fixture.output("weather").readKeyValue().key).isEqualTo("weather:paris");
        assertThat(fixture.deadLetters.isEmpty()).isTrue();
    }

    static AclRule rule(Map<String, List<Permission>> roles) {
        return AclRule.newBuilder()
                .setRoles(roles)
                .setUpdatedAt(TopologyFixture.NOW)
                .setUpdatedBy("test")
                .build();
    }
}
