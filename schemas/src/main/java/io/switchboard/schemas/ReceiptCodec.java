package io.switchboard.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.switchboard.schemas.avro.Receipt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The value of a record on {@code switchboard.receipts}, as PROTOCOL.md ("Delivery receipts") writes it: the JSON
 * object {@code {"event_id":"…","user_id":"…","channel":"user:…","offset":n,"acked_at":…}}, {@code acked_at} in epoch
 * milliseconds, UTF-8.
 */
public final class ReceiptCodec {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ReceiptCodec() {}

    /** The JSON bytes of {@code receipt}. */
    public static byte[] encode(Receipt receipt) {
        try {
            return JSON.writeValueAsBytes(Json.of(receipt));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a receipt is always writable as JSON", e);
        }
    }

    /** Reads the JSON bytes of a receipt back. */
    public static Receipt decode(byte[] json) {
        try {
            return JSON.readValue(json, Json.class).receipt();
        } catch (IOException e) {
            throw new UncheckedIOException("not a receipt: " + e.getMessage(), e);
        }
    }

    private record Json(
            @JsonProperty("event_id") String eventId,
            @JsonProperty("user_id") String userId,
            @JsonProperty("channel") String channel,
            @JsonProperty("offset") long offset,
            @JsonProperty("acked_at") long ackedAt) {
        static Json of(Receipt receipt) {
            return new Json(
                    receipt.getEventId(),
                    receipt.getUserId(),
                    receipt.getChannel(),
                    receipt.getOffset(),
                    receipt.getAckedAt().toEpochMilli());
        }

        Receipt receipt() {
            return new Receipt(eventId, userId, channel, offset, Instant.ofEpochMilli(ackedAt));
        }
    }
}
