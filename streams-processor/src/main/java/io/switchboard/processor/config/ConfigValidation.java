package io.switchboard.processor.config;

import io.switchboard.config.ConfigException;
import io.switchboard.config.ConfigKey;
import io.switchboard.schemas.ChannelName;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Checks of {@link ProcessorConfig} values; every failure names its key. */
final class ConfigValidation {
    private static final Pattern APPLICATION_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final Set<String> GUARANTEES =
            Set.of(ProcessorConfig.EXACTLY_ONCE_V2, ProcessorConfig.AT_LEAST_ONCE);
    // A topic name is at most 249 characters; keep room for the prefix and ".out.".
    private static final int MAX_FAMILY_LENGTH = 100;
    // The most an idempotent producer keeps in order (Kafka refuses more with idempotence on).
    private static final int MAX_IN_FLIGHT = 5;

    private ConfigValidation() {}

    static void applicationId(String value) {
        if (!APPLICATION_ID.matcher(value).matches()) {
            throw new ConfigException(
                    ProcessorKeys.APPLICATION_ID, "must be 1-200 of [A-Za-z0-9._-], not '" + value + "'");
        }
    }

    static void guarantee(String key, String value) {
        if (value == null || !GUARANTEES.contains(value)) {
            throw new ConfigException(
                    key,
                    "must be " + ProcessorConfig.EXACTLY_ONCE_V2 + " or " + ProcessorConfig.AT_LEAST_ONCE + ", not '"
                            + value + "'");
        }
    }

    /**
     * Refuses pass-through properties that would let a producer reorder records within a partition: idempotence off,
     * or more than 5 requests in flight. The events app runs at-least-once, and the gateways drop its duplicates by
     * the source offset in each delivery, which holds only while every output partition keeps the source order.
     */
    static void orderedProducers(Map<String, String> kafka, Map<String, String> streams) {
        for (String prefix : List.of("", StreamsConfig.PRODUCER_PREFIX)) {
            idempotent("streams." + prefix, streams.get(prefix + ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
            fewInFlight(
                    "streams." + prefix, streams.get(prefix + ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION));
        }
        idempotent("kafka.", kafka.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        fewInFlight("kafka.", kafka.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION));
    }

    private static void idempotent(String prefix, String value) {
        if (value != null && !"true".equalsIgnoreCase(value.trim())) {
            throw new ConfigException(
                    prefix + ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                    "must stay true (the gateways' duplicate check needs every output partition in order), not '"
                            + value + "'");
        }
    }

    private static void fewInFlight(String prefix, String value) {
        if (value == null) {
            return;
        }
        String key = prefix + ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION;
        try {
            int inFlight = Integer.parseInt(value.trim());
            if (inFlight >= 1 && inFlight <= MAX_IN_FLIGHT) {
                return;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ConfigException(
                key,
                "must be 1 to " + MAX_IN_FLIGHT + " (an idempotent producer keeps at most 5 in order), not '" + value
                        + "'");
    }

    /** Checks {@code value} against the bounds {@link ProcessorKeys#TABLE} gives {@code key}. */
    static void range(String key, long value) {
        ConfigKey bounds = ProcessorKeys.TABLE.key(key);
        if (value < bounds.min() || value > bounds.max()) {
            throw new ConfigException(key, value + " is outside [" + bounds.min() + ", " + bounds.max() + "]");
        }
    }

    /** Valid, distinct family names in their order, without {@code user} (always known anyway). */
    static List<String> families(List<String> families) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String family : families) {
            if (family.length() > MAX_FAMILY_LENGTH || family.contains(":") || !ChannelName.isValid(family)) {
                throw new ConfigException(
                        ProcessorKeys.FAMILIES,
                        "'" + family + "' is not a family name (lowercase letters, digits, '_', '-', '.'; at most "
                                + MAX_FAMILY_LENGTH + " characters)");
            }
            distinct.add(family);
        }
        distinct.remove(ProcessorConfig.USER_FAMILY);
        return List.copyOf(distinct);
    }

    /** Valid, distinct family names in their order; {@code user} fails: personal channels have no presence. */
    static List<String> presenceFamilies(List<String> families) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String family : families) {
            if (family.equals(ProcessorConfig.USER_FAMILY)) {
                throw new ConfigException(
                        ProcessorKeys.PRESENCE_FAMILIES, "'user' cannot have presence: personal channels have none");
            }
            if (family.contains(":") || !ChannelName.isValid(family)) {
                throw new ConfigException(
                        ProcessorKeys.PRESENCE_FAMILIES,
                        "'" + family + "' is not a family name (lowercase letters, digits, '_', '-', '.')");
            }
            distinct.add(family);
        }
        return List.copyOf(distinct);
    }

