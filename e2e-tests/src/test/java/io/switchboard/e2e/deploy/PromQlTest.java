package io.switchboard.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsTheMetricsOfAHistogramQuantile() {
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (instance, le) "
                        + "(rate(switchboard_gateway_delivery_latency_seconds_bucket{job=\"gw\"}[5m]))) > 0.1"))
                .containsExactly("switchboard_gateway_delivery_latency_seconds_bucket");
    }

    @Test
    void findsBothSidesOfABinaryOperationAndSkipsKeywordsAndLabels() {
        assertThat(PromQl.metricNames("min by (job) (switchboard_health_check{check=\"kafka\", probe=~\"r.*\"}) == 0"
                        + " or on (instance) up{job=\"x\"} == bool 0 unless ignoring(le) foo_total offset 5m"))
                .containsExactly("foo_total", "switchboard_health_check", "up");
    }

    @Test
    void skipsGrafanaVariablesStringsAndNumbers() {
        assertThat(PromQl.metricNames("sum(rate(a_total[$__rate_interval])) * 60 + 1e3 - "
                        + "label_replace(b, \"dst\", \"$1\", \"src\", \"(c_total)\") / ${factor}"))
                .containsExactly("a_total", "b");
    }

    @Test
    void findsMetricsInsideSubqueriesAndAfterAGroupingAtTheEnd() {
        assertThat(PromQl.metricNames("max_over_time(deriv(x_bytes[10m:1m])[1h:]) and sum(y) without (thread_id)"))
                .containsExactly("x_bytes", "y");
    }

    @Test
    void exposedNamesIncludeHistogramAndCounterSeriesOfAFamily() {
        Exposition exposed = Exposition.of(List.of("""
                # HELP lat_seconds latency
                # TYPE lat_seconds histogram
                lat_seconds_bucket{le="0.1"} 1
                lat_seconds_count 1
                lat_seconds_sum 0.05
                # TYPE jobs_total counter
                jobs_total{kind="a"} 3.0
                plain 1
                """));

        assertThat(exposed.exposes("lat_seconds_bucket")).isTrue();
        assertThat(exposed.exposes("lat_seconds_count")).isTrue();
        assertThat(exposed.exposes("jobs_total")).isTrue();
        assertThat(exposed.exposes("plain")).isTrue();
        assertThat(exposed.exposes("plain_total")).isTrue();
        assertThat(exposed.exposes("lat")).isFalse();
        assertThat(exposed.exposes("jobs_count_total")).isFalse();
        assertThat(exposed.exposes("missing_bucket")).isFalse();
    }
}
