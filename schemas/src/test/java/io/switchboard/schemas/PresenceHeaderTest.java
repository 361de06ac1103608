package io.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.PresenceKind;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class PresenceHeaderTest {

    @Test
    void namesTheKindInLowercaseText() {
        assertThat(new String(PresenceHeader.value(PresenceKind.JOIN), StandardCharsets.UTF_8))
                .isEqualTo("join");
        assertThat(new String(PresenceHeader.value(PresenceKind.LEAVE), StandardCharsets.UTF_8))
                .isEqualTo("leave");
    }

    @Test
    void readsTheKindBackFromTheHeaders() {
        Headers headers = new RecordHeaders().add(PresenceHeader.KEY, PresenceHeader.value(PresenceKind.LEAVE));

        assertThat(PresenceHeader.of(headers)).contains(PresenceKind.LEAVE);
        assertThat(PresenceHeader.isNotice(headers)).isTrue();
    }

    @Test
    void aDeliveryIsNoNoticeAndAnUnknownValueNamesNoKind() {
        assertThat(PresenceHeader.isNotice(new RecordHeaders())).isFalse();
        assertThat(PresenceHeader.of(new RecordHeaders())).isEmpty();
        Headers odd = new RecordHeaders().add(PresenceHeader.KEY, "JOIN".getBytes(StandardCharsets.UTF_8));
        assertThat(PresenceHeader.of(odd)).isEmpty();
        assertThat(PresenceHeader.isNotice(odd)).isTrue();
    }
}
