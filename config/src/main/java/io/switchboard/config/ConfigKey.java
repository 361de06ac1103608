package io.switchboard.config;

import java.util.List;
import java.util.Objects;

/**
 * One configuration key, documented once: its name, its default, what values it takes and what it means. A module
 * lists its keys in one {@link ConfigTable}; the table gives {@link Settings#load} its defaults and
 * docs/configuration.md its rows, and the typed readers below validate a value against the key's own bounds, so the
 * documented range and the enforced one cannot drift apart.
 *
 * @param name the dotted key, e.g. {@code gateway.ws.max-message-bytes}
 * @param defaultValue the default as it would be written in a properties file; "" for none
 * @param kind what the value is
 * @param min the least accepted value of an {@link Kind#INTEGER} key
 * @param max the greatest accepted value of an {@link Kind#INTEGER} key
 * @param doc what the key means, with units and what 0 or empty means (Markdown)
 */
public record ConfigKey(String name, String defaultValue, Kind kind, long min, long max, String doc) {
    /** What a key's value is. */
    public enum Kind {
        /** Free text (a host, a path, a name, an enumerated word the reader checks). */
        TEXT,
        /** A whole number within {@code [min, max]}; an empty default means "derived" (the doc says from what). */
        INTEGER,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** A comma-separated list. */
        LIST
    }

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultValue, name);
        Objects.requireNonNull(kind, name);
        Objects.requireNonNull(doc, name);
        if (min > max) {
            throw new IllegalArgumentException(name + ": min " + min + " > max " + max);
        }
    }

    /** A free-text key. */
    public static ConfigKey text(String name, String defaultValue, String doc) {
        return new ConfigKey(name, defaultValue, Kind.TEXT, 0, 0, doc);
    }

    /** A whole-number key accepting {@code [min, max]}. */
    public static ConfigKey integer(String name, String defaultValue, long min, long max, String doc) {
        return new ConfigKey(name, defaultValue, Kind.INTEGER, min, max, doc);
    }

    /** A {@code true}/{@code false} key. */
    public static ConfigKey bool(String name, String defaultValue, String doc) {
        return new ConfigKey(name, defaultValue, Kind.BOOLEAN, 0, 0, doc);
    }

    /** A comma-separated list key. */
    public static ConfigKey list(String name, String defaultValue, String doc) {
        return new ConfigKey(name, defaultValue, Kind.LIST, 0, 0, doc);
    }

    /** The raw value, untrimmed. */
    public String string(Settings settings) {
        return settings.string(name);
    }

    /** The value, which must not be blank. */
    public String nonBlank(Settings settings) {
        return settings.nonBlank(name);
    }

    /** The value as a number within this key's bounds. */
    public long longValue(Settings settings) {
        expect(Kind.INTEGER);
        return settings.longValue(name, min, max);
    }

    /** The value as a number within this key's bounds, which must fit an {@code int}. */
    public int intValue(Settings settings) {
        if (min < Integer.MIN_VALUE || max > Integer.MAX_VALUE) {
            throw new IllegalStateException(name + " may exceed an int");
        }
        return (int) longValue(settings);
    }

    public boolean bool(Settings settings) {
        expect(Kind.BOOLEAN);
        return settings.bool(name);
    }

    public List<String> list(Settings settings) {
        expect(Kind.LIST);
        return settings.list(name);
    }

    /** The accepted values in words, for the reference: {@code 0 to 65535}, {@code true or false}, or "". */
    public String range() {
        return switch (kind) {
            case INTEGER -> bound(min) + " to " + bound(max);
            case BOOLEAN -> "true or false";
            case TEXT, LIST -> "";
        };
    }

    /** The environment variable that sets this key. */
    public String envName() {
        return Settings.envName(name);
    }

    private void expect(Kind expected) {
        if (kind != expected) {
            throw new IllegalStateException(name + " is a " + kind + " key, not " + expected);
        }
    }

    private static String bound(long value) {
        return value == Long.MAX_VALUE ? "2^63-1" : Long.toString(value);
    }
}
