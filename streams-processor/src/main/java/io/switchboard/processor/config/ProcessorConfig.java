package io.switchboard.processor.config;

import static io.switchboard.processor.config.ProcessorKeys.ACL_RECHECK_INTERVAL_MS;
import static io.switchboard.processor.config.ProcessorKeys.APPLICATION_ID;
import static io.switchboard.processor.config.ProcessorKeys.BOOTSTRAP_SERVERS;
import static io.switchboard.processor.config.ProcessorKeys.COMMIT_INTERVAL_MS;
import static io.switchboard.processor.config.ProcessorKeys.COMPRESSION_CODEC;
import static io.switchboard.processor.config.ProcessorKeys.COMPRESSION_FAMILIES;
import static io.switchboard.processor.config.ProcessorKeys.COMPRESSION_MIN_BYTES;
import static io.switchboard.processor.config.ProcessorKeys.EVENTS_COMMIT_INTERVAL_MS;
import static io.switchboard.processor.config.ProcessorKeys.EVENTS_PROCESSING_GUARANTEE;
import static io.switchboard.processor.config.ProcessorKeys.FAMILIES;
import static io.switchboard.processor.config.ProcessorKeys.GATEWAYS_CHECK_INTERVAL_MS;
import static io.switchboard.processor.config.ProcessorKeys.HTTP_HOST;
import static io.switchboard.processor.config.ProcessorKeys.HTTP_PORT;
import static io.switchboard.processor.config.ProcessorKeys.LINGER_MS;
import static io.switchboard.processor.config.ProcessorKeys.PARTITIONS;
import static io.switchboard.processor.config.ProcessorKeys.PRESENCE_FAMILIES;
import static io.switchboard.processor.config.ProcessorKeys.PROCESSING_GUARANTEE;
import static io.switchboard.processor.config.ProcessorKeys.READBACK_COMMIT_INTERVAL_MS;
import static io.switchboard.processor.config.ProcessorKeys.RECEIPTS_RETENTION_MS;
import static io.switchboard.processor.config.ProcessorKeys.REPLICATION_FACTOR;
import static io.switchboard.processor.config.ProcessorKeys.SESSIONS_TOKEN_TTL_MS;
import static io.switchboard.processor.config.ProcessorKeys.STATE_DIR;
import static io.switchboard.processor.config.ProcessorKeys.TOPIC_PREFIX;

