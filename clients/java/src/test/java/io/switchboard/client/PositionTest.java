package io.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import org.junit.jupiter.api.Test;

/** The dedup rule: a message is handed on only when it comes after the last one handed on for its channel. */
class PositionTest {
    @Test
    void dropsMessagesAtOrBelowTheLastOffsetOfTheSameEpoch() {
        Position last = new Position(57, "e:2");
        assertThat(Position.isAfter(last, message(56, "e:2"))).isFalse();
        assertThat(Position.isAfter(last, message(57, "e:2"))).isFalse();
        assertThat(Position.isAfter(last, message(58, "e:2"))).isTrue();
        assertThat(Position.isAfter(last, message(1_000, "e:2")))
                .as("offsets have gaps")
                .isTrue();
    }

    @Test
    void takesEveryMessageOfAnotherEpochAndTheFirstMessageOfAChannel() {
        assertThat(Position.isAfter(new Position(57, "e:2"), message(3, "f:2"))).isTrue();
        assertThat(Position.isAfter(null, message(0, "e:2"))).isTrue();
    }

    @Test
    void readsTheSubscribedPositionAndWritesItAsSince() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Position position = Position.from(json.readTree("{\"offset\":41,\"epoch\":\"c_LU5:2\"}"));
        assertThat(position).isEqualTo(new Position(41, "c_LU5:2"));
        assertThat(position.toJson()).hasToString("{\"offset\":41,\"epoch\":\"c_LU5:2\"}");
        assertThat(Position.from(json.readTree("{\"offset\":\"x\"}"))).isNull();
        assertThat(Position.from(null)).isNull();
    }

    private static Message message(long offset, String epoch) {
        return new Message("metrics", null, IntNode.valueOf(1), offset, epoch, 0, false, Message.Kind.TEXT, null, null);
    }
}
