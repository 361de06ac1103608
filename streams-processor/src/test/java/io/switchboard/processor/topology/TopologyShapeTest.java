package io.switchboard.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.switchboard.config.Settings;
import io.switchboard.processor.config.ProcessorConfig;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.TopologyDescription;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** Node and store names are part of the deployed state (changelogs, offsets): a rename is a migration. */
class TopologyShapeTest {
    private final SwitchboardTopology.Topologies topologies =
            SwitchboardTopology.build(ProcessorConfig.from(Settings.of(ProcessorConfig.defaults())));
    private final TopologyDescription description = topologies.core().describe();
    private final TopologyDescription events = topologies.events().describe();
    private final TopologyDescription readBack = topologies.readBack().describe();

    @Test
    void routesEventsInTheirOwnAppWithTheGlobalStoresThatAddressingReads() {
        assertThat(events.subtopologies())
                .extracting(sub -> names(sub.nodes()))
                .containsExactly(
                        Set.of("events-source", "validate-events", "address-events", "route-by-family", "events-dlq"));
        assertThat(globalStores(events))
                .containsExactlyInAnyOrder(
                        tuple("acl-source", Set.of("switchboard.acl"), "update-acl", Set.of("acl-store")),
                        tuple("users-source", Set.of("switchboard.users"), "update-users", Set.of("users-store")));
        assertThat(((TopologyDescription.Source) node(events, "events-source")).topicSet())
                .containsExactly("switchboard.events");
        assertThat(node(events, "events-dlq").predecessors())
                .extracting(TopologyDescription.Node::name)
                .containsExactlyInAnyOrder("validate-events", "address-events");
    }

    @Test
    void keepsTheCoreSubTopologiesApartSoActionsAreNeverGroupedWithPresenceOrReceipts() {
        assertThat(description.subtopologies())
                .extracting(sub -> names(sub.nodes()))
                .containsExactlyInAnyOrder(
                        Set.of(
                                "actions-source",
                                "answer-actions",
                                "send-replies",
                                "route-publishes",
                                "send-cursors",
                                "send-users",
                                "resume-sessions",
                                "sessions-source",
                                "keep-sessions",
                                "send-sessions",
                                "send-presence",
                                "send-receipt-acks"),
                        Set.of("presence-source", "keep-presence", "route-presence", "send-presence-answers"),
                        Set.of("receipt-commands-source", "keep-receipts", "send-receipts", "route-receipts"));
    }

    @Test
    void readsTheOutputTopicsBackInAnAppOfTheirOwnWithoutGlobalStores() {
        assertThat(readBack.subtopologies())
                .extracting(sub -> names(sub.nodes()))
                .containsExactly(Set.of(
                        "outputs-source",
                        "confirm-publishes",
                        "send-confirmations",
                        "await-receipts",
                        "send-pending-receipts"));
        assertThat(readBack.globalStores()).isEmpty();
        assertThat(((TopologyDescription.Sink) node(readBack, "send-confirmations")).topic())
                .isEqualTo("switchboard.replies");
    }

    @Test
    void namesItsStoresAndTheGlobalAclUsersAndGatewaysNodes() {
        assertThat(globalStores(description))
                .containsExactlyInAnyOrder(
                        tuple("acl-source", Set.of("switchboard.acl"), "update-acl", Set.of("acl-store")),
                        tuple("users-source", Set.of("switchboard.users"), "update-users", Set.of("users-store")),
                        tuple(
                                "gateways-source",
                                Set.of("switchboard.gateways"),
                                "update-gateways",
                                Set.of("gateways-store")));
        assertThat(((TopologyDescription.Processor) node("answer-actions")).stores())
                .containsExactlyInAnyOrder("connections-store", "cursors-store");
        assertThat(((TopologyDescription.Processor) node("resume-sessions")).stores())
                .containsExactly("sessions-store");
        assertThat(((TopologyDescription.Processor) node("keep-sessions")).stores())
                .containsExactly("sessions-store");
    }

    @Test
    void readsTheSessionsTopicBesideTheActionsSoThatAResumeMeetsItsSession() {
        assertThat(((TopologyDescription.Source) node("sessions-source")).topicSet())
                .containsExactly("switchboard.sessions");
        assertThat(node("sessions-source").successors())
                .extracting(TopologyDescription.Node::name)
                .containsExactly("keep-sessions");
        assertThat(node("actions-source").successors())
                .extracting(TopologyDescription.Node::name)
                .containsExactlyInAnyOrder("answer-actions", "resume-sessions");
    }

