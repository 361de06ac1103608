package io.switchboard.gateway.protocol;

import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.PayloadEncoding;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The frames of one delivered record, built lazily, each at most once (the fan-out rule): the inflated form for the
 * sessions that cannot take the payload as stored, and, for a compressed payload, the form as stored for the sessions
 * that announced its encoding. Every session that needs a form gets the same immutable {@link Frame}.
 *
 * <p>Not thread-safe: used by the thread that decoded the record, for the subscribers of this gateway (or the one
 * session of a recovery).
 */
public final class DeliveryFrames {
    private final DeliveryFrameEncoder encoder;
    private final Delivery delivery;
    private final long offset;
    private final String epoch;
    /** The payload's encoding when compressed; null when it is stored uncompressed (one form only). */
    private final PayloadEncoding stored;

    private Frame inflated;
    private Frame asStored;
    private String failure;
    /** Set by {@link #live}: the event time every form carries, for delivery latency. */
    private long eventTimeMillis = Frame.NO_EVENT_TIME;
    /** Set by {@link #live}: the forms go to every subscriber, so they are built in direct memory. */
    private boolean fannedOut;

    DeliveryFrames(DeliveryFrameEncoder encoder, Delivery delivery, long offset, String epoch) {
        this.encoder = encoder;
        this.delivery = delivery;
        this.offset = offset;
        this.epoch = epoch;
        PayloadEncoding encoding = delivery.getPayload().getEncoding();
        this.stored = encoding == PayloadEncoding.NONE ? null : encoding;
    }

    /**
     * The frame for a session that accepts {@code accepted} ({@code Session.acceptedEncodings()}): the payload as
     * stored when it is compressed in one of them, else the inflated form. O(1) once the form is built.
     *
     * @return null when the form this session needs cannot be built (see {@link #failure()}); the record is then
     *     skipped for it
     */
    public Frame frameFor(Set<PayloadEncoding> accepted) {
        if (stored != null && accepted.contains(stored)) {
            if (asStored == null) {
                asStored = marked(encoder.asStored(delivery, offset, epoch));
            }
            return asStored;
        }
        if (inflated == null && failure == null) {
            try {
                inflated = marked(encoder.inflated(delivery, offset, epoch));
            } catch (IllegalArgumentException e) {
                failure = e.getMessage(); // tried once: never per session
            }
        }
        return inflated;
    }

    /**
     * Marks the forms built from now on as the live delivery of the record to every subscriber: they are built in
     * direct memory (see {@link Frame#direct}), and unless an operator replay wrote the record, written frames record
     * delivery latency from the event time. Recovered records, read for one session, stay unmarked and on the heap:
     * copying each into direct memory would cost more than the one write it serves. Call before the first {@link
     * #frameFor}.
     */
    public DeliveryFrames live() {
        fannedOut = true;
        if (!delivery.getReplayed()) {
            eventTimeMillis = delivery.getTime().toEpochMilli();
        }
        return this;
    }

    /** A built form, marked live and in direct memory when it goes to every subscriber. */
    private Frame marked(Frame frame) {
        if (!fannedOut) {
            return frame;
        }
        return (eventTimeMillis == Frame.NO_EVENT_TIME ? frame : frame.live(eventTimeMillis)).direct();
    }

    /** Each form built so far, once (for the sizes of the frames this record cost). */
    public void forEachBuilt(Consumer<Frame> action) {
        if (inflated != null) {
            action.accept(inflated);
        }
        if (asStored != null) {
            action.accept(asStored);
        }
    }

    /** Why the inflated form could not be built, once {@link #frameFor} tried and failed. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }
}
