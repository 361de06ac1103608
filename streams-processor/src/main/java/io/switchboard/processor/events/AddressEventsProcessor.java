package io.switchboard.processor.events;

import io.switchboard.processor.acl.AclPolicy;
import io.switchboard.processor.compression.CompressOnce;
import io.switchboard.processor.compression.CompressionSettings;
import io.switchboard.processor.error.DeadLetterForwarder;
import io.switchboard.processor.metrics.ProcessorMetrics;
import io.switchboard.processor.users.RoleDirectory;
import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.ReceiptHeaders;
import io.switchboard.schemas.SourceHeader;
import io.switchboard.schemas.avro.AclRule;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.DomainEvent;
import io.switchboard.schemas.avro.Payload;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Turns each valid event into one {@link Delivery} per addressed channel, keyed by channel, for the routing sink;
 * an unroutable event goes to the dead-letter sink. A family is known when {@link AclPolicy#knownFamily} says so,
 * read from the global ACL store on every event; the holders of an audience role come from the global role
 * directory ({@link RoleDirectory}). Counts deliveries in {@code events/delivered}, and of those the ones to audience
 * users in {@code audience/user-deliveries} and to role holders in {@code audience/role-deliveries}. Every delivery
 * carries the {@link SourceHeader} of its event; one to a personal channel of an event with {@code receipts} also
 * {@link ReceiptHeaders#REQUESTED}, which {@code await-receipts} reads back.
 */
public final class AddressEventsProcessor implements Processor<String, ValidEvent, String, Object> {
    /** The stores this processor reads and the children it forwards to, by node name. */
    public record Wiring(
            String aclStore, String usersStore, String stage, String deliveryChild, String deadLetterSink) {}

    private final Wiring wiring;
    private final Set<String> configuredFamilies;
    private final Clock clock;
    private final CompressionSettings compression;
    private ProcessorContext<String, Object> context;
    private EventAddressing addressing;
    private DeadLetterForwarder deadLetters;
    private ProcessorMetrics.Counter delivered;
    private ProcessorMetrics.Amount toUsers;
    private ProcessorMetrics.Amount toRoleHolders;
    private CompressOnce compressOnce;

    /**
     * @param wiring the global ACL and users stores, this node's name (for dead-letter headers) and its children
     * @param configuredFamilies the families of {@code processor.families}
     * @param compression how payloads are compressed, once per event for all its channels
     */
    public AddressEventsProcessor(
            Wiring wiring, Set<String> configuredFamilies, Clock clock, CompressionSettings compression) {
        this.wiring = wiring;
        this.configuredFamilies = Set.copyOf(configuredFamilies);
        this.clock = clock;
        this.compression = compression;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        ReadOnlyKeyValueStore<String, AclRule> acl = context.getStateStore(wiring.aclStore());
        AclPolicy policy = new AclPolicy(acl::get, configuredFamilies, ChannelName.PERSONAL_FAMILY);
        ReadOnlyKeyValueStore<String, byte[]> users = context.getStateStore(wiring.usersStore());
        RoleDirectory directory = new RoleDirectory(users);
        this.addressing = new EventAddressing(policy::knownFamily, directory::holders, ChannelName.PERSONAL_FAMILY);
        this.deadLetters = new DeadLetterForwarder(context, wiring.stage(), wiring.deadLetterSink(), clock);
        this.delivered = ProcessorMetrics.counter(context.metrics(), "events", "delivered");
        this.toUsers = ProcessorMetrics.sum(
                context.metrics(),
                "audience",
                "user-deliveries",
                "Deliveries to the personal channels of audience users");
        this.toRoleHolders = ProcessorMetrics.sum(
                context.metrics(),
                "audience",
                "role-deliveries",
                "Deliveries to the personal channels of users reached through an audience role only");
        this.compressOnce = CompressOnce.of(compression, context.metrics());
    }

    @Override
    public void process(Record<String, ValidEvent> record) {
        EventAddressing.Outcome outcome = addressing.address(record.value().event(), record.timestamp());
        if (outcome instanceof EventAddressing.Unroutable unroutable) {
            deadLetters.forward(record, record.value().original(), unroutable.reason());
            return;
        }
        EventAddressing.Addressed addressed = (EventAddressing.Addressed) outcome;
        // Compressed once here, so every channel copy of the event carries the same bytes.
        DomainEvent event = record.value().event();
        Payload payload = compressOnce.apply(family(event), event.getPayload());
        Headers eventHeaders = withoutSourceHeader(record.headers());
        int index = 0;
        for (Delivery delivery : addressed.deliveries()) {
            delivery.setPayload(payload);
            Headers headers = sourceHeaders(eventHeaders, index++);
            if (event.getReceipts() && isPersonal(delivery.getChannel())) {
                headers.add(ReceiptHeaders.REQUESTED, ReceiptHeaders.requestedBy(Optional.empty()));
            }
            context.forward(
                    record.withHeaders(headers).withKey(delivery.getChannel()).withValue(delivery),
                    wiring.deliveryChild());
            delivered.increment();
        }
        toUsers.add(addressed.toUsers());
        toRoleHolders.add(addressed.toRoleHolders());
    }

    private static boolean isPersonal(String channel) {
        return ChannelName.parse(channel).family().equals(ChannelName.PERSONAL_FAMILY);
    }

    /** The event's headers without a {@link SourceHeader} its producer set: it would hide deliveries from gateways. */
    private static Headers withoutSourceHeader(Headers eventHeaders) {
        Headers headers = new RecordHeaders(eventHeaders.toArray());
        headers.remove(SourceHeader.KEY);
        // Only the processor asks for receipts (from the event's flag) and writes them.
        headers.remove(ReceiptHeaders.REQUESTED);
        headers.remove(ReceiptHeaders.NOTICE);
        return headers;
    }

    /**
     * The headers of the event's delivery number {@code index}, with {@link SourceHeader} set to the event's position
     * on {@code switchboard.events} and that index: routed at-least-once, a delivery may be written again after a
     * crash, and the gateways drop such copies by it. Each delivery gets its own headers (and so its own index): two
     * of them may land in one output partition.
     */
    private Headers sourceHeaders(Headers eventHeaders, int index) {
        Headers headers = new RecordHeaders(eventHeaders.toArray());
        context.recordMetadata()
                .ifPresent(source ->
                        headers.add(SourceHeader.KEY, SourceHeader.value(source.partition(), source.offset(), index)));
        return headers;
    }

    /** The family whose threshold applies: the event's channel's, or {@code user} for an audience-only event. */
    private static String family(DomainEvent event) {
        return event.getChannel() == null
                ? ChannelName.PERSONAL_FAMILY
                : ChannelName.parse(event.getChannel()).family();
    }
}
