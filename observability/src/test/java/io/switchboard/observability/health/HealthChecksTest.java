package io.switchboard.observability.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
    void publishesEveryCheckAsAGaugeThatFollowsIt() {
        AtomicBoolean kafka = new AtomicBoolean(true);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HealthChecks checks = new HealthChecks().liveness("alive", () -> Health.up(""));

        checks.publishTo(registry);
        // registered after publishing, as the gateway does: published all the same
        checks.readiness("kafka", () -> kafka.get() ? Health.up("") : Health.down("silent"));

        assertThat(gauge(registry, "alive", "liveness")).isEqualTo(1);
        assertThat(gauge(registry, "kafka", "readiness")).isEqualTo(1);
        kafka.set(false);
        assertThat(gauge(registry, "kafka", "readiness")).isZero();
    }

    @Test
    void aGaugeDoesNotWaitForACheckThatHangs() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new HealthChecks()
                .readiness("hangs", () -> {
                    awaitUninterruptibly(release);
                    return Health.up("at last");
                })
                .publishTo(registry);

        // no answer yet: the scrape goes on without one
        assertThat(gauge(registry, "hangs", "readiness")).isNaN();
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(gauge(registry, "hangs", "readiness"))
                .isEqualTo(1));
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double gauge(SimpleMeterRegistry registry, String check, String probe) {
        return registry.get(HealthChecks.CHECK_METER)
                .tags("check", check, "probe", probe)
                .gauge()
                .value();
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