import io.switchboard.config.ConfigException;
import io.switchboard.config.ConfigTable;
import io.switchboard.config.Settings;
import io.switchboard.processor.compression.CompressionCodec;
import io.switchboard.processor.compression.CompressionSettings;
import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The processor's effective configuration, validated when built: a bad value fails with a {@link
 * ConfigException} naming its key. Keys and defaults are documented in {@link ProcessorKeys}.
 *
 * @param processingGuarantee the core app's guarantee (actions, sessions, publishes, cursors)
 * @param commitIntervalMs the core app's commit interval
 * @param eventsProcessingGuarantee the events app's guarantee (see {@link ProcessorKeys#EVENTS_PROCESSING_GUARANTEE})
 * @param eventsCommitIntervalMs the events app's commit interval (see {@link ProcessorKeys#EVENTS_COMMIT_INTERVAL_MS})
 * @param readBackCommitIntervalMs the read-back app's commit interval (see {@link
 *     ProcessorKeys#READBACK_COMMIT_INTERVAL_MS}); it runs under the core app's guarantee
 * @param families the configured families, without {@code user}; see {@link #knownFamilies()}
 * @param presenceFamilies the families with presence (see {@link ProcessorKeys#PRESENCE_FAMILIES}), never {@code user}
 * @param aclRecheckIntervalMs wall-clock milliseconds between looks for a changed ACL (see {@link
 *     ProcessorKeys#ACL_RECHECK_INTERVAL_MS})
 * @param gatewaysCheckIntervalMs wall-clock milliseconds between looks for gateways whose lease expired (see {@link
 *     ProcessorKeys#GATEWAYS_CHECK_INTERVAL_MS})
 * @param tokenTtlMs how long a reconnection token stays valid (see {@link ProcessorKeys#SESSIONS_TOKEN_TTL_MS})
 * @param receiptsRetentionMs how long a message waits for acks that answer it with receipts (see {@link
 *     ProcessorKeys#RECEIPTS_RETENTION_MS})
 * @param compression how payloads are compressed once (see {@link ProcessorKeys#COMPRESSION_CODEC} and the keys
 *     after it)
 * @param http where the metrics and health endpoints are served (see {@link ProcessorKeys#HTTP_HOST} and {@link
 *     ProcessorKeys#HTTP_PORT})
 * @param kafkaProperties raw client properties from {@code kafka.*}, prefix removed
 * @param streamsProperties raw Kafka Streams properties from {@code streams.*}, prefix removed
 */
public record ProcessorConfig(
        String bootstrapServers,
        String applicationId,
        Topics topics,
        String processingGuarantee,
        long commitIntervalMs,
        String eventsProcessingGuarantee,
        long eventsCommitIntervalMs,
        long readBackCommitIntervalMs,
        long lingerMs,
        Path stateDir,
        List<String> families,
        List<String> presenceFamilies,
        int partitions,
        short replicationFactor,
        long aclRecheckIntervalMs,
        long gatewaysCheckIntervalMs,
        long tokenTtlMs,
        long receiptsRetentionMs,
        CompressionSettings compression,
        HttpEndpoint http,
        Map<String, String> kafkaProperties,
        Map<String, String> streamsProperties) {

    static final String EXACTLY_ONCE_V2 = "exactly_once_v2";
    static final String AT_LEAST_ONCE = "at_least_once";
    /** Appended to the application id to name the events app (its consumer group, state directory, client ids). */
    static final String EVENTS_APP_SUFFIX = "-events";
    /** Appended to the application id to name the read-back app. */
    static final String READBACK_APP_SUFFIX = "-readback";
    /** The family of personal channels {@code user:<id>} ({@link ChannelName#PERSONAL_FAMILY}); always known. */
    static final String USER_FAMILY = ChannelName.PERSONAL_FAMILY;

    private static final ConfigTable KEYS = ProcessorKeys.TABLE;

    public ProcessorConfig {
        bootstrapServers = require(BOOTSTRAP_SERVERS, bootstrapServers);
        applicationId = require(APPLICATION_ID, applicationId);
        ConfigValidation.applicationId(applicationId);
        ConfigValidation.guarantee(PROCESSING_GUARANTEE, processingGuarantee);
        ConfigValidation.range(COMMIT_INTERVAL_MS, commitIntervalMs);
        ConfigValidation.guarantee(EVENTS_PROCESSING_GUARANTEE, eventsProcessingGuarantee);
        ConfigValidation.range(EVENTS_COMMIT_INTERVAL_MS, eventsCommitIntervalMs);
        ConfigValidation.range(READBACK_COMMIT_INTERVAL_MS, readBackCommitIntervalMs);
        ConfigValidation.range(LINGER_MS, lingerMs);
        ConfigValidation.range(PARTITIONS, partitions);
        ConfigValidation.range(REPLICATION_FACTOR, replicationFactor);
        ConfigValidation.range(ACL_RECHECK_INTERVAL_MS, aclRecheckIntervalMs);
        ConfigValidation.range(GATEWAYS_CHECK_INTERVAL_MS, gatewaysCheckIntervalMs);
        ConfigValidation.range(SESSIONS_TOKEN_TTL_MS, tokenTtlMs);
        ConfigValidation.range(RECEIPTS_RETENTION_MS, receiptsRetentionMs);
        families = ConfigValidation.families(families);
        presenceFamilies = ConfigValidation.presenceFamilies(presenceFamilies);
        compression = compression != null ? compression : CompressionSettings.defaults();
        http = http != null ? http : HttpEndpoint.defaults();
        stateDir = stateDir != null ? stateDir : defaultStateDir(applicationId);
        kafkaProperties = Map.copyOf(kafkaProperties);
        streamsProperties = Map.copyOf(streamsProperties);
        ConfigValidation.orderedProducers(kafkaProperties, streamsProperties);
    }

    /** Reads and validates the processor's keys from layered settings. */
    public static ProcessorConfig from(Settings settings) {
        String stateDir = settings.string(STATE_DIR).trim();
        return new ProcessorConfig(
                settings.nonBlank(BOOTSTRAP_SERVERS).trim(),
                settings.nonBlank(APPLICATION_ID).trim(),
                topics(settings.nonBlank(TOPIC_PREFIX).trim()),
                settings.nonBlank(PROCESSING_GUARANTEE).trim(),
                KEYS.longValue(settings, COMMIT_INTERVAL_MS),
                settings.nonBlank(EVENTS_PROCESSING_GUARANTEE).trim(),
                KEYS.longValue(settings, EVENTS_COMMIT_INTERVAL_MS),
                KEYS.longValue(settings, READBACK_COMMIT_INTERVAL_MS),
                KEYS.longValue(settings, LINGER_MS),
                stateDir.isEmpty() ? null : Path.of(stateDir),
                settings.list(FAMILIES),
                settings.list(PRESENCE_FAMILIES),
                KEYS.intValue(settings, PARTITIONS),
                (short) KEYS.intValue(settings, REPLICATION_FACTOR),
                KEYS.longValue(settings, ACL_RECHECK_INTERVAL_MS),
                KEYS.longValue(settings, GATEWAYS_CHECK_INTERVAL_MS),
                KEYS.longValue(settings, SESSIONS_TOKEN_TTL_MS),
                KEYS.longValue(settings, RECEIPTS_RETENTION_MS),
                compression(settings),
                new HttpEndpoint(settings.nonBlank(HTTP_HOST), KEYS.intValue(settings, HTTP_PORT)),
                settings.withPrefix("kafka."),
                settings.withPrefix("streams."));
    }

    private static CompressionSettings compression(Settings settings) {
        return new CompressionSettings(
                CompressionCodec.parse(COMPRESSION_CODEC, settings.nonBlank(COMPRESSION_CODEC)),
                KEYS.intValue(settings, COMPRESSION_MIN_BYTES),
                CompressionSettings.parseFamilies(COMPRESSION_FAMILIES, settings.string(COMPRESSION_FAMILIES)));
    }

    /** Every key with its default, for {@code Settings.load}. */
    public static Map<String, String> defaults() {
        return ProcessorKeys.defaults();
    }

    /**
     * The defaults against {@code bootstrapServers}, with a unique application id, a fresh state dir, and the HTTP
     * endpoints on loopback at a port the OS chooses.
     */
    public static ProcessorConfig forTests(String bootstrapServers) {
        return forTests(bootstrapServers, Map.of());
    }

    /**
     * {@link #forTests(String)} with these keys set, loaded as a user's settings are (an unknown key fails), e.g.
     * {@code processor.topic-prefix} or {@code streams.consumer.session.timeout.ms}.
     */
    public static ProcessorConfig forTests(String bootstrapServers, Map<String, String> overrides) {
        String applicationId =
                "switchboard-processor-test-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            Map<String, String> values = new HashMap<>(defaults());
            values.put(BOOTSTRAP_SERVERS, bootstrapServers);
            values.put(APPLICATION_ID, applicationId);
            values.put(STATE_DIR, Files.createTempDirectory(applicationId).toString());
            values.put(HTTP_HOST, "127.0.0.1");
            values.put(HTTP_PORT, "0");
            return from(Settings.load(values, Settings.PASS_THROUGH_PREFIXES, null, Map.of(), overrides));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory for " + applicationId, e);
        }
    }

    /** The configured families plus {@code user}, in configuration order. */
    public Set<String> knownFamilies() {
        LinkedHashSet<String> known = new LinkedHashSet<>(families);
        known.add(USER_FAMILY);
        return Collections.unmodifiableSet(known);
    }

    /** Whether the core app runs exactly-once. */
    boolean exactlyOnce() {
        return EXACTLY_ONCE_V2.equals(processingGuarantee);
    }

    /** Whether the events app runs exactly-once. */
    boolean eventsExactlyOnce() {
        return EXACTLY_ONCE_V2.equals(eventsProcessingGuarantee);
    }

    /** The events app's application id: its consumer group. */
    public String eventsApplicationId() {
        return applicationId + EVENTS_APP_SUFFIX;
    }

    /** The read-back app's application id: its consumer group. */
    public String readBackApplicationId() {
        return applicationId + READBACK_APP_SUFFIX;
    }

    /** The effective configuration, one key a line, with secrets of the pass-through properties hidden. */
    public String describe() {
        return ConfigValidation.describe(this);
    }

    @Override
    public String toString() {
        return "ProcessorConfig[\n" + describe() + "\n]";
    }

    private static Topics topics(String prefix) {
        try {
            return new Topics(prefix);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigException(TOPIC_PREFIX, String.valueOf(e.getMessage()));
        }
    }

    private static String require(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key, "must not be empty");
        }
        return value;
    }

    private static Path defaultStateDir(String applicationId) {
        return Path.of(System.getProperty("java.io.tmpdir"), applicationId);
    }
}
