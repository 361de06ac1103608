package io.switchboard.gateway.kafka;

import io.switchboard.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Looks up output topics (topic id and partition count) with an {@link Admin} client. */
final class OutputTopics implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Admin admin;
    private final Topics topics;

    OutputTopics(Admin admin, Topics topics) {
        this.admin = admin;
        this.topics = topics;
    }

    /**
     * Describes the output topic of a family.
     *
     * @throws IllegalStateException with a client-fit message when the topic does not exist or cannot be described
     */
    FamilyTopic describe(String family) {
        String topic = topics.output(family);
        try {
            TopicDescription description = admin.describeTopics(
                            List.of(topic), new DescribeTopicsOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic);
            return FamilyTopic.of(
                    family,
                    topic,
                    description.topicId().toString(),
                    description.partitions().size());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalStateException("channel family '" + family + "' has no output topic", e);
            }
            throw new IllegalStateException("the output topic of '" + family + "' cannot be read now", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the output topic of '" + family + "' cannot be read now", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        admin.close(TIMEOUT);
    }
}
