package io.switchboard.processor.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.schemas.ChannelName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FamilyPatternTest {
    @Test
    void parsesAnUnkeyedFamily() {
        FamilyPattern pattern = FamilyPattern.parse("metrics");

        assertThat(pattern).isEqualTo(new FamilyPattern("metrics", false));
        assertThat(pattern.key()).isEqualTo("metrics");
    }

    @Test
    void parsesAKeyedFamily() {
        FamilyPattern pattern = FamilyPattern.parse("forum_threads:*");

        assertThat(pattern).isEqualTo(new FamilyPattern("forum_threads", true));
        assertThat(pattern.key()).isEqualTo("forum_threads:*");
    }

    @Test
    void governsAChannelWithoutAKeyByItsFamilyAndAKeyedOneByTheWildcard() {
        assertThat(FamilyPattern.of(ChannelName.parse("metrics")).key()).isEqualTo("metrics");
        assertThat(FamilyPattern.of(ChannelName.parse("forum_threads:42")).key())
                .isEqualTo("forum_threads:*");
        assertThat(FamilyPattern.of(ChannelName.parse("metrics:x")).key()).isEqualTo("metrics:*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "Metrics", "metrics!", "forum threads", ":*", "*"})
    void rejectsFamiliesAChannelCannotHave(String key) {
        assertThatThrownBy(() -> FamilyPattern.parse(key)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"forum_threads:42", "forum_threads:", "forum_threads:**", "forum_threads:*:*", "a:b*"})
    void rejectsKeysOtherThanTheWildcard(String key) {
        assertThatThrownBy(() -> FamilyPattern.parse(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'family:*'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"user", "user:*"})
    void rejectsThePersonalFamily(String key) {
        assertThatThrownBy(() -> FamilyPattern.parse(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("personal family 'user'");
    }

    @Test
    void rejectsANullKeyWithAMessage() {
        assertThatThrownBy(() -> FamilyPattern.parse(null)).hasMessageContaining("empty");
    }
}
