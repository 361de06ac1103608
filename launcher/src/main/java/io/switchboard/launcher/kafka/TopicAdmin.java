package io.switchboard.launcher.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * What the client commands ask Kafka's admin API: whether a topic exists or holds any record, and creating a topic
 * (a family's output topic after {@code acl grant}, the role directory before {@code users set}). Every wait is
 * bounded by {@link KafkaCalls#TIMEOUT}; when Kafka does not answer in time an {@link IllegalStateException} says so.
 */
public final class TopicAdmin implements AutoCloseable {
    private final Admin admin;
    private final KafkaCalls calls;

    /** An admin client named {@code clientId}, with the bounds of {@link ClientProperties#admin}. */
    public TopicAdmin(ClientProperties properties, String clientId) {
        this.admin = Admin.create(properties.admin(clientId));
        this.calls = new KafkaCalls(properties.bootstrapServers());
    }

    public boolean exists(String topic) {
        ListTopicsOptions options = new ListTopicsOptions().timeoutMs((int) KafkaCalls.TIMEOUT.toMillis());
        return calls.await("list the topics", admin.listTopics(options).names()).contains(topic);
    }

    /** Whether {@code topic}, which must exist, holds no record at all, not even a tombstone. */
    public boolean hasNoRecords(String topic) {
        TopicDescription description = calls.await(
                        "describe " + topic,
                        admin.describeTopics(List.of(topic)).allTopicNames())
                .get(topic);
        List<TopicPartition> partitions = description.partitions().stream()
                .map(partition -> new TopicPartition(topic, partition.partition()))
                .toList();
        return offsets(partitions, OffsetSpec.earliest()).equals(offsets(partitions, OffsetSpec.latest()));
    }

    /**
     * Creates {@code topic} with {@code partitions} and the broker's default replication factor.
     *
     * @return false when it existed already (also when someone else created it meanwhile)
     */
    public boolean create(String topic, int partitions) {
        return create(new NewTopic(topic, Optional.of(partitions), Optional.empty()));
    }

    /**
     * Creates a topic as described.
     *
     * @return false when it existed already (also when someone else created it meanwhile)
     */
    public boolean create(NewTopic topic) {
        try {
            calls.await(
                    "create " + topic.name(), admin.createTopics(List.of(topic)).all());
            return true;
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw e;
        }
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request =
                partitions.stream().collect(Collectors.toMap(Function.identity(), partition -> spec));
        return calls
                .await(
                        "read the offsets of " + partitions,
                        admin.listOffsets(request).all())
                .entrySet()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
