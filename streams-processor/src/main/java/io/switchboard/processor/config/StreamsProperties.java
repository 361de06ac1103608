package io.switchboard.processor.config;

import io.switchboard.processor.error.DeadLetterDeserializationHandler;
import io.switchboard.processor.error.DeadLetterProcessingHandler;
import io.switchboard.processor.error.DeadLetterProductionHandler;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Turns a {@link ProcessorConfig} into the properties of its three Kafka Streams apps and of the admin client. */
public final class StreamsProperties {
    /**
     * How often the read-back app's main consumer refreshes topic metadata (the client default is 5 minutes). It reads
     * every output topic by pattern to confirm publishes; a family added later ({@code switchboard acl grant} creates
     * its topic) is confirmed only once this refresh has seen its topic.
     */
    static final String OUTPUT_TOPIC_DISCOVERY_MS = "10000";

    private StreamsProperties() {}

    /**
     * The core app's Kafka Streams properties (actions, sessions, publishes, cursors): the processor's keys, then
     * {@code kafka.*} (every client), then {@code streams.*} (raw Streams properties), each layer winning over the one
     * before.
     */
    public static Properties streams(ProcessorConfig config) {
        Properties own = new Properties();
        own.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
        own.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(config.commitIntervalMs()));
        return layered(config, own);
    }

    /**
     * The read-back app's Kafka Streams properties (the output topics read back to confirm publishes and note the
     * messages that asked for receipts), layered as {@link #streams}: the core app's guarantee, its own commit interval
     * (a record it answers requests a commit at once), the output topics' metadata refreshed every {@value
     * #OUTPUT_TOPIC_DISCOVERY_MS} ms, and the core app's ids with {@value ProcessorConfig#READBACK_APP_SUFFIX}
     * appended.
     */
    public static Properties readBack(ProcessorConfig config) {
        Properties own = new Properties();
        own.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
        own.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(config.readBackCommitIntervalMs()));
        own.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.METADATA_MAX_AGE_CONFIG), OUTPUT_TOPIC_DISCOVERY_MS);
        return suffixed(layered(config, own), ProcessorConfig.READBACK_APP_SUFFIX);
    }

    /**
     * The events app's Kafka Streams properties (switchboard.events to the output topics), layered as {@link
     * #streams}: its own guarantee and commit interval, an idempotent producer (spelled out: the gateways' duplicate
     * check needs each output partition in source order), and the core app's application id and client id (when
     * set) with {@value ProcessorConfig#EVENTS_APP_SUFFIX} appended, so that the apps never share a group, state
     * directory or metric tags.
     */
    public static Properties events(ProcessorConfig config) {
        Properties own = new Properties();
        own.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.eventsProcessingGuarantee());
        own.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(config.eventsCommitIntervalMs()));
        own.put(StreamsConfig.producerPrefix(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG), "true");
        return suffixed(layered(config, own), ProcessorConfig.EVENTS_APP_SUFFIX);
    }

    /** The application id and client id (when set) with the app's suffix: the apps never share a group or state. */
    private static Properties suffixed(Properties props, String suffix) {
        for (String key : List.of(StreamsConfig.APPLICATION_ID_CONFIG, StreamsConfig.CLIENT_ID_CONFIG)) {
            String value = props.getProperty(key);
            if (value != null) {
                props.put(key, value + suffix);
            }
        }
        return props;
    }

    private static Properties layered(ProcessorConfig config, Properties own) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(config.replicationFactor()));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), Long.toString(config.lingerMs()));
        props.putAll(own);
        errorHandling(props, config);
        props.putAll(config.kafkaProperties());
        props.putAll(config.streamsProperties());
        return props;
    }

    /** Admin client properties: bootstrap servers, then {@code kafka.*}. */
    public static Properties admin(ProcessorConfig config) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, config.applicationId() + "-admin");
        props.putAll(config.kafkaProperties());
        return props;
    }

    // The policy for records that cannot be read, processed or written: dead-letter them and go on (KIP-1033,
    // KIP-1034). Invalid domain events are dead-lettered by the topology itself, with the same headers.
    // The global switch is deprecated because it becomes the only behaviour in Kafka 5.0; until then it must be set.
    @SuppressWarnings("deprecation")
    private static void errorHandling(Properties props, ProcessorConfig config) {
        props.put(
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
                config.topics().eventsDlq());
        props.put(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterDeserializationHandler.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName());
        // Covers the global acl-store too (the default from Kafka 5.0); its processor drops bad records itself.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
    }
}
