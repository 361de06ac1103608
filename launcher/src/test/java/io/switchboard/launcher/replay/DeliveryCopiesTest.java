package io.switchboard.launcher.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.processor.actions.PublishHeaders;
import io.switchboard.schemas.SourceHeader;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.Payload;
import io.switchboard.schemas.avro.PayloadKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeliveryCopiesTest {
    private static final Instant TIME = Instant.parse("2026-11-22T10:15:00Z");

    @Test
    void copyKeepsEventIdEventTimeAndPayloadAndIsMarkedReplayed() {
        Delivery original = delivery("forum_threads:42", false);

        Delivery copy = DeliveryCopies.copy(original, "forum_threads:42");

        assertThat(copy.getReplayed()).isTrue();
        assertThat(copy.getChannel()).isEqualTo("forum_threads:42");
        assertThat(copy.getEventId()).isEqualTo("e-1");
        assertThat(copy.getEvent()).isEqualTo("comment.created");
        assertThat(copy.getTime()).isEqualTo(TIME);
        assertThat(copy.getPayload()).isEqualTo(original.getPayload());
        assertThat(original.getReplayed()).as("the original is untouched").isFalse();
    }

    @Test
    void copyToAUserIsAddressedToTheUsersPersonalChannel() {
        Delivery copy = DeliveryCopies.copy(delivery("forum_threads:42", false), "user:alice");

        assertThat(copy.getChannel()).isEqualTo("user:alice");
        assertThat(copy.getReplayed()).isTrue();
    }

    @Test
    void anEarlierReplaysCopyIsNotAnOriginal() {
        assertThat(DeliveryCopies.isOriginal(delivery("metrics", false))).isTrue();
        assertThat(DeliveryCopies.isOriginal(delivery("metrics", true))).isFalse();
    }

    @Test
    void headersLoseEveryPublishHeaderAndKeepTheOthersInOrder() {
        Headers original = new RecordHeaders()
                .add("traceparent", utf8("00-abc-01"))
                .add(PublishHeaders.GATEWAY, utf8("gw-1"))
                .add(PublishHeaders.CONNECTION, utf8("c-1"))
                .add(PublishHeaders.REQUEST, utf8("r-1"))
                .add("origin", utf8("billing"));

        Headers kept = DeliveryCopies.headers(original);

        List<String> keys =
                StreamSupport.stream(kept.spliterator(), false).map(Header::key).toList();
        assertThat(keys).containsExactly("traceparent", "origin");
    }

    @Test
    void headersLoseTheSourcePositionSoThatNoReaderTakesTheCopyForADuplicate() {
        Headers original = new RecordHeaders()
                .add(SourceHeader.KEY, SourceHeader.value(1, 7, 0))
                .add("origin", utf8("billing"));

        assertThat(StreamSupport.stream(DeliveryCopies.headers(original).spliterator(), false)
                        .map(Header::key))
                .containsExactly("origin");
    }

    @Test
    void thePrefixCoversEveryHeaderTheProcessorMarksAPublishWith() {
        assertThat(List.of(PublishHeaders.GATEWAY, PublishHeaders.CONNECTION, PublishHeaders.REQUEST))
                .allSatisfy(key -> assertThat(key).startsWith(DeliveryCopies.PUBLISH_HEADER_PREFIX));
    }

    static Delivery delivery(String channel, boolean replayed) {
        return Delivery.newBuilder()
                .setChannel(channel)
                .setEventId("e-1")
                .setEvent("comment.created")
                .setTime(TIME)
                .setPayload(Payload.newBuilder()
                        .setKind(PayloadKind.JSON)
                        .setData(ByteBuffer.wrap(utf8("{\"text\":\"hi\"}")))
                        .build())
                .setReplayed(replayed)
                .build();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
