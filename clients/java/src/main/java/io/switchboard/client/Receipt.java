package io.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A delivery receipt: user {@code userId} acknowledged, at {@code ackedAt} (epoch milliseconds, the gateway's clock),
 * the message of event {@code eventId} that this client's user published with {@link PublishOptions#withReceipts()}.
 * It comes as a {@code receipt} frame on the personal channel, with no channel position of its own.
 *
 * @param eventId the id of the acknowledged message's event
 * @param userId who acknowledged it
 * @param ackedAt when, in epoch milliseconds
 */
public record Receipt(String eventId, String userId, long ackedAt) {
    /** {@link #ackedAt()} as an instant. */
    public Instant ackedAtInstant() {
        return Instant.ofEpochMilli(ackedAt);
    }

    /** The receipt of a {@code receipt} frame; {@code bad_frame} when a field is missing or of the wrong type. */
    static Receipt of(JsonNode frame) {
        JsonNode eventId = frame.path("event_id");
        JsonNode userId = frame.path("user_id");
        JsonNode ackedAt = frame.path("acked_at");
        if (!eventId.isTextual() || !userId.isTextual() || !ackedAt.isIntegralNumber() || !ackedAt.canConvertToLong()) {
            throw new SwitchboardException(
                    "bad_frame",
                    "a receipt frame needs event_id and user_id (strings) and acked_at (epoch ms): " + frame);
        }
        return new Receipt(eventId.asText(), userId.asText(), ackedAt.asLong());
    }
}
