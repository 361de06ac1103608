package io.switchboard.launcher.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ReplayProgressTest {
    private static final ReplayWindow WINDOW =
            new ReplayWindow(new TopicPartition("switchboard.out.metrics", 0), 1000, 3000, List.of());

    private final AtomicLong clock = new AtomicLong(5_000_000_000L);
    private final StringWriter err = new StringWriter();

    @Test
    void printsNothingBeforeTheIntervalThenOneLinePerInterval() {
        ReplayProgress progress = progress(false);
        ReplayCounts counts = counts(400, 3);

        progress.update(WINDOW, 1400, counts, 2);
        clock.addAndGet(Duration.ofMillis(999).toNanos());
        progress.update(WINDOW, 1500, counts, 2);
        clock.addAndGet(Duration.ofMillis(1).toNanos());
        progress.update(WINDOW, 2000, counts, 3);
        progress.update(WINDOW, 2100, counts, 3);

        assertThat(err.toString().lines())
                .containsExactly("replay: offset 2000 in [1000, 3000) 50%, scanned 400, matched 3, written 3");
    }

    @Test
    void aDryRunReportsNoWrites() {
        ReplayProgress progress = progress(true);
        clock.addAndGet(Duration.ofSeconds(2).toNanos());

        progress.update(WINDOW, 3000, counts(2000, 7), 0);

        assertThat(err.toString())
                .contains("offset 3000 in [1000, 3000) 100%", "matched 7 (dry run)")
                .doesNotContain("written");
    }

    private ReplayProgress progress(boolean dryRun) {
        return new ReplayProgress(new PrintWriter(err, true), clock::get, Duration.ofSeconds(1), dryRun);
    }

    private static ReplayCounts counts(int scanned, int matched) {
        ReplayCounts counts = new ReplayCounts();
        for (int i = 0; i < scanned; i++) {
            counts.scanned();
        }
        for (int i = 0; i < matched; i++) {
            counts.matched(1000 + i);
        }
        return counts;
    }
}
