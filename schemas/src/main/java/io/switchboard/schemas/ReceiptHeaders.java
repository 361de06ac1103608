package io.switchboard.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The record headers of delivery receipts on the output topics. {@value #REQUESTED} marks a {@code Delivery} whose
 * acks produce receipts: its value is the socket publisher's user id (UTF-8), empty for a domain event. {@value
 * #NOTICE} marks a receipt for a socket publisher on its personal channel: the record's value is then a {@code
 * Receipt}, not a {@code Delivery}, and it carries no other Switchboard header. A reader checks it before decoding,
 * as it checks {@link PresenceHeader}.
 */
public final class ReceiptHeaders {
    public static final String REQUESTED = "switchboard.receipts";
    public static final String NOTICE = "switchboard.receipt";

    private ReceiptHeaders() {}

    /** The value of {@link #REQUESTED} for a message of {@code publisherUserId}; empty for a domain event. */
    public static byte[] requestedBy(Optional<String> publisherUserId) {
        return publisherUserId.orElse("").getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the record asks for receipts: it has {@link #REQUESTED}, whatever its value. */
    public static boolean isRequested(Headers headers) {
        return headers.lastHeader(REQUESTED) != null;
    }

    /** The socket publisher {@link #REQUESTED} names; empty for a domain event or a record without the header. */
    public static Optional<String> publisher(Headers headers) {
        Header header = headers.lastHeader(REQUESTED);
        if (header == null || header.value() == null || header.value().length == 0) {
            return Optional.empty();
        }
        return Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** Whether the record is a receipt for a publisher: it has {@link #NOTICE}, whatever its value. */
    public static boolean isNotice(Headers headers) {
        return headers.lastHeader(NOTICE) != null;
    }
}
