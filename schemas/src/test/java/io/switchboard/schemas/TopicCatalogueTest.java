package io.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.TopicSpec.Writer;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicCatalogueTest {
    private static final Topics ACME = new Topics("acme.prod");

    @Test
    void namesEveryTopicUnderThePrefixAsBefore() {
        assertThat(TopicCatalogue.all(List.of("metrics", "user")).stream().map(spec -> spec.name(ACME)))
                .containsExactly(
                        "acme.prod.events",
                        "acme.prod.actions",
                        "acme.prod.replies",
                        "acme.prod.events.dlq",
                        "acme.prod.presence",
                        "acme.prod.receipts",
                        "acme.prod.receipt-commands",
                        "acme.prod.out.metrics",
                        "acme.prod.out.user",
                        "acme.prod.cursors",
                        "acme.prod.sessions",
                        "acme.prod.users",
                        "acme.prod.gateways",
                        "acme.prod.acl");
    }

    @Test
    void compactsTheTopicsThatKeepTheLastValuePerKey() {
        assertThat(TopicCatalogue.all(List.of("metrics")).stream()
                        .filter(TopicSpec::compacted)
                        .map(spec -> spec.name(Topics.defaults())))
                .containsExactly(
                        "switchboard.cursors",
                        "switchboard.sessions",
                        "switchboard.users",
                        "switchboard.gateways",
                        "switchboard.acl");
    }

    @Test
    void createsTheAclTopicWithOnePartitionAndTheOthersWithTheConfiguredNumber() {
        NewTopic acl = TopicCatalogue.ACL.newTopic(ACME, 6, (short) 3);
        NewTopic sessions = TopicCatalogue.SESSIONS.newTopic(ACME, 6, (short) 3);
        NewTopic events = TopicCatalogue.EVENTS.newTopic(ACME, 6, (short) 3);

        assertThat(acl.numPartitions()).isEqualTo(1);
        assertThat(acl.configs()).isEqualTo(Map.of("cleanup.policy", "compact"));
        assertThat(sessions.numPartitions()).isEqualTo(6);
        assertThat(sessions.replicationFactor()).isEqualTo((short) 3);
        assertThat(events.numPartitions()).isEqualTo(6);
        assertThat(events.configs()).isNull();
    }

    @Test
    void saysWhoWritesEachTopic() {
        assertThat(TopicCatalogue.ACTIONS.writers()).containsExactly(Writer.GATEWAY);
        assertThat(TopicCatalogue.output("metrics").writers())
                .containsExactlyInAnyOrder(Writer.PROCESSOR, Writer.LAUNCHER);
        assertThat(TopicCatalogue.all(List.of()).stream()
                        .filter(spec -> spec.writers().contains(Writer.GATEWAY)))
                .containsExactlyInAnyOrder(TopicCatalogue.EVENTS, TopicCatalogue.ACTIONS, TopicCatalogue.GATEWAYS);
    }
}
