package io.switchboard.schemas;

import io.switchboard.schemas.avro.PresenceKind;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The record header {@value #KEY} that marks a presence notice on an output topic: its value is {@code join} or
 * {@code leave} (UTF-8), and the record's value is a {@code PresenceNotice}, not a {@code Delivery}. A reader checks
 * it before decoding, as it checks {@link SourceHeader}: a record with it goes only to the subscribers that asked for
 * presence. A notice never carries {@link SourceHeader}, so duplicate dropping never drops one.
 */
public final class PresenceHeader {
    public static final String KEY = "switchboard.presence";

    private PresenceHeader() {}

    /** The header value of a notice of {@code kind}: {@code join} or {@code leave}. */
    public static byte[] value(PresenceKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }

    /** The kind a record's header names; empty for a record without the header (a delivery) or with another value. */
    public static Optional<PresenceKind> of(Headers headers) {
        Header header = headers.lastHeader(KEY);
        if (header == null || header.value() == null) {
            return Optional.empty();
        }
        String text = new String(header.value(), StandardCharsets.UTF_8);
        for (PresenceKind kind : PresenceKind.values()) {
            if (kind.name().toLowerCase(Locale.ROOT).equals(text)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** Whether the record is a presence notice: it has the header, whatever its value. */
    public static boolean isNotice(Headers headers) {
        return headers.lastHeader(KEY) != null;
    }
}
