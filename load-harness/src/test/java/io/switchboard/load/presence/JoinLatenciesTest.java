package io.switchboard.load.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.load.report.Latencies;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JoinLatenciesTest {
    @Test
    void eachJoinIsTimedFromTheLastSubscribeBeforeIt() {
        // u1 subscribed at 1 s and again at 21 s; its joins arrived at 1.1 s and 21.3 s
        Map<String, long[]> sends = Map.of("u1", new long[] {21_000_000, 1_000_000}, "u2", new long[] {5_000_000});
        Map<String, List<Long>> joins = Map.of("u1", List.of(1_100_000L, 21_300_000L), "u2", List.of(5_050_000L));
        long[] unmatched = new long[1];

        Latencies latencies = JoinLatencies.of(sends, joins, unmatched);

        assertThat(latencies.count()).isEqualTo(3);
        assertThat(latencies.percentileMillis(0)).isCloseTo(50, within(0.1));
        assertThat(latencies.maxMillis()).isCloseTo(300, within(0.5));
        assertThat(unmatched[0]).isZero();
    }

    @Test
    void aJoinWithNoSubscribeBeforeItIsUnmatched() {
        Map<String, long[]> sends = Map.of("u1", new long[] {2_000_000});
        Map<String, List<Long>> joins = Map.of("u1", List.of(1_000_000L), "u9", List.of(3_000_000L));
        long[] unmatched = new long[1];

        Latencies latencies = JoinLatencies.of(sends, joins, unmatched);

        assertThat(latencies.count()).isZero();
        assertThat(unmatched[0]).isEqualTo(2);
    }
}
