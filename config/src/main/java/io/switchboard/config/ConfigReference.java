package io.switchboard.config;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration reference (docs/configuration.md) of every part, generated from their {@link ConfigTable}s. */
public final class ConfigReference {
    private ConfigReference() {}

    /**
     * The whole reference: a title, the preamble, then one section a part.
     *
     * @param preamble Markdown after the title: how values are layered, how to regenerate the file
     */
    public static String markdown(String preamble, List<ConfigTable> tables) {
        return "# Configuration reference\n\n" + preamble.strip() + "\n\n"
                + tables.stream().map(ConfigTable::markdownSection).collect(Collectors.joining("\n"));
    }
}
