package io.switchboard.gateway.kafka;

import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.protocol.Frame;
import io.switchboard.gateway.protocol.ServerMessage.PresenceChange;
import io.switchboard.gateway.protocol.ServerMessageEncoder;
import io.switchboard.gateway.session.Session;
import io.switchboard.schemas.AvroSerde;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.PresenceKind;
import io.switchboard.schemas.avro.PresenceNotice;
import java.util.Collection;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Fans a presence notice (a record with the {@code switchboard.presence} header, see {@link
 * io.switchboard.schemas.PresenceHeader}) out as one {@code join} or {@code leave} frame, built once, to the channel's
 * local subscribers that asked for presence. The frame carries no channel position: a notice is no message, so it
 * never moves what a session counts as delivered (its recovery and reconnection positions). Delivery thread only.
 */
final class PresenceFanOut {
    private final AvroSerde<PresenceNotice> serde = SwitchboardSerdes.presenceNotice();
    private final ServerMessageEncoder encoder = new ServerMessageEncoder();
    private final GatewayMetrics metrics;

    PresenceFanOut(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Queues the notice's frame to each subscriber that wants presence on its channel; nothing is decoded when none
     * does.
     *
     * @param onSendFailure what to do with a session that could not take the frame
     * @throws RuntimeException when the notice cannot be decoded (the caller logs and skips the record)
     */
    void fanOut(
            ConsumerRecord<byte[], byte[]> record,
            String channel,
            Collection<Session> subscribers,
            BiConsumer<Session, RuntimeException> onSendFailure) {
        if (subscribers.stream().noneMatch(session -> session.wantsPresence(channel))) {
            return;
        }
        PresenceChange change = change(serde.decode(record.value()));
        if (!change.channel().equals(channel)) {
            throw new IllegalArgumentException("a notice of " + change.channel() + " keyed " + channel);
        }
        Frame frame = encoder.encode(change);
        int delivered = 0;
        for (Session session : subscribers) {
            if (session.wantsPresence(channel)) {
                try {
                    session.send(frame);
                    delivered++;
                } catch (RuntimeException e) {
                    onSendFailure.accept(session, e);
                }
            }
        }
        metrics.presenceChangeFannedOut(change, delivered, frame.size());
    }

    static PresenceChange change(PresenceNotice notice) {
        String type = notice.getKind() == PresenceKind.JOIN ? PresenceChange.JOIN : PresenceChange.LEAVE;
        return new PresenceChange(
                type, notice.getChannel(), notice.getUserId(), notice.getTime().toEpochMilli());
    }
}
