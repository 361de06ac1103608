package io.switchboard.gateway.protocol;

import io.switchboard.schemas.avro.PayloadEncoding;
import io.switchboard.schemas.avro.PayloadKind;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A frame from a client, decoded and validated by {@link ClientMessageDecoder}. {@code id} is the client's own
 * message id (at most 64 characters), echoed in replies; null when the client sent none.
 */
public sealed interface ClientMessage {
    /** Longest accepted client message id. */
    int MAX_ID_LENGTH = 64;

    String id();

    /**
     * {@code subscribe}: a valid channel name, optionally a position to recover from, and whether the client also wants
     * the channel's {@code join} and {@code leave} frames ({@code "presence": true}).
     */
    record Subscribe(String id, String channel, Optional<Position> since, boolean presence) implements ClientMessage {
        /** A subscribe without presence. */
        public Subscribe(String id, String channel, Optional<Position> since) {
            this(id, channel, since, false);
        }
    }

    /** {@code unsubscribe}: a valid channel name. */
    record Unsubscribe(String id, String channel) implements ClientMessage {}

    /**
     * {@code publish}: a valid channel name, an optional event name, and {@code data} as UTF-8 JSON text.
     *
     * @param dataJson the JSON value of {@code data}, re-serialized exactly (numbers keep their digits)
     * @param receipts the optional {@code receipts}: the publisher asks for {@code receipt} frames on its personal
     *     channel when recipients ack the message
     */
    record Publish(String id, String channel, Optional<String> event, String dataJson, boolean receipts)
            implements ClientMessage {}

    /**
     * A binary publish (PROTOCOL.md, "Binary frames"), decoded by {@link BinaryPublishDecoder}: a valid channel name,
     * an optional event name, and the payload exactly as the client sent it.
     *
     * @param kind {@code JSON} for a {@code COMPRESSED_JSON} frame
     * @param contentType the MIME type of the inflated payload; {@code application/json} for JSON
     * @param encoding the payload's encoding as sent; a compressed payload was checked to inflate within the
     *     inbound message limit (and, for JSON, to valid JSON)
     * @param data the payload bytes as sent, read-only
     * @param receipts the metadata's optional {@code receipts}, as on a text publish
     */
    record BinaryPublish(
            String id,
            String channel,
            Optional<String> event,
            PayloadKind kind,
            String contentType,
            PayloadEncoding encoding,
            ByteBuffer data,
            boolean receipts)
            implements ClientMessage {}

    /**
     * {@code presence}: who is on a channel, one page of members after the user id {@code after} (the {@code next} of
     * the previous page), which is a valid user id when present; forwarded to the processor, which answers.
     */
    record Presence(String id, String channel, Optional<String> after) implements ClientMessage {}

    /** {@code ping}: answered locally with {@code pong}. */
    record Ping(String id) implements ClientMessage {}

    /** {@code get_reconnection_token}: not available in this version of the gateway. */
    record GetReconnectionToken(String id) implements ClientMessage {}

    /** {@code ack}: the client confirms delivery of a channel up to {@code offset}; forwarded, never answered. */
    record Ack(String id, String channel, long offset) implements ClientMessage {}

    /** {@code refresh}: a fresh JWT for the connection's user, to keep it open past its current token's expiry. */
    record Refresh(String id, String token) implements ClientMessage {}
}
