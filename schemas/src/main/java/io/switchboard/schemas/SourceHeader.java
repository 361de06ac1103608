package io.switchboard.schemas;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The record header {@value #KEY} of a delivery that routes a domain event: the partition and offset of that event on
 * {@code switchboard.events} and the delivery's index among the event's deliveries (its channel's, then one per
 * personal channel), 16 bytes big-endian (an int, a long, an int).
 *
 * <p>Events are routed at-least-once: a processor that crashed routes the events after its last commit again, so an
 * output partition may hold a second copy of a delivery after later records. Within one output partition the
 * deliveries of one source partition come in the order of (offset, index), so a reader that remembers, per source
 * partition, the highest (offset, index) it passed drops every copy and nothing else; the index tells apart two
 * deliveries of one event that land in the same partition (two admins' personal channels, say). A header rather than
 * a field of the value: a gateway checks every record of its partitions, most of which no local client subscribed
 * to, without decoding one. Deliveries without it (a client's publish, routed exactly once; a replayed copy, meant to
 * arrive again) are never taken for copies.
 */
public final class SourceHeader {
    public static final String KEY = "switchboard.source";
    private static final int LENGTH = Integer.BYTES + Long.BYTES + Integer.BYTES;
    private static final int OFFSET_AT = Integer.BYTES;
    private static final int INDEX_AT = Integer.BYTES + Long.BYTES;

    private SourceHeader() {}

    /** A header value for delivery {@code index} of the event at {@code offset} of events partition {@code partition}. */
    public static byte[] value(int partition, long offset, int index) {
        return ByteBuffer.allocate(LENGTH)
                .putInt(partition)
                .putLong(offset)
                .putInt(index)
                .array();
    }

    /** The source partition of a header value. */
    public static int partition(byte[] value) {
        return ByteBuffer.wrap(value).getInt(0);
    }

    /** The source offset of a header value. */
    public static long offset(byte[] value) {
        return ByteBuffer.wrap(value).getLong(OFFSET_AT);
    }

    /** The delivery's index among its event's deliveries. */
    public static int index(byte[] value) {
        return ByteBuffer.wrap(value).getInt(INDEX_AT);
    }

    /** The header's value, when the record has a well-formed one (16 bytes). */
    public static Optional<byte[]> of(Headers headers) {
        Header header = headers.lastHeader(KEY);
        return header == null || header.value() == null || header.value().length != LENGTH
                ? Optional.empty()
                : Optional.of(header.value());
    }
}
