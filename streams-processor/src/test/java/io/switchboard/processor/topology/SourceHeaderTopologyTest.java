package io.switchboard.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.switchboard.schemas.SourceHeader;
import io.switchboard.schemas.avro.Delivery;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every delivery of a routed event carries the event's position on switchboard.events ({@link SourceHeader}): the
 * events app runs at-least-once, and the gateways drop the copies a crash leaves by it.
 */
class SourceHeaderTopologyTest {
    private static final String STATUS_CHANGED = "{\"channel\":\"book_requests\",\"event\":\"status_changed\","
            + "\"data\":{\"status\":\"approved\"},\"audience\":{\"users\":[\"rita\"],\"roles\":[\"admin\"]}}";

    private final TopologyFixture fixture = new TopologyFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void stampsTheChannelDeliveryAndEveryPersonalCopyWithThePositionOfTheirEventAndAnIndexOfTheirOwn() {
        fixture.setRoles("ada", "admin");
        fixture.sendEvent("status", "{\"channel\":\"status\",\"data\":\"a\"}"); // offset 0
        fixture.sendEvent("k", "{\"channel\":\"Bad!\",\"data\":{}}"); // offset 1: dead-lettered
        fixture.sendEvent("book_requests", STATUS_CHANGED); // offset 2
        fixture.sendEvent("status", "{\"channel\":\"status\",\"data\":\"b\"}"); // offset 3

        assertThat(fixture.output("status").readRecordsToList())
                .extracting(SourceHeaderTopologyTest::source)
                .containsExactly(tuple(0, 0L, 0), tuple(0, 3L, 0));
        assertThat(fixture.output("book_requests").readRecordsToList())
                .extracting(SourceHeaderTopologyTest::source)
                .containsExactly(tuple(0, 2L, 0));
        List<TestRecord<String, Delivery>> personal = fixture.output("user").readRecordsToList();
        assertThat(personal).extracting(TestRecord::key).containsExactly("user:rita", "user:ada");
        // two deliveries of one event may share an output partition: the index tells them apart
        assertThat(personal)
                .extracting(SourceHeaderTopologyTest::source)
                .containsExactly(tuple(0, 2L, 1), tuple(0, 2L, 2));
        assertThat(fixture.deadLetters.readRecord().headers().lastHeader(SourceHeader.KEY))
                .isNull();
    }

    @Test
    void replacesASourceHeaderTheProducerSetAndKeepsItsOtherHeaders() {
        fixture.sendEvent("status", "{\"channel\":\"status\",\"data\":\"a\"}");
        Headers forged = new RecordHeaders();
        forged.add(SourceHeader.KEY, SourceHeader.value(7, 1_000L, 0));
        forged.add("trace", "t-1".getBytes(StandardCharsets.UTF_8));
        fixture.events.pipeInput(new TestRecord<>(
                "status", "{\"channel\":\"status\",\"data\":\"b\"}".getBytes(StandardCharsets.UTF_8), forged));

        List<TestRecord<String, Delivery>> out = fixture.output("status").readRecordsToList();

        assertThat(out).extracting(SourceHeaderTopologyTest::source).containsExactly(tuple(0, 0L, 0), tuple(0, 1L, 0));
        assertThat(out.get(1).headers().headers(SourceHeader.KEY)).hasSize(1);
        assertThat(TopologyFixture.header(out.get(1).headers(), "trace")).isEqualTo("t-1");
    }

    private static org.assertj.core.groups.Tuple source(TestRecord<String, Delivery> record) {
        byte[] value = SourceHeader.of(record.headers()).orElseThrow();
        return tuple(SourceHeader.partition(value), SourceHeader.offset(value), SourceHeader.index(value));
    }
}
