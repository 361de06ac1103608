package io.switchboard.load.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeqTrackerTest {
    @Test
    void inOrderDeliveryHasNoHoleAndNoDuplicate() {
        SeqTracker tracker = new SeqTracker();

        for (long seq = 1; seq <= 5; seq++) {
            assertThat(tracker.accept(seq)).isZero();
        }

        assertThat(tracker.received()).isEqualTo(5);
        assertThat(tracker.holes()).isZero();
        assertThat(tracker.missing()).isZero();
        assertThat(tracker.duplicates()).isZero();
        assertThat(tracker.behind(5)).isZero();
    }

    @Test
    void aJumpForwardIsAHoleCountingEveryNumberSkipped() {
        SeqTracker tracker = new SeqTracker();
        tracker.accept(1);

        assertThat(tracker.accept(2)).isZero();
        assertThat(tracker.accept(5)).isEqualTo(2);
        assertThat(tracker.accept(7)).isEqualTo(1);

        assertThat(tracker.holes()).isEqualTo(2);
        assertThat(tracker.missing()).isEqualTo(3);
    }

    @Test
    void missingTheFirstEventsCountsAsAHole() {
        SeqTracker tracker = new SeqTracker();

        assertThat(tracker.accept(4)).isEqualTo(3);
        assertThat(tracker.missing()).isEqualTo(3);
    }

    @Test
    void aRepeatedOrOlderNumberIsADuplicateAndMovesNothing() {
        SeqTracker tracker = new SeqTracker();
        tracker.accept(1);
        tracker.accept(2);

        assertThat(tracker.accept(2)).isEqualTo(-1);
        assertThat(tracker.accept(1)).isEqualTo(-1);

        assertThat(tracker.duplicates()).isEqualTo(2);
        assertThat(tracker.last()).isEqualTo(2);
        assertThat(tracker.received()).isEqualTo(4);
    }

    @Test
    void whatNeverArrivedAfterTheLastIsBehindNotMissing() {
        SeqTracker tracker = new SeqTracker();
        tracker.accept(1);
        tracker.accept(2);

        assertThat(tracker.behind(10)).isEqualTo(8);
        assertThat(tracker.missing()).isZero();
    }

    @Test
    void continuityAddsConnectionsUp() {
        SeqTracker gap = new SeqTracker();
        gap.accept(1);
        gap.accept(3);
        SeqTracker late = new SeqTracker();
        late.accept(1);

        Continuity c = Continuity.NONE.plus(gap, 3).plus(late, 3);

        assertThat(c).isEqualTo(new Continuity(2, 1, 1, 1, 0, 2, 1));
    }
}
