package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.ConfigReference;
import io.switchboard.config.ConfigTable;
import io.switchboard.gateway.config.GatewayKeys;
import io.switchboard.launcher.dev.DevConfig;
import io.switchboard.processor.config.ProcessorKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is generated from the key tables of the gateway, the processor and dev mode; this test fails
 * when the file no longer matches them, and {@link #main} (or this test with {@value #WRITE}) writes it again.
 */
class ConfigurationReferenceTest {
    static final String WRITE = "-Dswitchboard.docs.write=true";
    private static final Path REFERENCE = Path.of("..", "docs", "configuration.md");
    private static final Path README = Path.of("..", "README.md");
    private static final String REGENERATE = "mvn -B -pl launcher -am test -Dtest=ConfigurationReferenceTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false " + WRITE;
    private static final List<ConfigTable> TABLES = List.of(GatewayKeys.TABLE, ProcessorKeys.TABLE, DevConfig.KEYS);
    private static final String PREAMBLE = """
            <!-- Generated from the key tables (GatewayKeys, ProcessorKeys, DevConfig.KEYS); do not edit by hand. \
            Regenerate with: %s -->

            Every key has a default; a properties file (`--config FILE`), environment variables and command-line \
            options override it, in that order. The environment variable of a key is `SWITCHBOARD_` + the key in \
            upper case with `.` and `-` as `_` (`gateway.ws.max-message-bytes` → \
            `SWITCHBOARD_GATEWAY_WS_MAX_MESSAGE_BYTES`). Raw Kafka client properties pass through under `kafka.` and \
            raw Kafka Streams properties under `streams.`. An unknown key or a bad value fails at start, naming the \
            key; the effective configuration is logged at start with secrets hidden, and `--print-config` prints it.
            """.formatted(REGENERATE);

    static String expected() {
        return ConfigReference.markdown(PREAMBLE, TABLES);
    }

    @Test
    void docsConfigurationMdIsGeneratedFromTheKeyTables() throws IOException {
        String expected = expected();
        if (Boolean.getBoolean("switchboard.docs.write")) {
            Files.writeString(REFERENCE, expected, StandardCharsets.UTF_8);
        }
        String actual = Files.exists(REFERENCE) ? Files.readString(REFERENCE, StandardCharsets.UTF_8) : "";

        assertThat(actual)
                .as("docs/configuration.md is stale; regenerate it from the repository root with:%n  %s", REGENERATE)
                .isEqualTo(expected);
    }

    @Test
    void everyDefaultIsInsideItsOwnRange() {
        TABLES.forEach(ConfigTable::checkDefaults);
    }

    @Test
    void theReadmesShortTableAgreesWithTheReference() throws IOException {
        Map<String, String> defaults = TABLES.stream()
                .flatMap(table -> table.keys().stream())
                .collect(Collectors.toMap(key -> key.name(), key -> key.defaultValue()));
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## Configuration\n");
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        Matcher row =
                Pattern.compile("(?m)^\\| `([a-z.-]+)` \\| *`?([^`|]*?)`? *\\|").matcher(section);
        int rows = 0;
        while (row.find()) {
            assertThat(defaults).as("README row of %s", row.group(1)).containsEntry(row.group(1), row.group(2));
            rows++;
        }
        assertThat(rows).as("rows of the README's short configuration table").isPositive();
    }

    /** Writes docs/configuration.md; run from the launcher module's folder. */
    public static void main(String[] args) throws IOException {
        Files.writeString(REFERENCE, expected(), StandardCharsets.UTF_8);
    }
}
