package io.switchboard.config;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every key of one deployable part (the gateway, the processor, dev mode), in the order the reference lists them,
 * with the prose that goes before and after the table in docs/configuration.md.
 *
 * @param title the section title, e.g. {@code Gateway}
 * @param intro Markdown before the table; may be empty
 * @param keys the keys, each name once
 * @param notes Markdown after the table (pass-through prefixes, how keys interact); may be empty
 */
public record ConfigTable(String title, String intro, List<ConfigKey> keys, String notes) {
    public ConfigTable {
        keys = List.copyOf(keys);
        Set<String> names = new HashSet<>();
        for (ConfigKey key : keys) {
            if (!names.add(key.name())) {
                throw new IllegalArgumentException("key listed twice in " + title + ": " + key.name());
            }
        }
    }

    /** Every key with its default, in table order, for {@link Settings#load}. */
    public Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        keys.forEach(key -> defaults.put(key.name(), key.defaultValue()));
        return defaults;
    }

    /** The key of this name. */
    public ConfigKey key(String name) {
        return keys.stream()
                .filter(key -> key.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no key " + name + " in " + title));
    }

    /** The value of the number key {@code name}, within that key's bounds. */
    public long longValue(Settings settings, String name) {
        return key(name).longValue(settings);
    }

    /** The value of the number key {@code name}, within that key's bounds (which fit an {@code int}). */
    public int intValue(Settings settings, String name) {
        return key(name).intValue(settings);
    }

    /**
     * Reads every default through its key, so a default outside its own documented range fails here (in a test)
     * rather than at a user's start. An empty number default means "derived" and is skipped.
     *
     * @throws ConfigException naming the first key whose default is invalid
     */
    public void checkDefaults() {
        Settings settings = Settings.of(defaults());
        for (ConfigKey key : keys) {
            switch (key.kind()) {
                case INTEGER -> {
                    if (!key.defaultValue().isEmpty()) {
                        key.longValue(settings);
                    }
                }
                case BOOLEAN -> key.bool(settings);
                case LIST -> key.list(settings);
                case TEXT -> key.string(settings);
            }
        }
    }

    /** The keys as a Markdown table: key, default, accepted values, meaning. */
    public String markdownTable() {
        StringBuilder table = new StringBuilder("| key | default | values | meaning |\n|---|---|---|---|\n");
        keys.forEach(key -> table.append("| `")
                .append(key.name())
                .append("` | ")
                .append(key.defaultValue().isEmpty() ? "" : "`" + key.defaultValue() + "`")
                .append(" | ")
                .append(key.range())
                .append(" | ")
                .append(key.doc())
                .append(" |\n"));
        return table.toString();
    }

    /** This part as a section of the reference: title, intro, table, notes. */
    public String markdownSection() {
        StringBuilder section = new StringBuilder("## ").append(title).append("\n\n");
        if (!intro.isBlank()) {
            section.append(intro.strip()).append("\n\n");
        }
        section.append(markdownTable());
        if (!notes.isBlank()) {
            section.append('\n').append(notes.strip()).append('\n');
        }
        return section.toString();
    }
}
