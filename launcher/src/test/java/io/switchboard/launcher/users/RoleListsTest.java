package io.switchboard.launcher.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoleListsTest {
    @Test
    void commaSeparatedNamesKeepTheirOrderAndCountOnce() {
        assertThat(RoleLists.parse("viewer,admin,viewer")).containsExactly("viewer", "admin");
    }

    @Test
    void spacesAroundANameAreDropped() {
        assertThat(RoleLists.parse(" admin , viewer")).containsExactly("admin", "viewer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void anEmptyTextMeansNoRoles(String text) {
        assertThat(RoleLists.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin,,viewer", "admin,", ",admin", "admin, ,viewer"})
    void aBlankNameIsRefused(String text) {
        assertThatThrownBy(() -> RoleLists.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be blank");
    }

    @Test
    void aListIsShownAsItIsWrittenAndNoneAsADash() {
        assertThat(RoleLists.format(List.of("admin", "viewer"))).isEqualTo("admin,viewer");
        assertThat(RoleLists.format(List.of())).isEqualTo("—");
    }

    @Test
    void theOrderDoesNotMakeOtherRoles() {
        assertThat(RoleLists.sameRoles(List.of("admin", "viewer"), List.of("viewer", "admin")))
                .isTrue();
        assertThat(RoleLists.sameRoles(List.of("admin"), List.of("admin", "viewer")))
                .isFalse();
    }
}
