package io.switchboard.launcher.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserIdsTest {
    @ParameterizedTest
    @ValueSource(strings = {"alice", "Alice_01", "alice@example.com", "tenant:alice", "a.b-c"})
    void anIdThatMakesAPersonalChannelIsValid(String id) {
        assertThat(UserIds.check(id)).isEqualTo(id);
        assertThat(UserIds.isValid(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bob smith", "ève", "a/b", "x*"})
    void anIdThatMakesNoChannelIsRefusedSayingWhy(String id) {
        assertThatThrownBy(() -> UserIds.check(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching(id.isEmpty() ? "the user id is empty" : "'.*' makes no valid personal channel: .+");
        assertThat(UserIds.isValid(id)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {195, 196})
    void theWholeChannelIsAtMost200Characters(int length) {
        String id = "a".repeat(length);

        assertThat(UserIds.isValid(id)).isEqualTo(length + "user:".length() <= 200);
    }
}
