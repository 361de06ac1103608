package io.switchboard.processor.events;

import io.switchboard.processor.acl.AclPolicy;
import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.processor.error.DeadLetterForwarder;
import io.switchboard.processor.metrics.ProcessorMetrics;
import io.switchboard.schemas.avro.AclRule;
import io.switchboard.schemas.avro.Delivery;
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
    private ProcessorContext<String, Object> context;
    private EventAddressing addressing;
    private DeadLetterForwarder deadLetters;
    private ProcessorMetrics.Counter delivered;
    private ProcessorMetrics.Counter rolesIgnored;

    /**
     * @param aclStore the global store of ACL rules
     * @param configuredFamilies the families of {@code processor.families}
     * @param stage this node's name, for dead-letter headers
     */
    public AddressEventsProcessor(
            String aclStore,
            Set<String> configuredFamilies,
            String stage,
            String deliveryChild,
            String deadLetterSink,
            Clock clock) {
        this.aclStore = aclStore;
        this.configuredFamilies = Set.copyOf(configuredFamilies);
        this.stage = stage;
        this.deliveryChild = deliveryChild;
        this.deadLetterSink = deadLetterSink;
        this.clock = clock;
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
        for (Delivery delivery : addressed.deliveries()) {
            context.forward(record.withKey(delivery.getChannel()).withValue(delivery), deliveryChild);
            delivered.increment();
        }
    }
}
