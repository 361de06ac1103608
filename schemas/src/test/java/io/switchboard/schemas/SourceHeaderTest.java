package io.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class SourceHeaderTest {

    @Test
    void carriesThePartitionAndOffsetOfTheSourceEventAndTheDeliverysIndex() {
        byte[] value = SourceHeader.value(7, 1L << 40, 3);

        assertThat(value).hasSize(16);
        assertThat(SourceHeader.partition(value)).isEqualTo(7);
        assertThat(SourceHeader.offset(value)).isEqualTo(1L << 40);
        assertThat(SourceHeader.index(value)).isEqualTo(3);
    }

    @Test
    void isReadFromTheRecordsHeadersWhenWellFormed() {
        Headers headers = new RecordHeaders().add(SourceHeader.KEY, SourceHeader.value(2, 41, 0));

        assertThat(SourceHeader.of(headers)).hasValueSatisfying(value -> assertThat(SourceHeader.offset(value))
                .isEqualTo(41));
    }

    @Test
    void aRecordWithoutOneOrWithAMalformedOneHasNone() {
        assertThat(SourceHeader.of(new RecordHeaders())).isEmpty();
        assertThat(SourceHeader.of(new RecordHeaders().add(SourceHeader.KEY, new byte[] {1, 2, 3})))
                .isEmpty();
        assertThat(SourceHeader.of(new RecordHeaders().add(SourceHeader.KEY, null)))
                .isEmpty();
    }
}
