package io.switchboard.launcher.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReplayPositionTest {
    @ParameterizedTest
    @CsvSource({"0, 0", "1200, 1200", " 42 , 42", "9223372036854775807, 9223372036854775807"})
    void wholeNumberIsAnOffset(String text, long offset) {
        assertThat(ReplayPosition.parse(text)).isEqualTo(new ReplayPosition.Offset(offset));
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-22T10:00:00Z, 2026-11-22T10:00:00Z",
        "2026-11-22T10:00Z, 2026-11-22T10:00:00Z",
        "2026-11-22T11:00:00+01:00, 2026-11-22T10:00:00Z",
        "2026-11-22T05:30:00.250-04:30, 2026-11-22T10:00:00.250Z"
    })
    void isoDateTimeWithZOrAnOffsetIsATime(String text, String instant) {
        assertThat(ReplayPosition.parse(text)).isEqualTo(new ReplayPosition.Time(Instant.parse(instant)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-200"})
    void negativeOffsetIsRefused(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ReplayPosition.parse(text))
                .withMessageContaining("cannot be negative");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-22T10:00:00", "2026-11-22T10:00"})
    void dateTimeWithoutZoneIsRefusedAskingForOne(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ReplayPosition.parse(text))
                .withMessageContaining("has no time zone")
                .withMessageContaining("Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "12abc", "2026-11-22", "2026-13-22T10:00:00Z", "1.5", "0x10"})
    void anythingElseIsRefusedSayingWhatIsAccepted(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ReplayPosition.parse(text))
                .withMessageContaining("neither an offset")
                .withMessageContaining("2026-11-22T10:00:00Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "99999999999999999999"})
    void offsetBeyondALongIsRefused(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ReplayPosition.parse(text))
                .withMessageContaining("too large");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1969-12-31T23:59:59Z"})
    void timeBefore1970IsRefused(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ReplayPosition.parse(text))
                .withMessageContaining("before 1970");
    }
}
