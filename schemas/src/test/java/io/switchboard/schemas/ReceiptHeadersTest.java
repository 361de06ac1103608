package io.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ReceiptHeadersTest {
    @Test
    void aSocketPublishNamesItsPublisherAndADomainEventNobody() {
        RecordHeaders publish = new RecordHeaders();
        publish.add(ReceiptHeaders.REQUESTED, ReceiptHeaders.requestedBy(Optional.of("bob")));
        RecordHeaders event = new RecordHeaders();
        event.add(ReceiptHeaders.REQUESTED, ReceiptHeaders.requestedBy(Optional.empty()));

        assertThat(ReceiptHeaders.isRequested(publish)).isTrue();
        assertThat(ReceiptHeaders.publisher(publish)).contains("bob");
        assertThat(ReceiptHeaders.isRequested(event)).isTrue();
        assertThat(ReceiptHeaders.publisher(event)).isEmpty();
    }

    @Test
    void aRecordWithoutTheHeaderAsksForNothing() {
        RecordHeaders none = new RecordHeaders();

        assertThat(ReceiptHeaders.isRequested(none)).isFalse();
        assertThat(ReceiptHeaders.publisher(none)).isEmpty();
        assertThat(ReceiptHeaders.isNotice(none)).isFalse();
    }
}
