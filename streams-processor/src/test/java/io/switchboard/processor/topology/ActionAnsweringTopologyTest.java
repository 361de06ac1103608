package io.switchboard.processor.topology;

import static io.switchboard.processor.topology.TopologyFixture.ACTION_TIME;
import static io.switchboard.processor.topology.TopologyFixture.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Connect;
import io.switchboard.schemas.avro.Disconnect;
import io.switchboard.schemas.avro.Ended;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.Position;
import io.switchboard.schemas.avro.Refused;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.Subscribe;
import io.switchboard.schemas.avro.Unsubscribe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ActionAnsweringTopologyTest {
    private final TopologyFixture fixture = new TopologyFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void grantsSubscribeToKnownFamilyToTheConnectionThroughItsGateway() {
        Position since = new Position(41L, "epoch-1");
        send(action("alice", "req-1", new Subscribe("metrics", since)));

        TestRecord<String, Reply> reply = fixture.replies.readRecord();

        assertThat(reply.key()).isEqualTo("gw-1");
        assertThat(reply.value().getConnectionId()).isEqualTo("c-1");
        assertThat(reply.value().getRequestId()).isEqualTo("req-1");
        assertThat(reply.value().getTime()).isEqualTo(ACTION_TIME);
        assertThat(reply.value().getBody()).isEqualTo(new Granted("metrics", since));
    }

    @Test
    void refusesUnknownFamilyAsUnknownChannel() {
        send(action(null, "r", new Subscribe("weather:paris", null)));

        Refused refused = (Refused) fixture.replies.readValue().getBody();
        assertThat(refused.getChannel()).isEqualTo("weather:paris");
        assertThat(refused.getCode()).isEqualTo("unknown_channel");
        assertThat(refused.getMessage()).contains("weather");
    }

    @Test
    void refusesAnInvalidChannelNameAsUnknownChannel() {
        send(action("alice", "r", new Subscribe("Bad Name", null)));

        assertThat(((Refused) fixture.replies.readValue().getBody()).getCode()).isEqualTo("unknown_channel");
    }

    @Test
    void grantsOnlyTheUsersOwnPersonalChannel() {
        send(action("alice", "own", new Subscribe("user:alice", null)));
        send(action("alice", "other", new Subscribe("user:bob", null)));
        send(action(null, "anonymous", new Subscribe("user:alice", null)));

        List<Reply> replies = fixture.replies.readValuesToList();

        assertThat(replies.get(0).getBody()).isEqualTo(new Granted("user:alice", new Position(-1L, "")));
        assertThat(((Refused) replies.get(1).getBody()).getCode()).isEqualTo("permission_denied");
        assertThat(((Refused) replies.get(2).getBody()).getCode()).isEqualTo("permission_denied");
        assertThat(fixture.counter("actions", "refused")).isEqualTo(2.0);
    }

    @Test
    void endsTheSubscriptionOnUnsubscribe() {
        send(action("alice", "u-1", new Unsubscribe("metrics")));

        Reply reply = fixture.replies.readValue();
        assertThat(reply.getRequestId()).isEqualTo("u-1");
        assertThat(reply.getBody()).isEqualTo(new Ended("metrics", "client"));
    }

    @Test
    void answersNothingToAnAnonymousConnectNorToDisconnect() {
        send(action(null, null, new Connect(List.of(), null)));
        send(action("alice", null, new Disconnect(1000, List.of())));
        send(action("alice", "after", new Unsubscribe("status")));

        assertThat(fixture.replies.readValuesToList())
                .singleElement()
                .satisfies(reply -> assertThat(reply.getRequestId()).isEqualTo("after"));
    }

    @Test
    void deadLettersAnUnreadableActionAndAnswersTheNextOne() {
        byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
        fixture.rawActions.pipeInput("alice", garbage);
        send(action("alice", "next", new Subscribe("status", null)));

        TestRecord<String, byte[]> dead = fixture.actionDeadLetters.readRecord();
        assertThat(dead.value()).containsExactly(garbage);
        assertThat(header(dead.headers(), "error.stage")).isEqualTo("deserialize");
        assertThat(header(dead.headers(), "error.source.topic")).isEqualTo(fixture.topics.actions());
        assertThat(header(dead.headers(), "error.reason")).contains("ClientAction");
        assertThat(fixture.replies.readValue().getRequestId()).isEqualTo("next");
    }

    private void send(ClientAction action) {
        fixture.send(action);
    }

    private static ClientAction action(String userId, String requestId, Object body) {
        List<String> roles = userId == null ? List.of("anonymous") : List.of("viewer");
        return TopologyFixture.action("c-1", userId, roles, requestId, body);
    }
}
