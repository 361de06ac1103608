package io.switchboard.launcher.cli;

import io.switchboard.kafka.embedded.EmbeddedKafkaExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the command ITs ask the embedded broker about topics, to see what a command wrote or created. Register it
 * after the broker: {@code @RegisterExtension static final TopicProbe PROBE = new TopicProbe(KAFKA);} its admin client
 * connects on first use and closes after the class.
 */
final class TopicProbe implements AfterAllCallback {
    private final EmbeddedKafkaExtension kafka;
    private Admin admin;

    TopicProbe(EmbeddedKafkaExtension kafka) {
        this.kafka = kafka;
    }

    /** The sum of the end offsets of every partition: it grows with every record written, tombstones too. */
    long endOffsets(String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        describe(topic)
                .partitions()
                .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        return admin().listOffsets(request).all().get().values().stream()
                .mapToLong(info -> info.offset())
                .sum();
    }

    int partitions(String topic) throws ExecutionException, InterruptedException {
        return describe(topic).partitions().size();
    }

    /** The topic's {@code cleanup.policy}. */
    String cleanupPolicy(String topic) throws ExecutionException, InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin().describeConfigs(List.of(resource))
                .all()
                .get()
                .get(resource)
                .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                .value();
    }

    Set<String> names() throws ExecutionException, InterruptedException {
        return admin().listTopics().names().get();
    }

    void create(String topic, int partitions) throws ExecutionException, InterruptedException {
        admin().createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                .all()
                .get();
    }

    private TopicDescription describe(String topic) throws ExecutionException, InterruptedException {
        return admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    }

    private Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        }
        return admin;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }
}
