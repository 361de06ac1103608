package io.switchboard.processor.topology;

import static io.switchboard.processor.topology.TopologyFixture.ACTION_TIME;
import static io.switchboard.processor.topology.TopologyFixture.action;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.Ack;
import io.switchboard.schemas.avro.Connect;
import io.switchboard.schemas.avro.Cursor;
import io.switchboard.schemas.avro.Disconnect;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.Position;
import io.switchboard.schemas.avro.Subscribe;
import io.switchboard.schemas.avro.Unsubscribe;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Acks move a user's cursor; the personal channel is granted from it (PROTOCOL.md, "Offline delivery"). */
class OfflineDeliveryTopologyTest {
    private static final String INBOX = "user:alice";
    private static final String ALICE_INBOX_KEY = "alice\u0000user:alice";

    private final TopologyFixture fixture = new TopologyFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void movesTheCursorOnAnAckAndWritesItToTheCursorsTopic() {
        connect("c-1", "alice");

        ack("c-1", "alice", INBOX, 7, "epoch-1");
        ack("c-1", "alice", INBOX, 9, "epoch-1");

        List<TestRecord<String, Cursor>> written = fixture.cursors.readRecordsToList();
        assertThat(written).extracting(TestRecord::key).containsExactly(ALICE_INBOX_KEY, ALICE_INBOX_KEY);
        assertThat(written).extracting(r -> r.value().getOffset()).containsExactly(7L, 9L);
        Cursor last = written.get(1).value();
        assertThat(last).isEqualTo(new Cursor("alice", INBOX, 9L, "epoch-1", ACTION_TIME));
        assertThat(fixture.cursorsStore().get(ALICE_INBOX_KEY)).isEqualTo(last);
    }

    @Test
    void ignoresAnAckAtOrBelowTheCursor() {
        connect("c-1", "alice");
        ack("c-1", "alice", INBOX, 9, "epoch-1");
        fixture.cursors.readRecordsToList();

        ack("c-1", "alice", INBOX, 4, "epoch-1");
        ack("c-1", "alice", INBOX, 9, "epoch-1");
        ack("c-1", "alice", INBOX, 12, null); // no epoch: compared by offset, keeps the cursor's epoch
        ack("c-1", "alice", INBOX, 11, null);

        assertThat(fixture.cursors.readValuesToList())
                .singleElement()
                .isEqualTo(new Cursor("alice", INBOX, 12L, "epoch-1", ACTION_TIME));
        assertThat(fixture.cursorsStore().get(ALICE_INBOX_KEY).getOffset()).isEqualTo(12L);
    }

    @Test
    void replacesTheCursorWhenTheAckNamesAnotherEpoch() {
        connect("c-1", "alice");
        ack("c-1", "alice", INBOX, 500, "epoch-1");

        ack("c-1", "alice", INBOX, 3, "epoch-2"); // the topic was recreated: its offsets start again

        assertThat(fixture.cursorsStore().get(ALICE_INBOX_KEY))
                .isEqualTo(new Cursor("alice", INBOX, 3L, "epoch-2", ACTION_TIME));
        assertThat(fixture.cursors.readValuesToList()).hasSize(2);
    }

    @Test
    void ignoresAnAckOfAChannelTheConnectionDoesNotHold() {
        connect("c-1", "alice");
        fixture.send(action("c-1", "alice", List.of("viewer"), "s", new Subscribe("status", null)));
        fixture.send(action("c-1", "alice", List.of("viewer"), "u", new Unsubscribe("status")));

        ack("c-1", "alice", "status", 5, "epoch-1"); // granted, then released
        ack("c-1", "alice", "metrics", 5, "epoch-1"); // never asked for
        ack("c-1", "alice", "user:bob", 5, "epoch-1"); // someone else's inbox
        ack("c-unknown", "alice", INBOX, 5, "epoch-1"); // a connection that never connected

        assertThat(fixture.cursors.isEmpty()).isTrue();
        assertThat(fixture.cursorsStore().approximateNumEntries()).isZero();
        assertThat(fixture.counter("acks", "ignored")).isEqualTo(4.0);
    }

    @Test
    void ignoresAnAckOfAnAnonymousConnection() {
        fixture.send(action("c-anon", null, List.of("anonymous"), null, new Connect(List.of(), null)));
        fixture.send(action("c-anon", null, List.of("anonymous"), "s", new Subscribe("status", null)));

        ack("c-anon", null, "status", 5, "epoch-1");

        assertThat(fixture.cursors.isEmpty()).isTrue();
        assertThat(fixture.counter("acks", "ignored")).isEqualTo(1.0);
    }

    @Test
    void grantsThePersonalChannelFromTheStartOfTheInboxWhenTheUserNeverAcknowledged() {
        connect("c-1", "alice");

        assertThat(fixture.replies.readValue().getBody()).isEqualTo(new Granted(INBOX, new Position(-1L, "")));
    }

    @Test
    void grantsThePersonalChannelAfterTheLastAckAtTheNextConnect() {
        connect("c-1", "alice");
        ack("c-1", "alice", INBOX, 41, "epoch-1");
        fixture.send(action("c-1", "alice", List.of("viewer"), null, new Disconnect(1000, List.of())));
        fixture.replies.readValuesToList();

        connect("c-2", "alice");

        assertThat(fixture.replies.readValue().getBody()).isEqualTo(new Granted(INBOX, new Position(41L, "epoch-1")));
    }

    @Test
    void grantsAnInboxReadAfterACursorWhoseEpochIsUnknown() {
        connect("c-1", "alice");
        ack("c-1", "alice", INBOX, 41, null);
        fixture.replies.readValuesToList();

        connect("c-2", "alice");

        assertThat(fixture.replies.readValue().getBody()).isEqualTo(new Granted(INBOX, new Position(41L, "")));
    }

    @Test
    void grantsAnExplicitSubscribeToTheOwnPersonalChannelWithoutSinceFromTheCursor() {
        connect("c-1", "alice");
        ack("c-1", "alice", INBOX, 41, "epoch-1");
        fixture.replies.readValuesToList();

        fixture.send(action("c-2", "alice", List.of("viewer"), "again", new Subscribe(INBOX, null)));

        assertThat(fixture.replies.readValue().getBody()).isEqualTo(new Granted(INBOX, new Position(41L, "epoch-1")));
    }

    @Test
    void keepsTheClientsOwnPositionOnAPersonalChannelAndLeavesOtherChannelsLive() {
        connect("c-1", "alice");
        fixture.send(action("c-1", "alice", List.of("viewer"), "s", new Subscribe("status", null)));
        ack("c-1", "alice", INBOX, 41, "epoch-1");
        ack("c-1", "alice", "status", 8, "epoch-9");
        fixture.replies.readValuesToList();

        Position own = new Position(17L, "epoch-1");
        fixture.send(action("c-2", "alice", List.of("viewer"), "own", new Subscribe(INBOX, own)));
        fixture.send(action("c-2", "alice", List.of("viewer"), "other", new Subscribe("status", null)));

        assertThat(fixture.replies.readValuesToList())
                .extracting(reply -> reply.getBody())
                .containsExactly(new Granted(INBOX, own), new Granted("status", null));
    }

    private void connect(String connectionId, String userId) {
        fixture.send(action(connectionId, userId, List.of("viewer"), null, new Connect(List.of(), null)));
    }

    private void ack(String connectionId, String userId, String channel, long offset, String epoch) {
        List<String> roles = userId == null ? List.of("anonymous") : List.of("viewer");
        fixture.send(action(connectionId, userId, roles, null, new Ack(channel, offset, epoch)));
    }
}
