package io.switchboard.processor.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.Ack;
import io.switchboard.schemas.avro.Cursor;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CursorLedgerTest {
    private static final Cursor AT_9_OF_E1 = new Cursor("alice", "user:alice", 9L, "e1", Instant.EPOCH);
    private static final Cursor AT_9_WITHOUT_EPOCH = new Cursor("alice", "user:alice", 9L, null, Instant.EPOCH);

    @Test
    void anyAckStartsACursorButANegativeOffsetIsNoPosition() {
        assertThat(CursorLedger.supersedes(ack(0, "e1"), null)).isTrue();
        assertThat(CursorLedger.supersedes(ack(0, null), null)).isTrue();
        assertThat(CursorLedger.supersedes(ack(-1, "e1"), null)).isFalse();
    }

    @Test
    void onlyALargerOffsetMovesACursorWithinItsEpoch() {
        assertThat(CursorLedger.supersedes(ack(10, "e1"), AT_9_OF_E1)).isTrue();
        assertThat(CursorLedger.supersedes(ack(9, "e1"), AT_9_OF_E1)).isFalse();
        assertThat(CursorLedger.supersedes(ack(8, "e1"), AT_9_OF_E1)).isFalse();
    }

    @Test
    void anotherEpochReplacesTheCursorWhateverItsOffset() {
        assertThat(CursorLedger.supersedes(ack(0, "e2"), AT_9_OF_E1)).isTrue();
        assertThat(CursorLedger.supersedes(ack(9, "e2"), AT_9_OF_E1)).isTrue();
    }

    @Test
    void aMissingOrEmptyEpochOnEitherSideComparesOffsetsOnly() {
        assertThat(CursorLedger.supersedes(ack(3, null), AT_9_OF_E1)).isFalse();
        assertThat(CursorLedger.supersedes(ack(3, ""), AT_9_OF_E1)).isFalse();
        assertThat(CursorLedger.supersedes(ack(3, "e2"), AT_9_WITHOUT_EPOCH)).isFalse();
        assertThat(CursorLedger.supersedes(ack(10, ""), AT_9_OF_E1)).isTrue();
    }

    @Test
    void keysByUserAndChannelApartByANulCharacter() {
        assertThat(CursorLedger.key("alice", "user:alice")).isEqualTo("alice\u0000user:alice");
    }

    private static Ack ack(long offset, String epoch) {
        return new Ack("user:alice", offset, epoch);
    }
}
