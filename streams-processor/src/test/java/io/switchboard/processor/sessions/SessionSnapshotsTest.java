package io.switchboard.processor.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.ChannelPosition;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionSnapshotsTest {
    private static final ChannelPosition STATUS = new ChannelPosition("status", 5L, "e-s", false);
    private static final ChannelPosition INBOX = new ChannelPosition("user:alice", 9L, "e-u", false);
    private static final ChannelPosition METRICS = new ChannelPosition("metrics", 1L, "e-m", false);

    @Test
    void keepsThePositionsOfHeldChannelsInTheOrderReported() {
        assertThat(SessionSnapshots.held(List.of("user:alice", "status"), List.of(STATUS, INBOX)))
                .containsExactly(STATUS, INBOX);
    }

    @Test
    void leavesOutAReportedChannelTheConnectionDoesNotHold() {
        assertThat(SessionSnapshots.held(List.of("status"), List.of(METRICS, STATUS)))
                .containsExactly(STATUS);
    }

    @Test
    void leavesOutAHeldChannelWithoutAReportedPosition() {
        assertThat(SessionSnapshots.held(List.of("status", "user:alice"), List.of(STATUS)))
                .containsExactly(STATUS);
    }

    @Test
    void keepsTheFirstReportOfAChannelReportedTwice() {
        ChannelPosition later = new ChannelPosition("status", 8L, "e-s", false);

        assertThat(SessionSnapshots.held(List.of("status"), List.of(STATUS, later)))
                .containsExactly(STATUS);
    }
}
