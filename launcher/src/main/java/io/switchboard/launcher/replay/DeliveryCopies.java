package io.switchboard.launcher.replay;

import io.switchboard.schemas.SourceHeader;
import io.switchboard.schemas.avro.Delivery;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** How a replay copies one delivery: the same message, marked {@code replayed}, addressed to the target channel. */
final class DeliveryCopies {
    /**
     * Headers that mark a client's publish on an output topic ({@code PublishHeaders} of the processor): the processor
     * answers {@code published} for every record that carries them, so a copy with them would confirm the publish a
     * second time, to a connection that may be long gone.
     */
    static final String PUBLISH_HEADER_PREFIX = "switchboard.publish.";

    private DeliveryCopies() {}

    /** Whether a delivery is an original: a copy written by an earlier replay is never copied again. */
    static boolean isOriginal(Delivery delivery) {
        return !delivery.getReplayed();
    }

    /** The copy: same event id, event, time and payload, {@code replayed: true}, on {@code channel}. */
    static Delivery copy(Delivery original, String channel) {
        return Delivery.newBuilder(original)
                .setChannel(channel)
                .setReplayed(true)
                .build();
    }

    /**
     * The original's headers without the publish headers, and without its source position: a copy is meant to be
     * delivered again, and a reader that passed the original's source position would take it for a duplicate.
     */
    static Headers headers(Headers original) {
        RecordHeaders kept = new RecordHeaders();
        for (Header header : original) {
            if (!header.key().startsWith(PUBLISH_HEADER_PREFIX) && !header.key().equals(SourceHeader.KEY)) {
                kept.add(header);
            }
        }
        return kept;
    }
}
