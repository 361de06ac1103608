package io.switchboard.load.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void windowDoublesFromTheBaseUpToTheCap() {
        Backoff backoff = new Backoff(500, 4000);
        assertThat(backoff.windowMillis(0)).isEqualTo(500);
        assertThat(backoff.windowMillis(1)).isEqualTo(1000);
        assertThat(backoff.windowMillis(3)).isEqualTo(4000);
        assertThat(backoff.windowMillis(40)).isEqualTo(4000);
    }

    @Test
    void delayIsDrawnBelowTheAttemptsWindow() {
        Backoff highest = new Backoff(500, 4000, bound -> bound - 1);
        assertThat(highest.delayMillis(0)).isEqualTo(499);
        assertThat(highest.delayMillis(2)).isEqualTo(1999);
        Backoff random = new Backoff(500, 4000);
        for (int i = 0; i < 1000; i++) {
            assertThat(random.delayMillis(1)).isBetween(0L, 999L);
        }
    }

    @Test
    void refusesABaseAboveTheCapOrBelowOne() {
        assertThatThrownBy(() -> new Backoff(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(100, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(1, 10).windowMillis(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