    @Test
    void writesSessionsFromIssuesResumesAndExpiryAndAnswersResumesOnTheRepliesTopic() {
        assertThat(((TopologyDescription.Sink) node("send-sessions")).topic()).isEqualTo("switchboard.sessions");
        assertThat(node("send-sessions").predecessors())
                .extracting(TopologyDescription.Node::name)
                .containsExactlyInAnyOrder("answer-actions", "resume-sessions", "keep-sessions");
        assertThat(node("send-replies").predecessors())
                .extracting(TopologyDescription.Node::name)
                .containsExactlyInAnyOrder("answer-actions", "resume-sessions");
    }

    @Test
    void writesRolesSeenAtConnectToTheUsersTopic() {
        assertThat(((TopologyDescription.Sink) node("send-users")).topic()).isEqualTo("switchboard.users");
        assertThat(node("send-users").predecessors())
                .extracting(TopologyDescription.Node::name)
                .containsExactly("answer-actions");
    }

    @Test
    void writesAcknowledgedPositionsToTheCursorsTopic() {
        assertThat(((TopologyDescription.Sink) node("send-cursors")).topic()).isEqualTo("switchboard.cursors");
        assertThat(node("send-cursors").predecessors())
                .extracting(TopologyDescription.Node::name)
                .containsExactly("answer-actions");
    }

    @Test
    void keepsPresenceByChannelBehindTheTopicThatAnswerActionsWritesKeyedByChannel() {
        assertThat(((TopologyDescription.Sink) node("send-presence")).topic()).isEqualTo("switchboard.presence");
        assertThat(node("send-presence").predecessors())
                .extracting(TopologyDescription.Node::name)
                .containsExactly("answer-actions");
        assertThat(((TopologyDescription.Source) node("presence-source")).topicSet())
                .containsExactly("switchboard.presence");
        assertThat(((TopologyDescription.Processor) node("keep-presence")).stores())
                .containsExactlyInAnyOrder("presence-store", "presence-counts-store");
        assertThat(node("keep-presence").successors())
                .extracting(TopologyDescription.Node::name)
                .containsExactlyInAnyOrder("route-presence", "send-presence-answers");
        assertThat(((TopologyDescription.Sink) node("send-presence-answers")).topic())
                .isEqualTo("switchboard.replies");
    }

    @Test
    void keepsReceiptsByChannelBehindTheTopicThatAcksAndMessagesReadBackReach() {
        assertThat(((TopologyDescription.Sink) node("send-receipt-acks")).topic())
                .isEqualTo("switchboard.receipt-commands");
        assertThat(((TopologyDescription.Sink) node(readBack, "send-pending-receipts")).topic())
                .isEqualTo("switchboard.receipt-commands");
        assertThat(node(readBack, "await-receipts").predecessors())
                .extracting(TopologyDescription.Node::name)
                .containsExactly("outputs-source");
        assertThat(((TopologyDescription.Processor) node("keep-receipts")).stores())
                .containsExactlyInAnyOrder("receipts-pending-store", "receipts-events-store", "receipts-acked-store");
        assertThat(((TopologyDescription.Sink) node("send-receipts")).topic()).isEqualTo("switchboard.receipts");
        assertThat(((TopologyDescription.Sink) node("route-receipts")).topic()).isEqualTo("switchboard.out.user");
    }

    @Test
    void readsTheOutputTopicsBackByPattern() {
        TopologyDescription.Source outputs = (TopologyDescription.Source) node(readBack, "outputs-source");
        assertThat(outputs.topicPattern().pattern()).isEqualTo("\\Qswitchboard.out.\\E.+");
        assertThat(outputs.topicPattern().matcher("switchboard.out.metrics").matches())
                .isTrue();
        assertThat(outputs.topicPattern().matcher("switchboardXout.metrics").matches())
                .isFalse();
        assertThat(outputs.topicPattern().matcher("switchboard.events").matches())
                .isFalse();
    }

    private TopologyDescription.Node node(String name) {
        return node(description, name);
    }

    private static TopologyDescription.Node node(TopologyDescription description, String name) {
        return description.subtopologies().stream()
                .flatMap(sub -> sub.nodes().stream())
                .filter(n -> n.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static Set<String> names(Collection<TopologyDescription.Node> nodes) {
        return Set.copyOf(nodes.stream().map(TopologyDescription.Node::name).toList());
    }

    /** Each global store as (source node, its topics, processor node, its stores). */
    private static List<Tuple> globalStores(TopologyDescription topology) {
        return topology.globalStores().stream()
                .map(global -> tuple(
                        global.source().name(),
                        global.source().topicSet(),
                        global.processor().name(),
                        global.processor().stores()))
                .toList();
    }
}
