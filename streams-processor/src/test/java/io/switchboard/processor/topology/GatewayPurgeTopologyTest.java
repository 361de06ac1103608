package io.switchboard.processor.topology;

import static io.switchboard.processor.topology.TokenRequests.CREDENTIALS_EXPIRE_AT;
import static io.switchboard.processor.topology.TokenRequests.STATUS_AT_5;
import static io.switchboard.processor.topology.TokenRequests.VIEWER;
import static io.switchboard.processor.topology.TopologyFixture.GATEWAYS_CHECK_INTERVAL;
import static io.switchboard.processor.topology.TopologyFixture.NOW;
import static io.switchboard.processor.topology.TopologyFixture.action;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.processor.topology.TokenRequests.Issued;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Connect;
import io.switchboard.schemas.avro.ConnectionState;
import io.switchboard.schemas.avro.IssueReconnectionToken;
import io.switchboard.schemas.avro.ReconnectionToken;
import io.switchboard.schemas.avro.Resumed;
import io.switchboard.schemas.avro.Subscribe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A gateway that crashed never sends its connections' Disconnects; once its lease in {@code switchboard.gateways}
 * has expired, answer-actions ends them as such a Disconnect (close code 1006, no positions) would.
 */
class GatewayPurgeTopologyTest {
    private static final String DEAD = "gw-dead";
    private static final String LIVE = "gw-live";
    private static final String UNLEASED = "gw-unleased";

    private final TopologyFixture fixture = new TopologyFixture();
    private final TokenRequests tokens = new TokenRequests(fixture);

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void endsTheConnectionsOfAGatewayWhoseLeaseExpiredAndCountsThemOnce() {
        connect("c-1", "alice", DEAD);
        connect("c-2", "bob", DEAD);
        connect("c-3", "carol", LIVE);
        connect("c-4", "dave", UNLEASED);
        fixture.lease(DEAD, NOW.plusSeconds(1));
        leasesFlowAfter(NOW.plusSeconds(2));

        check();

        assertThat(connectionIds()).containsExactlyInAnyOrder("c-3", "c-4");
        assertThat(fixture.counter("connections", "purged")).isEqualTo(2.0);

        check();

        assertThat(connectionIds()).containsExactlyInAnyOrder("c-3", "c-4");
        assertThat(fixture.counter("connections", "purged")).isEqualTo(2.0);
    }

    @Test
    void waitsUntilTheLeaseHasExpiredByTheWallClock() {
        connect("c-1", "alice", DEAD);
        Instant expiry = NOW.plus(GATEWAYS_CHECK_INTERVAL).plusSeconds(1);
        fixture.lease(DEAD, expiry);
        leasesFlowAfter(expiry.plus(Duration.between(NOW, expiry)));

        check();
        assertThat(connectionIds()).containsExactly("c-1");

        check();
        assertThat(connectionIds()).isEmpty();
    }

    @Test
    void purgesNothingForAGatewayThatStoppedGracefully() {
        connect("c-1", "alice", DEAD);
        fixture.lease(DEAD, NOW.minusSeconds(1));
        fixture.gateways.pipeInput(DEAD, (byte[]) null);
        leasesFlowAfter(NOW.plusSeconds(1));

        check();

        assertThat(fixture.gatewaysStore().get(DEAD)).isNull();
        assertThat(connectionIds()).containsExactly("c-1");
        assertThat(fixture.counter("connections", "purged")).isZero();
    }

    @Test
    void keepsTheConnectionsOfAGatewayWhoseLeaseWasRenewedInTime() {
        connect("c-1", "alice", DEAD);
        fixture.lease(DEAD, NOW.plusSeconds(1));
        fixture.lease(DEAD, NOW.plus(Duration.ofMinutes(1)));
        leasesFlowAfter(NOW.plusSeconds(2));

        check();

        assertThat(connectionIds()).containsExactly("c-1");
    }

    @Test
    void keepsTheNewConnectionsOfAGatewayThatRenewsItsLeaseAfterThePurge() {
        connect("c-1", "alice", DEAD);
        fixture.lease(DEAD, NOW.plusSeconds(1));
        leasesFlowAfter(NOW.plusSeconds(2));
        check();
        assertThat(connectionIds()).isEmpty();

        fixture.lease(DEAD, NOW.plus(Duration.ofHours(1)));
        connect("c-2", "alice", DEAD);
        check();

        assertThat(connectionIds()).containsExactly("c-2");
        assertThat(fixture.counter("connections", "purged")).isEqualTo(1.0);
    }

