package io.switchboard.launcher.acl;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * What {@code switchboard acl} asks Kafka's admin API: whether a topic exists or holds any record, and creating a
 * family's output topic so that the processor can route events of a family a grant just opened. Every wait is bounded
 * by {@link #TIMEOUT}; when Kafka does not answer in time an {@link IllegalStateException} says so.
 */
public final class TopicAdmin implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final String bootstrapServers;

    /** @param kafkaProperties raw client properties (security etc.), which win over the bounds set here */
    public TopicAdmin(String bootstrapServers, Map<String, String> kafkaProperties) {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "switchboard-acl-admin");
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2);
        props.putAll(kafkaProperties);
        this.admin = Admin.create(props);
        this.bootstrapServers = bootstrapServers;
    }

    public boolean exists(String topic) {
        ListTopicsOptions options = new ListTopicsOptions().timeoutMs((int) TIMEOUT.toMillis());
        return await("list the topics", admin.listTopics(options).names()).contains(topic);
    }

    /** Whether {@code topic}, which must exist, holds no record at all, not even a tombstone. */
    public boolean hasNoRecords(String topic) {
        TopicDescription description = await(
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
        NewTopic newTopic = new NewTopic(topic, Optional.of(partitions), Optional.empty());
        try {
            await("create " + topic, admin.createTopics(List.of(newTopic)).all());
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
        return await(
                        "read the offsets of " + partitions,
                        admin.listOffsets(request).all())
                .entrySet()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private <T> T await(String what, KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw noAnswer(what, e.getCause());
            }
            throw new IllegalStateException(
                    "cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw noAnswer(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to " + what, e);
        }
    }

    private IllegalStateException noAnswer(String what, Throwable cause) {
        return new IllegalStateException(
                "Kafka at " + bootstrapServers + " did not answer within " + TIMEOUT.toSeconds() + " s (" + what + ")",
                cause);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
