package io.switchboard.processor.actions;

import io.switchboard.schemas.avro.ClientAction;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The record headers that mark a {@code Delivery} in {@code switchboard.out.<family>} as a client's publish, so
 * that the {@code published} reply can find its way back once the record has an offset. Every value is UTF-8.
 * Deliveries of domain events carry none of them.
 */
public final class PublishHeaders {
    /** The gateway holding the publishing connection: the key of the {@code published} reply. */
    public static final String GATEWAY = "switchboard.publish.gateway";
    /** The publishing connection. */
    public static final String CONNECTION = "switchboard.publish.connection";
    /** The client's message id, echoed in {@code published}; absent when the publish had none. */
    public static final String REQUEST = "switchboard.publish.request";
    /** The id the processor gave the message ({@code Delivery.eventId}), named in {@code published} and receipts. */
    public static final String EVENT_ID = "switchboard.publish.event-id";

    private PublishHeaders() {}

    /** The headers of the delivery written for {@code action}, a publish, whose message got {@code eventId}. */
    static Headers of(ClientAction action, String eventId) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EVENT_ID, utf8(eventId));
        headers.add(GATEWAY, utf8(action.getGatewayId()));
        headers.add(CONNECTION, utf8(action.getConnectionId()));
        if (action.getRequestId() != null) {
            headers.add(REQUEST, utf8(action.getRequestId()));
        }
        return headers;
    }

    /** The value of header {@code key}, or {@code null} when the record has none. */
    static String text(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
