package io.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Duration MIN = Duration.ofMillis(500);
    private static final Duration MAX = Duration.ofSeconds(20);

    @Test
    void theLeastRandomDrawWaitsTheLeastDelayAtEveryAttempt() {
        Backoff backoff = new Backoff(MIN, MAX, () -> 0.0);
        for (int attempt = 1; attempt <= 40; attempt++) {
            assertThat(backoff.delay(attempt)).isEqualTo(MIN);
        }
    }

    @Test
    void theCapDoublesPerAttemptUpToTheLargestDelay() {
        Backoff backoff = new Backoff(MIN, MAX, () -> 0.999_999);
        assertThat(backoff.delay(1)).isEqualTo(MIN);
        assertThat(backoff.delay(2).toMillis()).isBetween(995L, 1000L);
        assertThat(backoff.delay(3).toMillis()).isBetween(1995L, 2000L);
        assertThat(backoff.delay(6).toMillis()).isBetween(15_990L, 16_000L);
        assertThat(backoff.delay(7).toMillis()).isBetween(19_990L, 20_000L);
        assertThat(backoff.delay(1_000).toMillis()).isBetween(19_990L, 20_000L);
    }

    @Test
    void realDrawsStayWithinTheBounds() {
        Backoff backoff = new Backoff(MIN, MAX, Math::random);
        for (int attempt = 0; attempt < 2_000; attempt++) {
            assertThat(backoff.delay(attempt % 50)).isBetween(MIN, MAX);
        }
    }

    @Test
    void refusesBoundsThatMakeNoSense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, MAX, () -> 0)).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new Backoff(MAX, MIN, () -> 0)).hasMessageContaining("below the least");
    }
}
