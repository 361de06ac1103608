package io.switchboard.processor.admin;

import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.processor.config.StreamsProperties;
import io.switchboard.schemas.TopicCatalogue;
import io.switchboard.schemas.TopicSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics of the {@link TopicCatalogue} when they do not exist yet: events, actions, replies, the
 * dead-letter topic, one output topic per known family and the compacted cursors, sessions, users (role
 * directory) and gateways (liveness leases) topics, with {@code processor.topics.partitions}; and the ACL topic,
 * compacted with one partition.
 * Idempotent: an existing topic is left as it is (its partitions and configuration too), but the actions and
 * sessions topics must then still have the same number of partitions.
 */
public final class TopicCreator {
    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);
    private static final long TIMEOUT_SECONDS = 30;

    private TopicCreator() {}

    /**
     * The names of the topics the processor creates with {@code processor.topics.partitions}, in a stable order; of
     * those, the cursors, sessions, users and gateways topics are compacted. The ACL topic ({@code Topics.acl()}) is
     * created beside them with one partition and is not in this list.
     */
    public static List<String> topicNames(ProcessorConfig config) {
        return catalogue(config)
                .filter(spec -> spec.partitioning() == TopicSpec.Partitioning.BY_KEY)
                .map(spec -> spec.name(config.topics()))
                .toList();
    }

    private static Stream<TopicSpec<?, ?>> catalogue(ProcessorConfig config) {
        return TopicCatalogue.all(config.knownFamilies()).stream();
    }

    /**
     * Creates the missing topics with {@code processor.topics.partitions} (the cursors, sessions, users and gateways
     * topics compacted; the ACL topic: one partition, compacted) and {@code processor.topics.replication-factor}.
     *
     * @throws IllegalStateException when the cluster does not answer in time or refuses a topic, or when the
     *     actions and sessions topics have different numbers of partitions
     */
    public static void createTopics(ProcessorConfig config) {
        try (Admin admin = Admin.create(StreamsProperties.admin(config))) {
            List<NewTopic> wanted = catalogue(config)
                    .map(spec -> spec.newTopic(config.topics(), config.partitions(), config.replicationFactor()))
                    .toList();
            Map<String, KafkaFuture<Void>> results = admin.createTopics(wanted).values();
            Set<String> created = new HashSet<>();
            for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                if (await(result.getKey(), result.getValue())) {
                    created.add(result.getKey());
                }
            }
            LOG.info("Topics ready: {} created, {} already existed", created.size(), results.size() - created.size());
            requireCoPartitioned(admin, config, created);
        }
    }

    // A Resume is keyed by its token hash, like the token's session: partition N of the actions topic must meet
    // partition N of the sessions topic in one task. Kafka Streams checks this only for DSL joins, so it is done here.
    // A topic created in this run has processor.topics.partitions; only those that already existed are described (a
    // broker may not host a just-created topic's metadata yet, and would answer "unknown topic").
    private static void requireCoPartitioned(Admin admin, ProcessorConfig config, Set<String> created) {
        String actions = config.topics().actions();
        String sessions = config.topics().sessions();
        List<String> existing = Stream.of(actions, sessions)
                .filter(name -> !created.contains(name))
                .toList();
        Map<String, Integer> partitions = new HashMap<>();
        if (!existing.isEmpty()) {
            awaitResult(
                            "describing " + String.join(" and ", existing),
                            admin.describeTopics(existing).allTopicNames())
                    .forEach((name, description) ->
                            partitions.put(name, description.partitions().size()));
        }
        int actionPartitions = partitions.getOrDefault(actions, config.partitions());
        int sessionPartitions = partitions.getOrDefault(sessions, config.partitions());
        if (actionPartitions != sessionPartitions) {
            throw new IllegalStateException(sessions + " has " + sessionPartitions + " partitions and " + actions
                    + " has " + actionPartitions + ": they must have as many, or reconnection tokens cannot be "
                    + "resumed; recreate " + sessions + " (it holds only sessions that expire within minutes) with "
                    + actionPartitions + " partitions");
        }
    }

    private static <T> T awaitResult(String what, KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " took more than " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        }
    }

    private static boolean await(String topic, KafkaFuture<Void> future) {
        try {
            future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new IllegalStateException(
                    "cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("creating topic " + topic + " took more than " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
    }
}
