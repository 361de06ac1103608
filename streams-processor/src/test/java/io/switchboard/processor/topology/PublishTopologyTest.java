package io.switchboard.processor.topology;

import static io.switchboard.processor.topology.TopologyFixture.ACTION_TIME;
import static io.switchboard.processor.topology.TopologyFixture.action;
import static io.switchboard.processor.topology.TopologyFixture.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.processor.actions.PublishHeaders;
import io.switchboard.schemas.SourceHeader;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.Payload;
import io.switchboard.schemas.avro.Publish;
import io.switchboard.schemas.avro.Published;
import io.switchboard.schemas.avro.Refused;
import io.switchboard.schemas.avro.Reply;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Publishing from a connection: the policy decides, the message goes to its channel, {@code published} follows. */
class PublishTopologyTest {
    private final TopologyFixture fixture = new TopologyFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void writesAnAllowedPublishToTheChannelsOutputTopicWithThePublishHeaders() {
        fixture.send(action("c-1", "vera", List.of("viewer"), "p-1", publish("forum_threads:42", "{\"text\":\"hi\"}")));

        TestRecord<String, Delivery> record = fixture.published("forum_threads").readRecord();
        assertThat(record.key()).isEqualTo("forum_threads:42");
        assertThat(record.timestamp()).isEqualTo(ACTION_TIME.toEpochMilli());
        Delivery delivery = record.value();
        assertThat(delivery.getChannel()).isEqualTo("forum_threads:42");
        assertThat(delivery.getEventId()).isEqualTo("evt-1");
        assertThat(delivery.getEvent()).isEqualTo("comment.created");
        assertThat(delivery.getTime()).isEqualTo(ACTION_TIME);
        assertThat(delivery.getReplayed()).isFalse();
        assertThat(StandardCharsets.UTF_8
                        .decode(delivery.getPayload().getData())
                        .toString())
                .isEqualTo("{\"text\":\"hi\"}");
        assertThat(header(record.headers(), PublishHeaders.GATEWAY)).isEqualTo(TopologyFixture.GATEWAY);
        assertThat(header(record.headers(), PublishHeaders.CONNECTION)).isEqualTo("c-1");
        assertThat(header(record.headers(), PublishHeaders.REQUEST)).isEqualTo("p-1");
        assertThat(record.headers().lastHeader(SourceHeader.KEY))
                .as("routed exactly once: never taken for a copy")
                .isNull();
    }

    @Test
    void answersPublishedWithTheOffsetTheMessageGotInItsChannel() {
        fixture.send(action("c-1", "ada", List.of("admin"), "p-1", publish("metrics", "1")));
        fixture.send(action("c-1", "ada", List.of("admin"), null, publish("metrics", "2")));
        fixture.driver
                .createOutputTopic(
                        fixture.topics.output("metrics"), new StringDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList()
                .forEach(fixture.rawOutput("metrics")::pipeInput); // read back as a broker hands them over

        List<TestRecord<String, Reply>> replies = fixture.confirmations.readRecordsToList();
        assertThat(replies).extracting(TestRecord::key).containsOnly(TopologyFixture.GATEWAY);
        assertThat(replies).extracting(r -> r.value().getRequestId()).containsExactly("p-1", null);
        assertThat(replies)
                .extracting(r -> r.value().getBody())
                .containsExactly(new Published("metrics", 0L, "evt-1"), new Published("metrics", 1L, "evt-2"));
        assertThat(replies).allSatisfy(r -> assertThat(r.value().getTime()).isEqualTo(ACTION_TIME));
    }

    @Test
    void givesEachPublishedMessageItsOwnIdAndLeavesOutTheRequestHeaderWithoutARequestId() {
        fixture.send(action("c-1", "ada", List.of("admin"), null, publish("metrics", "1")));
        fixture.send(action("c-1", "ada", List.of("admin"), null, publish("metrics", "2")));

        List<TestRecord<String, Delivery>> records =
                fixture.published("metrics").readRecordsToList();
        assertThat(records).extracting(r -> r.value().getEventId()).containsExactly("evt-1", "evt-2");
        assertThat(records.get(0).headers().lastHeader(PublishHeaders.REQUEST)).isNull();
        assertThat(header(records.get(0).headers(), PublishHeaders.CONNECTION)).isEqualTo("c-1");
        assertThat(records)
                .extracting(r -> header(r.headers(), PublishHeaders.EVENT_ID))
                .containsExactly("evt-1", "evt-2");
    }

    @Test
    void refusesAPublishThePolicyDoesNotAllow() {
        fixture.send(action("c-1", "vera", List.of("viewer"), "p-1", publish("metrics", "1")));
        fixture.send(action("c-2", "ada", List.of("admin"), "p-2", publish("user:ada", "1")));
        fixture.send(action("c-3", "ada", List.of("admin"), "p-3", publish("weather", "1")));

        List<Reply> replies = fixture.replies.readValuesToList();
        assertThat(replies).extracting(Reply::getRequestId).containsExactly("p-1", "p-2", "p-3");
        assertThat(replies)
                .extracting(reply -> ((Refused) reply.getBody()).getCode())
                .containsExactly("permission_denied", "permission_denied", "unknown_channel");
        assertThat(fixture.published("metrics").isEmpty()).isTrue();
        assertThat(fixture.published("user").isEmpty()).isTrue();
        assertThat(fixture.counter("actions", "refused")).isEqualTo(3.0);
    }

    @Test
    void confirmsAPublishedRecordWithTheOffsetItWasReadAt() {
        TopologyFixture.ReadBack forum = fixture.rawOutput("forum_global");
        forum.pipeInput("forum_global", new byte[] {1}); // a domain event's delivery: no headers, no reply
        forum.pipeInput("forum_global", new byte[] {2});
        RecordHeaders headers = new RecordHeaders();
        headers.add(PublishHeaders.GATEWAY, "gw-7".getBytes(StandardCharsets.UTF_8));
        headers.add(PublishHeaders.CONNECTION, "c-9".getBytes(StandardCharsets.UTF_8));
        headers.add(PublishHeaders.REQUEST, "p-9".getBytes(StandardCharsets.UTF_8));
        headers.add(PublishHeaders.EVENT_ID, "evt-9".getBytes(StandardCharsets.UTF_8));
        forum.pipeInput(new TestRecord<>("forum_global", new byte[] {3}, headers, ACTION_TIME));

        TestRecord<String, Reply> record = fixture.confirmations.readRecord();
        assertThat(record.key()).isEqualTo("gw-7");
        assertThat(record.headers().toArray()).isEmpty();
        Reply reply = record.value();
        assertThat(reply.getConnectionId()).isEqualTo("c-9");
        assertThat(reply.getRequestId()).isEqualTo("p-9");
        assertThat(reply.getTime()).isEqualTo(ACTION_TIME);
        assertThat(reply.getBody()).isEqualTo(new Published("forum_global", 2L, "evt-9"));
        assertThat(fixture.confirmations.isEmpty()).isTrue();
    }

    @Test
    void confirmsNothingForOutputRecordsWithoutThePublishHeaders() {
        fixture.sendEvent("status", "{\"channel\":\"status\",\"data\":\"ok\"}");
        fixture.rawOutput("status")
                .pipeInput(
                        "status",
                        SwitchboardSerdes.delivery()
                                .encode(fixture.output("status").readValue()));

        assertThat(fixture.confirmations.isEmpty()).isTrue();
    }

    private static Publish publish(String channel, String json) {
        Payload payload = Payload.newBuilder()
                .setData(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)))
                .build();
        return new Publish(channel, "comment.created", payload, false);
    }
}
