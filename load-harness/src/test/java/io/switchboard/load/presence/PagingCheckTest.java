package io.switchboard.load.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PagingCheckTest {
    private static final Set<String> EXPECTED = Set.of("a", "b", "c", "d");

    @Test
    void everyMemberOnceOverTwoPagesPasses() {
        PagingCheck check =
                PagingCheck.of(List.of(page(List.of("a", "b"), 4, "b"), page(List.of("c", "d"), 4, null)), EXPECTED);

        assertThat(check.exactlyOnce(4)).isTrue();
        assertThat(check.pages()).isEqualTo(2);
        assertThat(check.listed()).isEqualTo(4);
        assertThat(check.samples()).isEmpty();
    }

    @Test
    void aMemberOnTwoPagesIsADuplicate() {
        PagingCheck check = PagingCheck.of(
                List.of(page(List.of("a", "b"), 4, "b"), page(List.of("b", "c", "d"), 4, null)), EXPECTED);

        assertThat(check.exactlyOnce(4)).isFalse();
        assertThat(check.duplicates()).isEqualTo(1);
        assertThat(check.samples()).anyMatch(s -> s.contains("listed twice: b"));
    }

    @Test
    void aSkippedMemberIsMissing() {
        PagingCheck check =
                PagingCheck.of(List.of(page(List.of("a", "b"), 4, "b"), page(List.of("d"), 4, null)), EXPECTED);

        assertThat(check.exactlyOnce(4)).isFalse();
        assertThat(check.missing()).isEqualTo(1);
        assertThat(check.samples()).contains("missing: c");
    }

    @Test
    void anUnknownUserACountThatDisagreesAndDisorderFail() {
        PagingCheck unknown = PagingCheck.of(List.of(page(List.of("a", "b", "c", "d", "e"), 5, null)), EXPECTED);
        PagingCheck count =
                PagingCheck.of(List.of(page(List.of("a", "b"), 4, "b"), page(List.of("c", "d"), 3, null)), EXPECTED);
        PagingCheck order = PagingCheck.of(List.of(page(List.of("b", "a", "c", "d"), 4, null)), EXPECTED);

        assertThat(unknown.exactlyOnce(4)).isFalse();
        assertThat(unknown.unexpected()).isEqualTo(1);
        assertThat(count.exactlyOnce(4)).isFalse();
        assertThat(count.counts()).containsExactly(3L, 4L);
        assertThat(order.exactlyOnce(4)).isFalse();
        assertThat(order.outOfOrder()).isEqualTo(1);
    }

    @Test
    void aMemberWithTwoConnectionsIsFlagged() {
        PresencePage page = new PresencePage(List.of("a", "b", "c", "d"), List.of(1, 2, 1, 1), 4, null);

        PagingCheck check = PagingCheck.of(List.of(page), EXPECTED);

        assertThat(check.exactlyOnce(4)).isFalse();
        assertThat(check.notOneConnection()).isEqualTo(1);
    }

    private static PresencePage page(List<String> users, long count, String next) {
        return new PresencePage(users, Collections.nCopies(users.size(), 1), count, next);
    }
}
