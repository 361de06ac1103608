package io.switchboard.processor.admin;

import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.processor.config.StreamsProperties;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the position on {@code switchboard.events} over from the single Kafka Streams app of earlier versions to
 * the events app. Those versions routed events in the group {@code <application id>}; the events app reads them in
 * {@code <application id>-events}. Without this, the new group would start from the earliest retained event and route
 * the whole history again. Run it before the events app starts: it copies the old group's committed offsets of the
 * events partitions into the new group only when the new group has none, so it does nothing after the first start.
 */
public final class EventsOffsetsUpgrade {
    private static final Logger LOG = LoggerFactory.getLogger(EventsOffsetsUpgrade.class);
    private static final long TIMEOUT_SECONDS = 30;

    private EventsOffsetsUpgrade() {}

    /**
     * Copies the events offsets of group {@code config.applicationId()} to group {@code
     * config.eventsApplicationId()} when that has no committed offsets yet.
     *
     * @return the offsets copied; empty when the events group had offsets or the old group had none on the events
     *     topic
     * @throws IllegalStateException when the cluster does not answer in time or refuses the change
     */
    public static Map<TopicPartition, OffsetAndMetadata> carryOver(ProcessorConfig config) {
        try (Admin admin = Admin.create(StreamsProperties.admin(config))) {
            // the ids the apps really run under (streams.application.id may override processor.application-id)
            String oldGroup = StreamsProperties.streams(config).getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
            String eventsGroup = StreamsProperties.events(config).getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
            return carryOver(admin, oldGroup, eventsGroup, config.topics().events());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while carrying the events offsets over", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot carry the committed offsets of " + config.topics().events() + " over from group "
                            + config.applicationId() + " to " + config.eventsApplicationId() + ": " + e,
                    e);
        }
    }

    static Map<TopicPartition, OffsetAndMetadata> carryOver(
            Admin admin, String oldGroup, String eventsGroup, String eventsTopic)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (!committed(admin, eventsGroup).isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetAndMetadata> events = committed(admin, oldGroup).entrySet().stream()
                .filter(e -> e.getKey().topic().equals(eventsTopic) && e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (events.isEmpty()) {
            return Map.of();
        }
        try {
            admin.alterConsumerGroupOffsets(eventsGroup, events).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownMemberIdException || e.getCause() instanceof GroupNotEmptyException) {
                // another instance carried them over and its events app joined the group meanwhile
                LOG.info("events-offsets-upgrade: group {} is in use already; left as it is", eventsGroup);
                return Map.of();
            }
            throw e;
        }
        LOG.info(
                "events-offsets-upgrade: copied the committed offsets of {} ({} partitions) from group {} to {}, so "
                        + "that the events app goes on where the single app stopped",
                eventsTopic,
                events.size(),
                oldGroup,
                eventsGroup);
        return events;
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group)
            throws InterruptedException, ExecutionException, TimeoutException {
        return admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