    static String describe(ProcessorConfig config) {
        Map<String, Object> lines = new TreeMap<>();
        lines.put(ProcessorKeys.BOOTSTRAP_SERVERS, config.bootstrapServers());
        lines.put(ProcessorKeys.APPLICATION_ID, config.applicationId());
        lines.put(ProcessorKeys.TOPIC_PREFIX, config.topics().prefix());
        lines.put(ProcessorKeys.PROCESSING_GUARANTEE, config.processingGuarantee());
        lines.put(ProcessorKeys.COMMIT_INTERVAL_MS, config.commitIntervalMs());
        lines.put(ProcessorKeys.EVENTS_PROCESSING_GUARANTEE, config.eventsProcessingGuarantee());
        lines.put(ProcessorKeys.EVENTS_COMMIT_INTERVAL_MS, config.eventsCommitIntervalMs());
        lines.put(ProcessorKeys.READBACK_COMMIT_INTERVAL_MS, config.readBackCommitIntervalMs());
        lines.put(ProcessorKeys.LINGER_MS, config.lingerMs());
        lines.put(ProcessorKeys.STATE_DIR, config.stateDir());
        lines.put(ProcessorKeys.FAMILIES, String.join(",", config.families()));
        lines.put(ProcessorKeys.PRESENCE_FAMILIES, String.join(",", config.presenceFamilies()));
        lines.put(ProcessorKeys.PARTITIONS, config.partitions());
        lines.put(ProcessorKeys.REPLICATION_FACTOR, config.replicationFactor());
        lines.put(ProcessorKeys.ACL_RECHECK_INTERVAL_MS, config.aclRecheckIntervalMs());
        lines.put(ProcessorKeys.GATEWAYS_CHECK_INTERVAL_MS, config.gatewaysCheckIntervalMs());
        lines.put(ProcessorKeys.SESSIONS_TOKEN_TTL_MS, config.tokenTtlMs());
        lines.put(ProcessorKeys.RECEIPTS_RETENTION_MS, config.receiptsRetentionMs());
        lines.put(
                ProcessorKeys.COMPRESSION_CODEC,
                config.compression().codec().name().toLowerCase(Locale.ROOT));
        lines.put(ProcessorKeys.COMPRESSION_MIN_BYTES, config.compression().minBytes());
        lines.put(ProcessorKeys.COMPRESSION_FAMILIES, config.compression().familiesText());
        lines.put(ProcessorKeys.HTTP_HOST, config.http().host());
        lines.put(ProcessorKeys.HTTP_PORT, config.http().port());
        config.kafkaProperties().forEach((key, value) -> lines.put("kafka." + key, hideSecret(key, value)));
        config.streamsProperties().forEach((key, value) -> lines.put("streams." + key, hideSecret(key, value)));
        return lines.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n  ", "  ", ""));
    }

    private static String hideSecret(String key, String value) {
        String lower = key.toLowerCase(Locale.ROOT);
        boolean secret = lower.contains("secret")
                || lower.contains("password")
                || lower.contains("jaas")
                || lower.contains("token");
        return secret && !value.isEmpty() ? "******" : value;
    }
}
