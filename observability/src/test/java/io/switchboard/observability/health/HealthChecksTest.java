package io.switchboard.observability.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HealthChecksTest {

    @Test
    void isReadyOnlyWhenEveryReadinessCheckIsUp() {
        HealthChecks checks = new HealthChecks()
                .readiness("kafka", () -> Health.down("no connection"))
                .readiness("accepting", () -> Health.up("yes"));

        HealthReport report = checks.ready();

        assertThat(report.up()).isFalse();
        assertThat(report.failing()).containsExactly("kafka");
        assertThat(checks.live().up()).isTrue();
    }

    @Test
    void countsACheckThatThrowsOrAnswersNothingAsDown() {
        HealthChecks checks = new HealthChecks()
                .liveness("boom", () -> {
                    throw new IllegalStateException("broken");
                })
                .liveness("silent", () -> null);

        HealthReport report = checks.live();

        assertThat(report.failing()).containsExactly("boom", "silent");
        assertThat(report.checks().get(0).health().detail())
                .isEqualTo("the check failed: java.lang.IllegalStateException: broken");
    }

    @Test
    void refusesADuplicateOrBlankName() {
        HealthChecks checks = new HealthChecks().readiness("kafka", () -> Health.up(""));

        assertThatThrownBy(() -> checks.liveness("kafka", () -> Health.up("")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kafka");
        assertThatThrownBy(() -> checks.readiness(" ", () -> Health.up("")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesValidJsonForAnyDetail() {
        HealthReport report = new HealthReport(
                java.util.List.of(new HealthReport.Outcome("k\"1", Health.down("line\nbreak \\ \u0001 \"q\""))));

        assertThat(report.toJson())
                .isEqualTo("{\"status\":\"DOWN\",\"failing\":[\"k\\\"1\"],\"checks\":[{\"name\":\"k\\\"1\","
                        + "\"status\":\"DOWN\",\"detail\":\"line\\nbreak \\\\ \\u0001 \\\"q\\\"\"}]}");
    }
}
