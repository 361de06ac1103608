package io.switchboard.processor.topology;

import static io.switchboard.processor.topology.TopologyFixture.header;
import static io.switchboard.processor.topology.TopologyFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.DomainEventCodec;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.DomainEvent;
import io.switchboard.schemas.avro.Payload;
import io.switchboard.schemas.avro.PayloadEncoding;
import io.switchboard.schemas.avro.PayloadKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventRoutingTopologyTest {
    private final TopologyFixture fixture = new TopologyFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void routesJsonEventToItsFamilyTopicKeyedByChannel() {
        Instant written = Instant.parse("2026-11-20T09:59:58.123Z");
        fixture.events.pipeInput(new TestRecord<>(
                "forum_threads:42",
                "{\"id\":\"e-1\",\"channel\":\"forum_threads:42\",\"event\":\"comment.created\",\"data\":{\"n\":7}}"
                        .getBytes(StandardCharsets.UTF_8),
                written));

        List<TestRecord<String, Delivery>> out = fixture.output("forum_threads").readRecordsToList();

        assertThat(out).hasSize(1);
        assertThat(out.get(0).key()).isEqualTo("forum_threads:42");
        Delivery delivery = out.get(0).value();
        assertThat(delivery.getChannel()).isEqualTo("forum_threads:42");
        assertThat(delivery.getEventId()).isEqualTo("e-1");
        assertThat(delivery.getEvent()).isEqualTo("comment.created");
        assertThat(delivery.getTime()).isEqualTo(written);
        assertThat(delivery.getReplayed()).isFalse();
        assertThat(delivery.getPayload().getKind()).isEqualTo(PayloadKind.JSON);
        assertThat(text(bytes(delivery.getPayload().getData()))).isEqualTo("{\"n\":7}");
        assertThat(fixture.deadLetters.isEmpty()).isTrue();
        assertThat(fixture.output("metrics").isEmpty()).isTrue();
    }

    @Test
    void routesAvroBinaryDomainEvent() {
        byte[] image = {(byte) 0x89, 'P', 'N', 'G'};
        DomainEvent event = DomainEvent.newBuilder()
                .setChannel("status")
                .setEvent("snapshot")
                .setPayload(new Payload(PayloadKind.IMAGE, "image/png", PayloadEncoding.NONE, ByteBuffer.wrap(image)))
                .build();
        fixture.events.pipeInput("status", DomainEventCodec.encodeAvro(event));

        Delivery delivery = fixture.output("status").readValue();

        assertThat(delivery.getChannel()).isEqualTo("status");
        assertThat(delivery.getPayload().getKind()).isEqualTo(PayloadKind.IMAGE);
        assertThat(delivery.getPayload().getContentType()).isEqualTo("image/png");
        assertThat(bytes(delivery.getPayload().getData())).containsExactly(image);
    }

    @Test
    void deadLettersInvalidJsonWithReasonAndOriginalRecordThenRoutesTheNextEvent() {
        byte[] bad = "{\"channel\": \"metrics\", oops".getBytes(StandardCharsets.UTF_8);
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", "t-9".getBytes(StandardCharsets.UTF_8));
        fixture.events.pipeInput(new TestRecord<>("metrics", bad, headers, Instant.parse("2026-11-20T09:00:00Z")));
        fixture.sendEvent("metrics", "{\"channel\":\"metrics\",\"data\":1}");

        TestRecord<String, byte[]> dead = fixture.deadLetters.readRecord();
        assertThat(dead.key()).isEqualTo("metrics");
        assertThat(dead.value()).containsExactly(bad);
        assertThat(header(dead.headers(), "trace-id")).isEqualTo("t-9");
        assertThat(header(dead.headers(), "error.reason")).startsWith("not valid JSON");
        assertThat(header(dead.headers(), "error.stage")).isEqualTo(SwitchboardTopology.VALIDATE_EVENTS);
        assertThat(header(dead.headers(), "error.source.topic")).isEqualTo(fixture.topics.events());
        assertThat(header(dead.headers(), "error.source.partition")).isEqualTo("0");
        assertThat(header(dead.headers(), "error.source.offset")).isEqualTo("0");
        assertThat(header(dead.headers(), "error.time")).isEqualTo(Long.toString(TopologyFixture.NOW.toEpochMilli()));
        assertThat(fixture.deadLetters.isEmpty()).isTrue();
        assertThat(fixture.output("metrics").readValue().getChannel()).isEqualTo("metrics");
        assertThat(fixture.counter("events", "dead-lettered")).isEqualTo(1.0);
    }

    @Test
    void deadLettersEventWithoutChannelOrAudience() {
        fixture.sendEvent("k", "{\"event\":\"x\",\"data\":{}}");

        assertThat(header(fixture.deadLetters.readRecord().headers(), "error.reason"))
                .isEqualTo("'channel' is required unless 'audience' is given");
    }

    @Test
    void deadLettersInvalidChannelName() {
        fixture.sendEvent("k", "{\"channel\":\"Metrics!\",\"data\":{}}");

        TestRecord<String, byte[]> dead = fixture.deadLetters.readRecord();
        assertThat(header(dead.headers(), "error.reason")).startsWith("invalid 'channel'");
        assertThat(text(dead.value())).isEqualTo("{\"channel\":\"Metrics!\",\"data\":{}}");
    }

    @Test
    void deadLettersUnknownFamilyAtTheAddressingStageThenRoutesTheNextEvent() {
        String unknown = "{\"channel\":\"weather:paris\",\"data\":{}}";
        fixture.sendEvent("weather:paris", unknown);
        fixture.sendEvent("status", "{\"channel\":\"status\",\"data\":\"ok\"}");

        TestRecord<String, byte[]> dead = fixture.deadLetters.readRecord();
        assertThat(header(dead.headers(), "error.reason")).isEqualTo("unknown channel family 'weather'");
        assertThat(header(dead.headers(), "error.stage")).isEqualTo(SwitchboardTopology.ADDRESS_EVENTS);
        assertThat(dead.key()).isEqualTo("weather:paris");
        assertThat(text(dead.value())).isEqualTo(unknown);
        assertThat(fixture.output("status").readValue().getChannel()).isEqualTo("status");
    }

    @Test
    void copiesToThePersonalChannelOfEveryAudienceUserOnce() {
        fixture.sendEvent(
                "book_requests",
                "{\"channel\":\"book_requests\",\"event\":\"status_changed\",\"data\":{\"request_id\":7},"
                        + "\"audience\":{\"users\":[\"alice\",\"bob\",\"alice\"]}}");

        assertThat(fixture.output("book_requests").readKeyValuesToList())
                .extracting(kv -> kv.key)
                .containsExactly("book_requests");
        List<TestRecord<String, Delivery>> personal = fixture.output("user").readRecordsToList();
        assertThat(personal).extracting(TestRecord::key).containsExactly("user:alice", "user:bob");
        assertThat(personal).allSatisfy(r -> assertThat(r.value().getEvent()).isEqualTo("status_changed"));
    }

    @Test
    void routesAnAudienceWithoutChannelToUsersOnly() {
        fixture.sendEvent("any", "{\"event\":\"dm\",\"data\":\"hi\",\"audience\":{\"users\":[\"carol\"]}}");

        assertThat(fixture.output("user").readKeyValue().key).isEqualTo("user:carol");
        assertThat(fixture.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void deadLettersAnAudienceUserThatMakesNoChannelName() {
        fixture.sendEvent("metrics", "{\"channel\":\"metrics\",\"data\":{},\"audience\":{\"users\":[\"a b\"]}}");

        assertThat(header(fixture.deadLetters.readRecord().headers(), "error.reason"))
                .isEqualTo("audience user 'a b' makes no valid channel name");
        assertThat(fixture.output("metrics").isEmpty()).isTrue();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
