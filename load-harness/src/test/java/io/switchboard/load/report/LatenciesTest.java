package io.switchboard.load.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatenciesTest {
    @Test
    void percentilesOfOneToAThousandMilliseconds() {
        Latencies latencies = new Latencies();
        for (int ms = 1; ms <= 1000; ms++) {
            latencies.record(ms * 1000L);
        }

        LatencySummary s = latencies.summary();

        assertThat(s.count()).isEqualTo(1000);
        assertThat(s.p50()).isCloseTo(500, within(1.0));
        assertThat(s.p90()).isCloseTo(900, within(1.0));
        assertThat(s.p99()).isCloseTo(990, within(1.0));
        assertThat(s.p999()).isCloseTo(999, within(1.0));
        assertThat(s.max()).isCloseTo(1000, within(1.0));
    }

    @Test
    void survivesEncodingAndMergesAcrossLoaders() {
        Latencies first = new Latencies();
        Latencies second = new Latencies();
        for (int i = 0; i < 99; i++) {
            first.record(10_000);
        }
        second.record(2_000_000);
        second.record(-5);

        Latencies merged = new Latencies();
        merged.add(Latencies.decode(first.encode(), first.negative()));
        merged.add(Latencies.decode(second.encode(), second.negative()));

        assertThat(merged.count()).isEqualTo(101);
        assertThat(merged.negative()).isEqualTo(1);
        assertThat(merged.percentileMillis(50)).isCloseTo(10, within(0.01));
        assertThat(merged.maxMillis()).isCloseTo(2000, within(2.0));
    }

    @Test
    void anEmptyHistogramSaysZero() {
        assertThat(new Latencies().summary()).isEqualTo(new LatencySummary(0, 0, 0, 0, 0, 0));
    }
}
