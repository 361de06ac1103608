package io.switchboard.processor.admin;

import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.processor.config.StreamsProperties;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
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
 * Carries positions over from the core app's group {@code <application id>} to an app split off from it, on the first
 * start after the upgrade that split it off. Earlier versions routed {@code switchboard.events} in the core app (now
 * the events app, {@code <application id>-events}), and read the output topics back there (now the read-back app,
 * {@code <application id>-readback}). Without this, the events app would start from the earliest retained event and
 * route the whole history again, and the read-back app from the end of the output topics, leaving the publishes
 * written while the processor was being upgraded without {@code published}. Run it before the apps start: it copies
 * the core group's committed offsets of the app's topics into the app's group only when that group has none, so it
 * does nothing after the first start.
 */
public final class AppOffsetsUpgrade {
    private static final Logger LOG = LoggerFactory.getLogger(AppOffsetsUpgrade.class);
    private static final long TIMEOUT_SECONDS = 30;

    private AppOffsetsUpgrade() {}

    /** What {@link #carryOver} copied: empty for an app whose group had offsets, or when the core group had none. */
    public record Carried(
            Map<TopicPartition, OffsetAndMetadata> events, Map<TopicPartition, OffsetAndMetadata> readBack) {}

    /**
     * Copies the core group's offsets of {@code switchboard.events} to the events app's group, and those of the output
     * topics to the read-back app's group, each when that group has none yet: one admin client, the core group read
     * once.
     *
     * @throws IllegalStateException when the cluster does not answer in time or refuses the change
     */
    public static Carried carryOver(ProcessorConfig config) {
        // the ids the apps really run under (streams.application.id may override processor.application-id)
        String coreGroup = groupOf(StreamsProperties.streams(config));
        String events = config.topics().events();
        String outputs = config.topics().outputPrefix();
        try (Admin admin = Admin.create(StreamsProperties.admin(config))) {
            CoreOffsets core = new CoreOffsets(admin, coreGroup);
            return new Carried(
                    carryOver(admin, core, groupOf(StreamsProperties.events(config)), events::equals, events),
                    carryOver(
                            admin,
                            core,
                            groupOf(StreamsProperties.readBack(config)),
                            topic -> topic.startsWith(outputs),
                            outputs + "*"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while carrying offsets over from group " + coreGroup, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot carry committed offsets over from group " + coreGroup + ": " + e, e);
        }
    }

    private static String groupOf(Properties app) {
        return app.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    }

    /** The core group's committed offsets, read once and only if an app's group needs them. */
    private static final class CoreOffsets {
        private final Admin admin;
        private final String group;
        private Map<TopicPartition, OffsetAndMetadata> offsets;

        CoreOffsets(Admin admin, String group) {
            this.admin = admin;
            this.group = group;
        }

        Map<TopicPartition, OffsetAndMetadata> get() throws InterruptedException, ExecutionException, TimeoutException {
            if (offsets == null) {
                offsets = committed(admin, group);
            }
            return offsets;
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> carryOver(
            Admin admin, CoreOffsets core, String appGroup, Predicate<String> topics, String what)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (!committed(admin, appGroup).isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = core.get().entrySet().stream()
                .filter(e -> topics.test(e.getKey().topic()) && e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (offsets.isEmpty()) {
            return Map.of();
        }
        try {
            admin.alterConsumerGroupOffsets(appGroup, offsets).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownMemberIdException || e.getCause() instanceof GroupNotEmptyException) {
                // another instance carried them over and its app joined the group meanwhile
                LOG.info("app-offsets-upgrade: group {} is in use already; left as it is", appGroup);
                return Map.of();
            }
            throw e;
        }
        LOG.info(
                "app-offsets-upgrade: copied the committed offsets of {} ({} partitions) from group {} to {}, so "
                        + "that the app goes on where the core app stopped",
                what,
                offsets.size(),
                core.group,
                appGroup);
        return offsets;
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group)
            throws InterruptedException, ExecutionException, TimeoutException {
        return admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
