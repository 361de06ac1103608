package io.switchboard.e2e.deploy;

import io.switchboard.config.Settings;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.processor.config.ProcessorConfig;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Which {@code SWITCHBOARD_*} environment variables a Switchboard part reads. {@code Settings.load} looks up the
 * variable of each key it knows and ignores every other name, so a misspelt variable in a deployment file is silently
 * without effect; this names it instead. A variable is real when it is the {@link Settings#envName} of one of the
 * part's keys, or a pass-through ({@code SWITCHBOARD_KAFKA_*} for every part, {@code SWITCHBOARD_STREAMS_*} for the
 * processor) naming a property the Kafka clients or Kafka Streams define.
 */
public final class SwitchboardVariables {
    private static final String KAFKA = Settings.envName("kafka.");
    private static final String STREAMS = Settings.envName("streams.");
    /** Prefixes Kafka Streams accepts in front of a client property. */
    private static final Set<String> STREAMS_CLIENT_PREFIXES = Set.of(
            StreamsConfig.CONSUMER_PREFIX,
            StreamsConfig.MAIN_CONSUMER_PREFIX,
            StreamsConfig.RESTORE_CONSUMER_PREFIX,
            StreamsConfig.GLOBAL_CONSUMER_PREFIX,
            StreamsConfig.PRODUCER_PREFIX,
            StreamsConfig.ADMIN_CLIENT_PREFIX);

    private final String part;
    private final Set<String> keyVariables = new TreeSet<>();
    private final boolean streamsPassThrough;

    private SwitchboardVariables(String part, Map<String, String> defaults, boolean streamsPassThrough) {
        this.part = part;
        defaults.keySet().forEach(key -> keyVariables.add(Settings.envName(key)));
        this.streamsPassThrough = streamsPassThrough;
    }

    /** The variables of the part a compose service runs: {@code gateway} or {@code processor}. */
    public static SwitchboardVariables of(String part) {
        return switch (part) {
            case "gateway" -> new SwitchboardVariables(part, GatewayConfig.defaults(), false);
            case "processor" -> new SwitchboardVariables(part, ProcessorConfig.defaults(), true);
            default -> throw new IllegalArgumentException("not a Switchboard part with settings: " + part);
        };
    }

    /** Why the {@code gateway} or {@code processor} would not read {@code variable}; empty when it would. */
    public Optional<String> problem(String variable) {
        if (!variable.startsWith(Settings.ENV_PREFIX) || keyVariables.contains(variable)) {
            return Optional.empty();
        }
        if (variable.startsWith(KAFKA)) {
            String property = property(variable, KAFKA);
            return clientProperties().contains(property)
                    ? Optional.empty()
                    : Optional.of("kafka." + property + " is not a Kafka client property");
        }
        if (variable.startsWith(STREAMS)) {
            if (!streamsPassThrough) {
                return Optional.of("the " + part + " runs no Kafka Streams");
            }
            String property = property(variable, STREAMS);
            return isStreamsProperty(property)
                    ? Optional.empty()
                    : Optional.of("streams." + property + " is not a Kafka Streams property");
        }
        return Optional.of("not a key of the " + part + " (see README, Configuration)");
    }

    /** As {@code Settings.load} turns the rest of the name into a property: lower case, {@code _} as {@code .}. */
    private static String property(String variable, String prefix) {
        return variable.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private static Set<String> clientProperties() {
        Set<String> names = new TreeSet<>(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return names;
    }

    private static boolean isStreamsProperty(String property) {
        // Streams hands unprefixed client properties to every client it creates
        if (StreamsConfig.configDef().names().contains(property)
                || clientProperties().contains(property)) {
            return true;
        }
        return STREAMS_CLIENT_PREFIXES.stream()
                .anyMatch(prefix -> property.startsWith(prefix)
                        && clientProperties().contains(property.substring(prefix.length())));
    }
}
