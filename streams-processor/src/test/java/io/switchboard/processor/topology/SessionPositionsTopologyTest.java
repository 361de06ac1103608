package io.switchboard.processor.topology;

import static io.switchboard.processor.topology.TokenRequests.CREDENTIALS_EXPIRE_AT;
import static io.switchboard.processor.topology.TokenRequests.STATUS_AT_5;
import static io.switchboard.processor.topology.TokenRequests.VIEWER;
import static io.switchboard.processor.topology.TokenRequests.tokenInvalid;
import static io.switchboard.processor.topology.TopologyFixture.ACTION_TIME;
import static io.switchboard.processor.topology.TopologyFixture.TOKEN_TTL;
import static io.switchboard.processor.topology.TopologyFixture.action;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.processor.topology.TokenRequests.Issued;
import io.switchboard.schemas.avro.Ack;
import io.switchboard.schemas.avro.ChannelPosition;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Connect;
import io.switchboard.schemas.avro.Disconnect;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.Position;
import io.switchboard.schemas.avro.Resumed;
import io.switchboard.schemas.avro.SessionSnapshot;
import io.switchboard.schemas.avro.Subscribe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A session follows its connection until it closes: the positions at disconnect are what a token restores, and the
 * resumed connection's personal channel continues from there rather than from the user's cursor.
 */
class SessionPositionsTopologyTest {
    private static final ChannelPosition STATUS_AT_9 = new ChannelPosition("status", 9L, "epoch-s", false);
    private static final ChannelPosition INBOX_AT_60 = new ChannelPosition("user:alice", 60L, "epoch-u", false);
    private static final ChannelPosition METRICS_AT_1 = new ChannelPosition("metrics", 1L, "epoch-m", false);

    private final TopologyFixture fixture = new TopologyFixture();
    private final TokenRequests tokens = new TokenRequests(fixture);

    @BeforeEach
    void aliceHoldsHerInboxAndStatus() {
        fixture.send(action("c-1", "alice", VIEWER, null, new Connect(List.of(), null)));
        fixture.send(action("c-1", "alice", VIEWER, "s", new Subscribe("status", null)));
        fixture.replies.readValuesToList();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void writesThePositionsAtDisconnectIntoTheSessionOfTheConnectionsToken() {
        Issued issued = tokens.issue("c-1", "alice", List.of(STATUS_AT_5));
        fixture.sessions.readRecordsToList();

        disconnect("c-1", ACTION_TIME.plusSeconds(60), List.of(METRICS_AT_1, STATUS_AT_9, INBOX_AT_60));

        TestRecord<String, SessionSnapshot> session = fixture.sessions.readRecord();
        assertThat(session.key()).isEqualTo(issued.hash());
        assertThat(session.value().getChannels()).containsExactly(STATUS_AT_9, INBOX_AT_60);
        assertThat(session.value().getExpiresAt()).isEqualTo(ACTION_TIME.plus(TOKEN_TTL));
        assertThat(session.value().getCredentialsExpireAt()).isEqualTo(CREDENTIALS_EXPIRE_AT);
        assertThat(session.value().getUsed()).isFalse();
        assertThat(fixture.connections().get("c-1")).isNull();
        Object resumed = tokens.resume("c-2", "gw-2", issued.hash(), ACTION_TIME.plusSeconds(90))
                .value()
                .getBody();
        assertThat(resumed)
                .isEqualTo(new Resumed("alice", VIEWER, CREDENTIALS_EXPIRE_AT, List.of(STATUS_AT_9, INBOX_AT_60)));
    }

    @Test
    void leavesTheSessionsOfExpiredTokensAloneAtDisconnect() {
        tokens.issueAt("c-1", ACTION_TIME, List.of(STATUS_AT_5)); // expires at ACTION_TIME + 5 min
        Issued lasting = tokens.issueAt("c-1", ACTION_TIME.plus(Duration.ofMinutes(3)), List.of(STATUS_AT_5));
        fixture.sessions.readRecordsToList();

        disconnect("c-1", ACTION_TIME.plus(Duration.ofMinutes(6)), List.of(STATUS_AT_9));

        assertThat(fixture.sessions.readRecordsToList())
                .extracting(TestRecord::key)
                .containsExactly(lasting.hash());
    }

    @Test
    void neverRevivesATokenUsedBeforeTheOldConnectionsDisconnectArrived() {
        Issued issued = tokens.issue("c-1", "alice", List.of(STATUS_AT_5));
        tokens.resume("c-2", "gw-2", issued.hash(), ACTION_TIME.plusSeconds(10));

        disconnect("c-1", ACTION_TIME.plusSeconds(20), List.of(STATUS_AT_9));

        assertThat(fixture.sessionsStore().get(issued.hash()).getUsed()).isTrue();
        assertThat(fixture.sessionsStore().get(issued.hash()).getChannels()).containsExactly(STATUS_AT_5);
        assertThat(tokens.resume("c-3", "gw-3", issued.hash(), ACTION_TIME.plusSeconds(30))
                        .value()
                        .getBody())
                .isEqualTo(tokenInvalid());
    }

    @Test
    void writesNoSessionAtTheDisconnectOfAConnectionWithoutTokens() {
        disconnect("c-1", ACTION_TIME, List.of(STATUS_AT_9));
        disconnect("c-never-connected", ACTION_TIME, List.of(STATUS_AT_9));

        assertThat(fixture.sessions.isEmpty()).isTrue();
        assertThat(fixture.connections().get("c-1")).isNull();
    }

    @Test
    void continuesTheResumedPersonalChannelFromTheSessionRatherThanTheCursor() {
        fixture.send(action("c-1", "alice", VIEWER, null, new Ack("user:alice", 41L, "epoch-u")));
        Position fromSession = new Position(60L, "epoch-u");

        fixture.send(action("c-2", "alice", VIEWER, null, new Connect(List.of(), fromSession)));
        fixture.send(action("c-3", "alice", VIEWER, null, new Connect(List.of(), null)));

        assertThat(fixture.replies.readRecordsToList())
                .extracting(record -> record.value().getBody())
                .containsExactly(
                        new Granted("user:alice", fromSession),
                        new Granted("user:alice", new Position(41L, "epoch-u")));
    }

    private void disconnect(String connectionId, Instant time, List<ChannelPosition> delivered) {
        ClientAction action = ClientAction.newBuilder(
                        action(connectionId, "alice", VIEWER, null, new Disconnect(1001, delivered)))
                .setTime(time)
                .build();
        fixture.send(action);
    }
}
