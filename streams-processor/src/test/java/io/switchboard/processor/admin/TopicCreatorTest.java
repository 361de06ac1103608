package io.switchboard.processor.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.processor.config.ProcessorConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The topics the processor creates, pinned by name and order: a rename is a migration. */
class TopicCreatorTest {
    private final ProcessorConfig config = ProcessorConfig.forTests("localhost:1");

    @Test
    void createsTheCatalogueTopicsInAStableOrder() {
        List<String> expected = new ArrayList<>(List.of(
                "switchboard.events",
                "switchboard.actions",
                "switchboard.replies",
                "switchboard.events.dlq",
                "switchboard.presence",
                "switchboard.receipts",
                "switchboard.receipt-commands"));
        config.knownFamilies().forEach(family -> expected.add("switchboard.out." + family));
        expected.addAll(
                List.of("switchboard.cursors", "switchboard.sessions", "switchboard.users", "switchboard.gateways"));

        assertThat(TopicCreator.topicNames(config)).containsExactlyElementsOf(expected);
        assertThat(TopicCreator.topicNames(config)).contains("switchboard.out.user");
    }
}
