package io.switchboard.processor.topology;

import static io.switchboard.processor.topology.TopologyFixture.ACTION_TIME;
import static io.switchboard.processor.topology.TopologyFixture.NOW;
import static io.switchboard.processor.topology.TopologyFixture.action;
import static io.switchboard.processor.topology.TopologyFixture.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.switchboard.schemas.ReceiptCodec;
import io.switchboard.schemas.ReceiptHeaders;
import io.switchboard.schemas.avro.Ack;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Connect;
import io.switchboard.schemas.avro.Receipt;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery receipts of domain events (PROTOCOL.md, "Delivery receipts"): the events app routes them, the read-back app
 * reads the personal deliveries back with their offsets (relayed here as Kafka would hand them over) and the core app
 * answers the user's acks, once per user and event.
 */
class ReceiptsTopologyTest {
    private static final String INBOX = "user:alice";

    private final TopologyFixture fixture = new TopologyFixture();
    private final TestOutputTopic<String, byte[]> routedToUsers = fixture.eventsDriver.createOutputTopic(
            fixture.topics.output("user"), new StringDeserializer(), new ByteArrayDeserializer());
    private final TopologyFixture.ReadBack readBack = fixture.rawOutput("user");
    private final TestOutputTopic<String, byte[]> receipts = fixture.driver.createOutputTopic(
            fixture.topics.receipts(), new StringDeserializer(), new ByteArrayDeserializer());
    private long readBackOffset = 0;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void anAckAtTheOffsetWritesOneReceiptKeyedByTheEventId() {
        connectAlice();
        long offset = deliver("{\"id\":\"e-1\",\"channel\":\"user:alice\",\"receipts\":true,\"data\":1}");

        ack(offset, ACTION_TIME);

        List<TestRecord<String, byte[]>> written = receipts.readRecordsToList();
        assertThat(written).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("e-1");
            assertThat(TopologyFixture.text(record.value()))
                    .isEqualTo("{\"event_id\":\"e-1\",\"user_id\":\"alice\",\"channel\":\"user:alice\",\"offset\":"
                            + offset + ",\"acked_at\":" + ACTION_TIME.toEpochMilli() + "}");
        });
    }

    @Test
    void repeatedAndLaterAcksWriteNoSecondReceipt() {
        connectAlice();
        long offset = deliver("{\"id\":\"e-1\",\"channel\":\"user:alice\",\"receipts\":true,\"data\":1}");

        ack(offset, ACTION_TIME);
        ack(offset, ACTION_TIME.plusSeconds(1));
        ack(offset + 5, ACTION_TIME.plusSeconds(2));
        ack(offset + 2, ACTION_TIME.plusSeconds(3)); // out of order

        assertThat(receiptsWritten()).extracting(Receipt::getEventId).containsExactly("e-1");
    }

    @Test
    void anAckBelowTheOffsetWritesNothingUntilAnAckReachesIt() {
        connectAlice();
        deliver("{\"id\":\"e-0\",\"channel\":\"user:alice\",\"data\":0}");
        long first = deliver("{\"id\":\"e-0b\",\"channel\":\"user:alice\",\"data\":0}");
        long offset = deliver("{\"id\":\"e-1\",\"channel\":\"user:alice\",\"receipts\":true,\"data\":1}");

        ack(first, ACTION_TIME);
        assertThat(receipts.isEmpty()).isTrue();

        ack(offset, ACTION_TIME.plusSeconds(1));
        assertThat(receiptsWritten())
                .singleElement()
                .isEqualTo(new Receipt("e-1", "alice", INBOX, offset, ACTION_TIME.plusSeconds(1)));
    }

    @Test
    void anAckFarPastSeveralMessagesAnswersEachThatAskedOnceInOffsetOrder() {
        connectAlice();
        long a = deliver("{\"id\":\"e-a\",\"channel\":\"user:alice\",\"receipts\":true,\"data\":1}");
        deliver("{\"id\":\"e-quiet\",\"channel\":\"user:alice\",\"data\":2}");
        long b = deliver("{\"id\":\"e-b\",\"audience\":{\"users\":[\"alice\"]},\"receipts\":true,\"data\":3}");
        long c = deliver("{\"id\":\"e-c\",\"channel\":\"user:alice\",\"receipts\":true,\"data\":4}");

        ack(c + 100, ACTION_TIME);
        ack(c + 200, ACTION_TIME.plusSeconds(1));

        assertThat(receiptsWritten())
                .extracting(Receipt::getEventId, Receipt::getOffset)
                .containsExactly(tuple("e-a", a), tuple("e-b", b), tuple("e-c", c));
    }

    @Test
    void aMessageReadBackAfterTheAckThatCoversItIsAnsweredAtOnce() {
        connectAlice();
        ack(40, ACTION_TIME); // the ack outran the message's way back through the output topic

        long offset = deliver("{\"id\":\"e-1\",\"channel\":\"user:alice\",\"receipts\":true,\"data\":1}");
        ack(41, ACTION_TIME.plusSeconds(1));

        assertThat(offset).isLessThanOrEqualTo(40);
        assertThat(receiptsWritten())
                .singleElement()
                .isEqualTo(new Receipt("e-1", "alice", INBOX, offset, ACTION_TIME));
    }

    @Test
    void aCopyRoutedAgainAtALaterOffsetIsAnsweredOnce() {
        connectAlice();
        TestRecord<String, byte[]> routed =
                route("{\"id\":\"e-1\",\"channel\":\"user:alice\",\"receipts\":true,\"data\":1}");
        long first = readBack(routed);
        long copy = readBack(routed); // the events app is at-least-once: a crash may route it again

        ack(first, ACTION_TIME);
        ack(copy, ACTION_TIME.plusSeconds(1));

        assertThat(receiptsWritten()).extracting(Receipt::getOffset).containsExactly(first);
        assertThat(fixture.counter("receipts", "copies-ignored")).isEqualTo(1.0);
    }

    @Test
    void onlyThePersonalCopiesOfAnEventAskForReceipts() {
        List<TestRecord<String, byte[]>> routed =
                routeAll("{\"id\":\"e-1\",\"channel\":\"forum_threads:1\",\"audience\":{\"users\":[\"alice\"]},"
                        + "\"receipts\":true,\"data\":1}");
        List<TestRecord<String, byte[]>> toForum = fixture.eventsDriver
                .createOutputTopic(
                        fixture.topics.output("forum_threads"), new StringDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList();

        assertThat(routed).singleElement().satisfies(r -> assertThat(r.headers().lastHeader(ReceiptHeaders.REQUESTED))
                .isNotNull());
        assertThat(toForum).singleElement().satisfies(r -> assertThat(
                        r.headers().lastHeader(ReceiptHeaders.REQUESTED))
                .isNull());
    }

    @Test
    void anEventThatAsksForReceiptsWithoutAnIdIsDeadLettered() {
        fixture.sendEvent("user:alice", "{\"channel\":\"user:alice\",\"receipts\":true,\"data\":1}");

        assertThat(header(fixture.deadLetters.readRecord().headers(), "error.reason"))
                .isEqualTo("'receipts' is true but the event has no 'id'");
        assertThat(routedToUsers.isEmpty()).isTrue();
    }

    @Test
    void anEventThatAsksForReceiptsOnNoPersonalChannelIsDeadLettered() {
        fixture.sendEvent(
                "forum_threads:1", "{\"id\":\"e-1\",\"channel\":\"forum_threads:1\",\"receipts\":true,\"data\":1}");

        assertThat(header(fixture.deadLetters.readRecord().headers(), "error.reason"))
                .isEqualTo("'receipts' is true but the event reaches no personal channel (user:<id>, or an audience)");
    }

    @Test
    void aMessageNobodyAcksIsForgottenAfterTheRetention() {
        connectAlice();
        long offset = deliver("{\"id\":\"e-1\",\"channel\":\"user:alice\",\"receipts\":true,\"data\":1}");

        fixture.driver.advanceWallClockTime(
                Duration.ofMillis(fixture.config.receiptsRetentionMs()).plusMinutes(10));
        ack(offset, ACTION_TIME);

        assertThat(receipts.isEmpty()).isTrue();
        assertThat(fixture.counter("receipts", "expired-unanswered")).isEqualTo(1.0);
        assertThat(pendingEntries()).isZero();
    }

    @Test
    void aReceiptedMessageLeavesThePendingStore() {
        connectAlice();
        long offset = deliver("{\"id\":\"e-1\",\"channel\":\"user:alice\",\"receipts\":true,\"data\":1}");
        assertThat(pendingEntries()).isEqualTo(1);

        ack(offset, ACTION_TIME);

        assertThat(pendingEntries()).isZero();
    }

    private long pendingEntries() {
        try (var all = fixture.driver
                .<String, Object>getKeyValueStore(SwitchboardTopology.RECEIPTS_PENDING_STORE)
                .all()) {
            long n = 0;
            while (all.hasNext()) {
                all.next();
                n++;
            }
            return n;
        }
    }

    private void connectAlice() {
        fixture.send(action("c-1", "alice", List.of("viewer"), null, new Connect(List.of(), null)));
    }

    private void ack(long offset, Instant time) {
        ClientAction ack = action("c-1", "alice", List.of("viewer"), null, new Ack(INBOX, offset, null));
        fixture.send(ClientAction.newBuilder(ack).setTime(time).build());
    }

    /** Routes one event with one personal delivery, reads it back; its offset in the personal output topic. */
    private long deliver(String json) {
        return readBack(route(json));
    }

    private TestRecord<String, byte[]> route(String json) {
        return routeAll(json).get(0);
    }

    private List<TestRecord<String, byte[]>> routeAll(String json) {
        fixture.sendEvent("k", json);
        return routedToUsers.readRecordsToList();
    }

    /** The record as the core app reads it back from switchboard.out.user; its offset there (the driver counts). */
    private long readBack(TestRecord<String, byte[]> routed) {
        readBack.pipeInput(new TestRecord<>(routed.key(), routed.value(), routed.headers(), NOW));
        return readBackOffset++;
    }

    private List<Receipt> receiptsWritten() {
        return receipts.readValuesToList().stream().map(ReceiptCodec::decode).toList();
    }
}
