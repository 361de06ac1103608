package io.switchboard.processor.events;

import io.switchboard.processor.acl.AclPolicy;
import io.switchboard.processor.compression.CompressOnce;
import io.switchboard.processor.compression.CompressionSettings;
import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.processor.error.DeadLetterForwarder;
import io.switchboard.processor.metrics.ProcessorMetrics;
import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.avro.AclRule;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.DomainEvent;
import io.switchboard.schemas.avro.Payload;
import java.time.Clock;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each valid event into one {@link Delivery} per addressed channel, keyed by channel, for the routing sink;
 * an unroutable event goes to the dead-letter sink. A family is known when {@link AclPolicy#knownFamily} says so,
 * read from the global ACL store on every event.
 */
public final class AddressEventsProcessor implements Processor<String, ValidEvent, String, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(AddressEventsProcessor.class);

    private final String aclStore;
    private final Set<String> configuredFamilies;
    private final String stage;
    private final String deliveryChild;
    private final String deadLetterSink;
    private final Clock clock;
    private final CompressionSettings compression;
    private ProcessorContext<String, Object> context;
    private EventAddressing addressing;
    private DeadLetterForwarder deadLetters;
    private ProcessorMetrics.Counter delivered;
    private ProcessorMetrics.Counter rolesIgnored;
    private CompressOnce compressOnce;

    /**
     * @param aclStore the global store of ACL rules
     * @param configuredFamilies the families of {@code processor.families}
     * @param stage this node's name, for dead-letter headers
     * @param compression how payloads are compressed, once per event for all its channels
     */
    public AddressEventsProcessor(
            String aclStore,
            Set<String> configuredFamilies,
            String stage,
            String deliveryChild,
            String deadLetterSink,
            Clock clock,
            CompressionSettings compression) {
        this.aclStore = aclStore;
        this.configuredFamilies = Set.copyOf(configuredFamilies);
        this.stage = stage;
        this.deliveryChild = deliveryChild;
        this.deadLetterSink = deadLetterSink;
        this.clock = clock;
        this.compression = compression;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        ReadOnlyKeyValueStore<String, AclRule> acl = context.getStateStore(aclStore);
        AclPolicy policy = new AclPolicy(acl::get, configuredFamilies, ProcessorConfig.USER_FAMILY);
        this.addressing = new EventAddressing(policy::knownFamily, ProcessorConfig.USER_FAMILY);
        this.deadLetters = new DeadLetterForwarder(context, stage, deadLetterSink, clock);
        this.delivered = ProcessorMetrics.counter(context.metrics(), "events", "delivered");
        this.rolesIgnored = ProcessorMetrics.counter(context.metrics(), "events", "audience-roles-ignored");
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
        if (addressed.rolesIgnored()) {
            LOG.warn(
                    "audience-roles-ignored: event {} ({}) delivered to its channel and users only: {}",
                    record.value().event().getId(),
                    context.recordMetadata()
                            .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
                            .orElse("?"),
                    EventAddressing.ROLES_UNSUPPORTED);
            rolesIgnored.increment();
        }
        // Compressed once here, so every channel copy of the event carries the same bytes.
        DomainEvent event = record.value().event();
        Payload payload = compressOnce.apply(family(event), event.getPayload());
        for (Delivery delivery : addressed.deliveries()) {
            delivery.setPayload(payload);
            context.forward(record.withKey(delivery.getChannel()).withValue(delivery), deliveryChild);
            delivered.increment();
        }
    }

    /** The family whose threshold applies: the event's channel's, or {@code user} for an audience-only event. */
    private static String family(DomainEvent event) {
        return event.getChannel() == null
                ? ProcessorConfig.USER_FAMILY
                : ChannelName.parse(event.getChannel()).family();
    }
}
