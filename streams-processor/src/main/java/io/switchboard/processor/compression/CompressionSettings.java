package io.switchboard.processor.compression;

import io.switchboard.config.ConfigException;
import io.switchboard.schemas.ChannelName;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How the processor compresses payloads: with {@code codec}, when their data is at least {@code minBytes} long, or
 * at least the family's own threshold from {@code familyMinBytes}. See {@code ProcessorKeys} for the keys.
 *
 * @param minBytes the threshold of every family without its own; 0 compresses every payload
 * @param familyMinBytes per-family thresholds, keyed by channel family
 */
public record CompressionSettings(CompressionCodec codec, int minBytes, Map<String, Integer> familyMinBytes) {
    static final int DEFAULT_MIN_BYTES = 1024;

    public CompressionSettings {
        if (minBytes < 0 || familyMinBytes.values().stream().anyMatch(bytes -> bytes < 0)) {
            throw new IllegalArgumentException("thresholds must not be negative");
        }
        familyMinBytes = Map.copyOf(familyMinBytes);
    }

    /** Gzip from 1 KiB, every family alike. */
    public static CompressionSettings defaults() {
        return new CompressionSettings(CompressionCodec.GZIP, DEFAULT_MIN_BYTES, Map.of());
    }

    /** The threshold of {@code family}: its own when it has one, otherwise {@link #minBytes}. */
    int minBytesFor(String family) {
        return familyMinBytes.getOrDefault(family, minBytes);
    }

    /**
     * Parses {@code family=bytes[,family=bytes...]} (blank: no overrides); a bad entry, a family named twice or
     * a negative number fails with a {@link ConfigException} naming {@code key}.
     */
    public static Map<String, Integer> parseFamilies(String key, String value) {
        Map<String, Integer> parsed = new TreeMap<>();
        if (value.isBlank()) {
            return parsed;
        }
        for (String entry : value.split(",", -1)) {
            String[] parts = entry.split("=", -1);
            if (parts.length != 2) {
                throw new ConfigException(key, "entry '" + entry.trim() + "' is not family=bytes");
            }
            String family = parts[0].trim();
            if (family.contains(":") || !ChannelName.isValid(family)) {
                throw new ConfigException(key, "'" + family + "' is not a channel family");
            }
            if (parsed.put(family, bytes(key, family, parts[1].trim())) != null) {
                throw new ConfigException(key, "family '" + family + "' is named twice");
            }
        }
        return parsed;
    }

    /** The overrides in the form {@link #parseFamilies} reads. */
    public String familiesText() {
        return new TreeMap<>(familyMinBytes)
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    private static int bytes(String key, String family, String text) {
        try {
            int bytes = Integer.parseInt(text);
            if (bytes >= 0) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // reported below, with the family
        }
        throw new ConfigException(key, "bytes of family '" + family + "' must be a number >= 0, not '" + text + "'");
    }
}
