package io.switchboard.processor.topology;

import io.switchboard.processor.actions.ActionAnswers;
import io.switchboard.processor.actions.AnswerActionsProcessor;
import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.processor.events.AddressEventsProcessor;
import io.switchboard.processor.events.EventAddressing;
import io.switchboard.processor.events.OutputTopicExtractor;
import io.switchboard.processor.events.ValidateEventsProcessor;
import io.switchboard.processor.policy.AccessPolicy;
import io.switchboard.processor.policy.KnownFamiliesPolicy;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.Topics;
import java.time.Clock;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;

/**
 * The processor's whole graph, built from configuration and serdes with no I/O; {@code SwitchboardProcessor} and
 * the tests build it the same way. Node names are stable: a rename is a migration.
 *
 * <pre>
 * events-source ─► validate-events ─► address-events ─► route-by-family  (switchboard.out.&lt;family&gt;)
 *                        └───────────────┴────────────► events-dlq       (switchboard.events.dlq)
 * actions-source ─► answer-actions ─► send-replies                      (switchboard.replies)
 * </pre>
 */
public final class SwitchboardTopology {
    public static final String EVENTS_SOURCE = "events-source";
    public static final String VALIDATE_EVENTS = "validate-events";
    public static final String ADDRESS_EVENTS = "address-events";
    public static final String ROUTE_BY_FAMILY = "route-by-family";
    public static final String EVENTS_DLQ = "events-dlq";
    public static final String ACTIONS_SOURCE = "actions-source";
    public static final String ANSWER_ACTIONS = "answer-actions";
    public static final String SEND_REPLIES = "send-replies";

    private final Topics topics;
    private final Set<String> knownFamilies;
    private final AccessPolicy policy;
    private final Clock clock;

    /**
     * @param knownFamilies the families with an output topic, {@code user} included
     * @param policy decides subscriptions and publishing
     * @param clock the time of dead letters
     */
    public SwitchboardTopology(Topics topics, Set<String> knownFamilies, AccessPolicy policy, Clock clock) {
        this.topics = topics;
        this.knownFamilies = Set.copyOf(knownFamilies);
        this.policy = policy;
        this.clock = clock;
    }

    /** The topology of {@code config}, with the walking skeleton's {@link KnownFamiliesPolicy}. */
    public static Topology build(ProcessorConfig config) {
        Set<String> known = config.knownFamilies();
        AccessPolicy policy = new KnownFamiliesPolicy(known, ProcessorConfig.USER_FAMILY);
        return new SwitchboardTopology(config.topics(), known, policy, Clock.systemUTC()).build();
    }

    public Topology build() {
        Topology topology = new Topology();
        readEvents(topology);
        validateEvents(topology);
        addressEvents(topology);
        routeByFamily(topology);
        deadLetterEvents(topology);
        answerActions(topology);
        return topology;
    }

    private void readEvents(Topology topology) {
        topology.addSource(EVENTS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), topics.events());
    }

    private void validateEvents(Topology topology) {
        topology.addProcessor(
                VALIDATE_EVENTS,
                () -> new ValidateEventsProcessor(VALIDATE_EVENTS, ADDRESS_EVENTS, EVENTS_DLQ, clock),
                EVENTS_SOURCE);
    }

    private void addressEvents(Topology topology) {
        EventAddressing addressing = new EventAddressing(knownFamilies, ProcessorConfig.USER_FAMILY);
        topology.addProcessor(
                ADDRESS_EVENTS,
                () -> new AddressEventsProcessor(addressing, ADDRESS_EVENTS, ROUTE_BY_FAMILY, EVENTS_DLQ, clock),
                VALIDATE_EVENTS);
    }

    private void routeByFamily(Topology topology) {
        topology.addSink(
                ROUTE_BY_FAMILY,
                new OutputTopicExtractor(topics),
                new StringSerializer(),
                SwitchboardSerdes.delivery().serializer(),
                ADDRESS_EVENTS);
    }

    private void deadLetterEvents(Topology topology) {
        topology.addSink(
                EVENTS_DLQ,
                topics.eventsDlq(),
                new StringSerializer(),
                new ByteArraySerializer(),
                VALIDATE_EVENTS,
                ADDRESS_EVENTS);
    }

    private void answerActions(Topology topology) {
        ActionAnswers answers = new ActionAnswers(policy);
        topology.addSource(
                ACTIONS_SOURCE,
                new StringDeserializer(),
                SwitchboardSerdes.clientAction().deserializer(),
                topics.actions());
        topology.addProcessor(ANSWER_ACTIONS, () -> new AnswerActionsProcessor(answers), ACTIONS_SOURCE);
        topology.addSink(
                SEND_REPLIES,
                topics.replies(),
                new StringSerializer(),
                SwitchboardSerdes.reply().serializer(),
                ANSWER_ACTIONS);
    }
}
