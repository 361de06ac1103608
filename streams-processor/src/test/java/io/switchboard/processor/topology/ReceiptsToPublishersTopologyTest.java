package io.switchboard.processor.topology;

import static io.switchboard.processor.topology.TopologyFixture.ACTION_TIME;
import static io.switchboard.processor.topology.TopologyFixture.action;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.ReceiptCodec;
import io.switchboard.schemas.ReceiptHeaders;
import io.switchboard.schemas.SourceHeader;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.Ack;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Connect;
import io.switchboard.schemas.avro.Payload;
import io.switchboard.schemas.avro.PayloadEncoding;
import io.switchboard.schemas.avro.PayloadKind;
import io.switchboard.schemas.avro.Publish;
import io.switchboard.schemas.avro.Receipt;
import io.switchboard.schemas.avro.Subscribe;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A socket publish with {@code receipts}: every other subscriber's ack at or past the message answers the publisher
 * once, on its personal channel (a {@code Receipt} with the {@code switchboard.receipt} header), and on {@code
 * switchboard.receipts}.
 */
class ReceiptsToPublishersTopologyTest {
    private static final String THREAD = "forum_global"; // no presence notices among its records
    private static final List<String> VIEWER = List.of("viewer");

    private final TopologyFixture fixture = new TopologyFixture();
    private final TestOutputTopic<String, byte[]> published = fixture.driver.createOutputTopic(
            fixture.topics.output("forum_global"), new StringDeserializer(), new ByteArrayDeserializer());
    private final TopologyFixture.ReadBack readBack = fixture.rawOutput("forum_global");
    private final TestOutputTopic<String, Receipt> toPublishers = fixture.driver.createOutputTopic(
            fixture.topics.output("user"),
            new StringDeserializer(),
            SwitchboardSerdes.receipt().deserializer());
    private final TestOutputTopic<String, byte[]> receipts = fixture.driver.createOutputTopic(
            fixture.topics.receipts(), new StringDeserializer(), new ByteArrayDeserializer());

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void eachSubscribersAckAnswersThePublisherOnceOnItsPersonalChannel() {
        for (String user : List.of("bob", "alice", "carol")) {
            fixture.send(action("c-" + user, user, VIEWER, null, new Connect(List.of(), null)));
            fixture.send(action("c-" + user, user, VIEWER, "s", new Subscribe(THREAD, null)));
        }
        publish("bob", true); // offset 0

        ack("bob", 0); // the publisher's own ack is no receipt
        ack("alice", 0);
        ack("alice", 3); // covers nothing new
        ack("carol", 5);

        List<TestRecord<String, Receipt>> notices = toPublishers.readRecordsToList();
        assertThat(notices).extracting(TestRecord::key).containsExactly("user:bob", "user:bob");
        assertThat(notices)
                .extracting(TestRecord::value)
                .containsExactly(
                        new Receipt("evt-1", "alice", THREAD, 0L, ACTION_TIME),
                        new Receipt("evt-1", "carol", THREAD, 0L, ACTION_TIME));
        assertThat(notices).allSatisfy(notice -> {
            assertThat(ReceiptHeaders.isNotice(notice.headers())).isTrue();
            assertThat(SourceHeader.of(notice.headers())).isEmpty();
            assertThat(notice.headers().toArray()).hasSize(1);
        });
        assertThat(receipts.readValuesToList())
                .extracting(json -> ReceiptCodec.decode(json).getUserId())
                .containsExactly("alice", "carol");
        assertThat(fixture.counter("receipts", "copies-ignored")).isZero();
    }

    @Test
    void aPublishWithoutTheFlagAsksForNothing() {
        fixture.send(action("c-alice", "alice", VIEWER, "s", new Subscribe(THREAD, null)));
        publish("bob", false);

        ack("alice", 0);

        assertThat(toPublishers.isEmpty()).isTrue();
        assertThat(receipts.isEmpty()).isTrue();
    }

    private void publish(String publisher, boolean receiptsAsked) {
        Payload payload = new Payload(
                PayloadKind.JSON,
                "application/json",
                PayloadEncoding.NONE,
                ByteBuffer.wrap("{}".getBytes(StandardCharsets.UTF_8)));
        fixture.send(action(
                "c-" + publisher, publisher, VIEWER, "p", new Publish(THREAD, "posted", payload, receiptsAsked)));
        TestRecord<String, byte[]> record = published.readRecord();
        assertThat(record.headers().lastHeader(ReceiptHeaders.REQUESTED) != null)
                .isEqualTo(receiptsAsked);
        readBack.pipeInput(record); // the read-back app reads what the core app wrote, as on a broker
    }

    private void ack(String user, long offset) {
        ClientAction ack = action("c-" + user, user, VIEWER, null, new Ack(THREAD, offset, null));
        fixture.send(ack);
    }
}
