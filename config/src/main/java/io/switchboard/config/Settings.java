package io.switchboard.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Raw settings of one deployable, layered: defaults, then a properties file, then {@code SWITCHBOARD_*}
 * environment variables, then explicit overrides (command-line options). Only keys that have a default,
 * and keys under the pass-through prefixes ({@code kafka.}, {@code streams.}), are accepted: a typo fails at
 * start, naming the key. Typed getters validate and name the key on failure.
 *
 * <p>The environment variable of {@code gateway.ws.max-message-bytes} is {@code
 * SWITCHBOARD_GATEWAY_WS_MAX_MESSAGE_BYTES}; a pass-through key such as {@code kafka.security.protocol} is read
 * from {@code SWITCHBOARD_KAFKA_SECURITY_PROTOCOL}.
 */
public final class Settings {
    public static final String ENV_PREFIX = "SWITCHBOARD_";
    /** The prefixes of raw Kafka client and Kafka Streams properties, accepted without a default. */
    public static final Set<String> PASS_THROUGH_PREFIXES = Set.of("kafka.", "streams.");

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /**
     * Builds the effective settings.
     *
     * @param defaults every known key with its default value ("" for none)
     * @param passThroughPrefixes prefixes whose keys are accepted without a default, e.g. {@code kafka.}
     * @param file an optional properties file
     * @param env the process environment
     * @param overrides values that win over everything, e.g. from command-line options
     */
    public static Settings load(
            Map<String, String> defaults,
            Set<String> passThroughPrefixes,
            Path file,
            Map<String, String> env,
            Map<String, String> overrides) {
        Map<String, String> merged = new TreeMap<>(defaults);
        if (file != null) {
            readFile(file).forEach((key, value) -> put(merged, defaults, passThroughPrefixes, key, value));
        }
        for (String key : defaults.keySet()) {
            String value = env.get(envName(key));
            if (value != null) {
                merged.put(key, value);
            }
        }
        env.forEach(
                (name, value) -> passThroughKey(name, passThroughPrefixes).ifPresent(key -> merged.put(key, value)));
        overrides.forEach((key, value) -> put(merged, defaults, passThroughPrefixes, key, value));
        return new Settings(merged);
    }

    /** Settings holding exactly these values, for tests. */
    public static Settings of(Map<String, String> values) {
        return new Settings(values);
    }

    /** The environment variable that sets {@code key}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static java.util.Optional<String> passThroughKey(String envName, Set<String> prefixes) {
        for (String prefix : prefixes) {
            String envPrefix = envName(prefix);
            if (envName.startsWith(envPrefix) && envName.length() > envPrefix.length()) {
                String rest = envName.substring(envPrefix.length())
                        .toLowerCase(Locale.ROOT)
                        .replace('_', '.');
                return java.util.Optional.of(prefix + rest);
            }
        }
        return java.util.Optional.empty();
    }

    private static void put(
            Map<String, String> merged, Map<String, String> defaults, Set<String> prefixes, String key, String value) {
        boolean known = defaults.containsKey(key) || prefixes.stream().anyMatch(key::startsWith);
        if (!known) {
            throw new ConfigException(key, "unknown key (known keys: " + String.join(", ", defaults.keySet()) + ")");
        }
        merged.put(key, value);
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read configuration file " + file, e);
        }
        Map<String, String> values = new TreeMap<>();
        properties
                .stringPropertyNames()
                .forEach(name -> values.put(name, properties.getProperty(name).trim()));
        return values;
    }

    public String string(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new ConfigException(key, "missing");
        }
        return value;
    }

    public String nonBlank(String key) {
        String value = string(key);
        if (value.isBlank()) {
            throw new ConfigException(key, "must not be empty");
        }
        return value;
    }

    public int integer(String key, int min, int max) {
        long value = longValue(key, min, max);
        return (int) value;
    }

    public long longValue(String key, long min, long max) {
        String raw = string(key).trim();
        long value;
        try {
            value = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "not a whole number: '" + raw + "'");
        }
        if (value < min || value > max) {
            throw new ConfigException(key, value + " is outside [" + min + ", " + max + "]");
        }
        return value;
    }

    public boolean bool(String key) {
        String raw = string(key).trim().toLowerCase(Locale.ROOT);
        return switch (raw) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key, "must be true or false, not '" + raw + "'");
        };
    }

    /** A comma-separated list; blank entries are dropped. */
    public List<String> list(String key) {
        return Arrays.stream(string(key).split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** The keys under {@code prefix}, with the prefix removed: raw client properties to pass through. */
    public Map<String, String> withPrefix(String prefix) {
        return values.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .collect(Collectors.toMap(
                        e -> e.getKey().substring(prefix.length()), Map.Entry::getValue, (a, b) -> b, TreeMap::new));
    }

    /** The effective settings, one {@code key=value} a line, with secrets hidden, for the start-up log. */
    public String describe() {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "="
                        + (isSecret(e.getKey()) && !e.getValue().isEmpty() ? "******" : e.getValue()))
                .collect(Collectors.joining("\n  ", "  ", ""));
    }

    /** Whether a key names a secret (password, secret, token, JAAS config) whose value must never be logged. */
    public static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("secret")
                || lower.contains("password")
                || lower.contains("jaas")
                || lower.contains("token");
    }

    @Override
    public String toString() {
        return "Settings[\n" + describe() + "\n]";
    }
}