    @Test
    void leavesTheTokensOfAPurgedConnectionRestoringWhatTheyHeldWhenIssued() {
        connect("c-1", "alice", DEAD);
        fixture.send(on(DEAD, action("c-1", "alice", VIEWER, "s", new Subscribe("status", null))));
        fixture.replies.readRecordsToList();
        Issued purgedToken = issue("c-1", DEAD);
        fixture.sessions.readRecordsToList();
        fixture.lease(DEAD, NOW.plusSeconds(1));
        leasesFlowAfter(NOW.plusSeconds(2));

        check();

        assertThat(connectionIds()).isEmpty();
        // a dead gateway reports no positions, and none would be better than those the token was issued with
        assertThat(fixture.sessions.readRecordsToList()).isEmpty();
        assertThat(tokens.resume("c-9", LIVE, purgedToken.hash(), NOW.plusSeconds(10))
                        .value()
                        .getBody())
                .isEqualTo(new Resumed("alice", VIEWER, CREDENTIALS_EXPIRE_AT, List.of(STATUS_AT_5)));
    }

    @Test
    void purgesNobodyAfterAKafkaOutageUntilTheOthersRenewedForAFullLeasePeriod() {
        connect("c-1", "alice", DEAD);
        connect("c-2", "bob", LIVE);
        // both leases ran out while nobody could write: an outage, not a death
        fixture.lease(DEAD, NOW.minusSeconds(10), NOW.minusSeconds(8));
        fixture.lease(LIVE, NOW.minusSeconds(10), NOW.minusSeconds(8));

        check();
        assertThat(connectionIds()).containsExactlyInAnyOrder("c-1", "c-2");

        // Kafka is back: LIVE renews at once, DEAD has not yet, but a lease period has not passed since the expiry
        fixture.lease(LIVE, NOW.minusSeconds(7), NOW.plusSeconds(60));
        check();
        assertThat(connectionIds()).containsExactlyInAnyOrder("c-1", "c-2");

        // LIVE keeps renewing for longer than DEAD's lease period past its expiry: DEAD is presumed dead
        fixture.lease(LIVE, NOW.minusSeconds(5), NOW.plusSeconds(60));
        check();
        assertThat(connectionIds()).containsExactly("c-2");
        assertThat(fixture.counter("connections", "purged")).isEqualTo(1.0);
    }

    /** Another gateway renews its lease at {@code renewedAt}: the leases topic is flowing then. */
    private void leasesFlowAfter(Instant renewedAt) {
        fixture.lease(LIVE, renewedAt.plusMillis(1), renewedAt.plus(Duration.ofHours(1)));
    }

    private void connect(String connectionId, String userId, String gatewayId) {
        fixture.send(on(gatewayId, action(connectionId, userId, VIEWER, null, new Connect(List.of(), null))));
        fixture.replies.readRecordsToList();
    }

    // Asked at NOW, so that the token is still valid when the wall clock reaches the purge.
    private Issued issue(String connectionId, String gatewayId) {
        IssueReconnectionToken request = new IssueReconnectionToken(List.of(STATUS_AT_5), CREDENTIALS_EXPIRE_AT);
        ClientAction action = ClientAction.newBuilder(
                        on(gatewayId, action(connectionId, "alice", VIEWER, "t", request)))
                .setTime(NOW)
                .build();
        fixture.send(action);
        String token = ((ReconnectionToken) fixture.replies.readValue().getBody()).getToken();
        return new Issued(token, TokenRequests.sha256Hex(token));
    }

    private static ClientAction on(String gatewayId, ClientAction action) {
        return ClientAction.newBuilder(action).setGatewayId(gatewayId).build();
    }

    private void check() {
        fixture.driver.advanceWallClockTime(GATEWAYS_CHECK_INTERVAL);
    }

    private List<String> connectionIds() {
        try (KeyValueIterator<String, ConnectionState> entries =
                fixture.connections().all()) {
            List<String> ids = new ArrayList<>();
            entries.forEachRemaining(entry -> ids.add(entry.key));
            return ids;
        }
    }
}
