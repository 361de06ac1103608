package io.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.Receipt;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The JSON of a receipt on switchboard.receipts, as PROTOCOL.md ("Delivery receipts") writes it. */
class ReceiptCodecTest {
    private final Receipt receipt =
            new Receipt("e-1", "alice", "user:alice", 57L, Instant.ofEpochMilli(1_763_800_000_123L));

    @Test
    void writesTheFieldsOfTheProtocolInItsOrder() {
        assertThat(new String(ReceiptCodec.encode(receipt), StandardCharsets.UTF_8))
                .isEqualTo("{\"event_id\":\"e-1\",\"user_id\":\"alice\",\"channel\":\"user:alice\",\"offset\":57,"
                        + "\"acked_at\":1763800000123}");
    }

    @Test
    void readsWhatItWrote() {
        assertThat(ReceiptCodec.decode(ReceiptCodec.encode(receipt))).isEqualTo(receipt);
    }
}
