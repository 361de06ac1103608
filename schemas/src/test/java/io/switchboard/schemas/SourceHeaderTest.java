package io.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class SourceHeaderTest {

    @Test
    void carriesThePartitionAndOffsetOfTheSourceEvent() {
        byte[] value = SourceHeader.value(7, 1L << 40);

        assertThat(value).hasSize(12);
        assertThat(SourceHeader.partition(value)).isEqualTo(7);
        assertThat(SourceHeader.offset(value)).isEqualTo(1L << 40);
    }

    @Test
    void isReadFromTheRecordsHeadersWhenWellFormed() {
        Headers headers = new RecordHeaders().add(SourceHeader.KEY, SourceHeader.value(2, 41));

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
