package io.switchboard.processor.presence;

import io.switchboard.processor.metrics.ProcessorMetrics;
import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.PresenceHeader;
import io.switchboard.schemas.avro.PresenceChange;
import io.switchboard.schemas.avro.PresenceCommand;
import io.switchboard.schemas.avro.PresenceKind;
import io.switchboard.schemas.avro.PresenceLookup;
import io.switchboard.schemas.avro.PresenceNotice;
import io.switchboard.schemas.avro.Reply;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Keeps the presence of the channels of its task from {@code switchboard.presence} (key: channel, so every
 * connection of a channel meets here, whoever's actions partition it came from) in {@link PresenceLedger}. A
 * user's first connection on a channel writes a JOIN notice, its last a LEAVE, to the channel's output topic keyed by
 * the channel, so in the channel's partition in order with its deliveries, with the {@link PresenceHeader} and no
 * other header. Anonymous connections are counted, never named: they write no notice. A lookup is answered with one
 * page on {@code switchboard.replies}, keyed by the asking connection's gateway.
 */
public final class KeepPresenceProcessor implements Processor<String, PresenceCommand, String, Object> {
    /** The stores this processor uses and the children it forwards to, by node name. */
    public record Wiring(String connectionsStore, String countsStore, String noticesChild, String answersChild) {}

    private final Wiring wiring;
    private ProcessorContext<String, Object> context;
    private PresenceLedger ledger;
    private ProcessorMetrics.Counter joined;
    private ProcessorMetrics.Counter left;
    private ProcessorMetrics.Counter answered;

    public KeepPresenceProcessor(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.ledger = new PresenceLedger(
                context.getStateStore(wiring.connectionsStore()), context.getStateStore(wiring.countsStore()));
        this.joined = ProcessorMetrics.counter(context.metrics(), "presence", "joined");
        this.left = ProcessorMetrics.counter(context.metrics(), "presence", "left");
        this.answered = ProcessorMetrics.counter(context.metrics(), "presence", "answered");
    }

    @Override
    public void process(Record<String, PresenceCommand> record) {
        PresenceCommand command = record.value();
        if (command == null || !ChannelName.isValid(command.getChannel())) {
            return; // only answer-actions writes this topic, always with a granted or checked channel
        }
        if (command.getCommand() instanceof PresenceChange change) {
            change(command, change, record.timestamp());
        } else if (command.getCommand() instanceof PresenceLookup lookup) {
            answer(command, lookup, record.timestamp());
        }
    }

    private void change(PresenceCommand command, PresenceChange change, long timestamp) {
        String channel = command.getChannel();
        Instant time = command.getTime();
        // A user id no token could carry (gateways refuse them) could break the store's key layout: count it as
        // anonymous, the same way when it comes and when it goes.
        String user = ChannelName.isValidUserId(change.getUserId()) ? change.getUserId() : null;
        Optional<PresenceKind> kind = change.getHolds()
                ? ledger.hold(channel, user, change.getConnectionId(), time.toEpochMilli())
                : ledger.release(channel, user, change.getConnectionId());
        kind.ifPresent(joinedOrLeft -> notice(channel, user, joinedOrLeft, time, timestamp));
    }

    private void notice(String channel, String userId, PresenceKind kind, Instant time, long timestamp) {
        Headers headers = new RecordHeaders().add(PresenceHeader.KEY, PresenceHeader.value(kind));
        PresenceNotice notice = new PresenceNotice(channel, userId, kind, time);
        (kind == PresenceKind.JOIN ? joined : left).increment();
        context.forward(new Record<String, Object>(channel, notice, timestamp, headers), wiring.noticesChild());
    }

    private void answer(PresenceCommand command, PresenceLookup lookup, long timestamp) {
        Reply reply = Reply.newBuilder()
                .setConnectionId(lookup.getConnectionId())
                .setRequestId(lookup.getRequestId())
                .setTime(command.getTime())
                .setBody(ledger.page(command.getChannel(), lookup.getAfter()))
                .build();
        context.forward(new Record<String, Object>(lookup.getGatewayId(), reply, timestamp), wiring.answersChild());
        answered.increment();
    }
}
