package io.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelNameTest {

    @Test
    void splitsFamilyAndKey() {
        assertThat(ChannelName.parse("forum_threads:42"))
                .isEqualTo(new ChannelName("forum_threads", Optional.of("42")));
        assertThat(ChannelName.parse("metrics")).isEqualTo(new ChannelName("metrics", Optional.empty()));
        assertThat(ChannelName.parse("user:Alice@example.com").key()).contains("Alice@example.com");
        assertThat(ChannelName.parse("a:b:c").toString()).isEqualTo("a:b:c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Metrics", "metrics:", ":42", "metrics:a b", "me trics", "metrics:é", "a/b"})
    void rejectsNamesOutsideTheProtocol(String name) {
        assertThatThrownBy(() -> ChannelName.parse(name)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ChannelName.isValid(name)).isFalse();
    }

    @Test
    void limitsTheLengthTo200() {
        assertThat(ChannelName.isValid("a".repeat(200))).isTrue();
        assertThatThrownBy(() -> ChannelName.parse("a".repeat(201))).hasMessageContaining("200");
    }

    @Test
    void makesEveryUsersPersonalChannelInTheUserFamily() {
        assertThat(ChannelName.personal("Alice@example.com"))
                .isEqualTo(new ChannelName("user", Optional.of("Alice@example.com")));
        assertThat(ChannelName.personalName("bob")).isEqualTo("user:bob");
        assertThat(ChannelName.PERSONAL_FAMILY).isEqualTo("user");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "é", "a/b"})
    void refusesUserIdsThatMakeNoValidPersonalChannel(String userId) {
        assertThat(ChannelName.isValidUserId(userId)).isFalse();
        assertThatThrownBy(() -> ChannelName.personal(userId)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void limitsAUserIdToWhatFitsThePersonalChannel() {
        assertThat(ChannelName.isValidUserId("a".repeat(195))).isTrue();
        assertThat(ChannelName.isValidUserId("a".repeat(196))).isFalse();
        assertThat(ChannelName.isValidUserId(null)).isFalse();
    }
}
