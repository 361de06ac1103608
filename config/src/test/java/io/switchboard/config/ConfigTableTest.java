package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTableTest {
    private static final ConfigKey PORT = ConfigKey.integer("a.port", "8080", 0, 65_535, "Port to bind.");
    private static final ConfigKey HOST = ConfigKey.text("a.host", "", "Address to bind; empty = every one.");
    private static final ConfigKey ON = ConfigKey.bool("a.on", "false", "Whether it is on.");
    private static final ConfigTable TABLE = new ConfigTable("Part A", "Intro.", List.of(PORT, HOST, ON), "Notes.");

    @Test
    void givesTheDefaultsInTableOrder() {
        assertThat(TABLE.defaults())
                .containsExactly(Map.entry("a.port", "8080"), Map.entry("a.host", ""), Map.entry("a.on", "false"));
    }

    @Test
    void readsAValueWithinTheKeysOwnBoundsAndNamesTheKeyOtherwise() {
        assertThat(PORT.intValue(Settings.of(Map.of("a.port", "9000")))).isEqualTo(9000);
        assertThatThrownBy(() -> PORT.intValue(Settings.of(Map.of("a.port", "70000"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("configuration key 'a.port': 70000 is outside [0, 65535]");
    }

    @Test
    void refusesToReadAKeyAsAnotherKind() {
        assertThatThrownBy(() -> HOST.bool(Settings.of(Map.of("a.host", "true"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a.host");
    }

    @Test
    void rendersOneRowAKeyWithItsAcceptedValues() {
        assertThat(TABLE.markdownSection())
                .startsWith("## Part A\n\nIntro.\n\n| key | default | values | meaning |\n")
                .contains("| `a.port` | `8080` | 0 to 65535 | Port to bind. |\n")
                .contains("| `a.host` |  |  | Address to bind; empty = every one. |\n")
                .contains("| `a.on` | `false` | true or false | Whether it is on. |\n")
                .endsWith("\nNotes.\n");
    }

    @Test
    void failsOnADefaultOutsideItsOwnRange() {
        ConfigTable bad = new ConfigTable("Bad", "", List.of(ConfigKey.integer("b.size", "0", 1, 10, "Size.")), "");

        assertThatThrownBy(bad::checkDefaults)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'b.size'");
        TABLE.checkDefaults();
    }

    @Test
    void refusesAKeyListedTwice() {
        assertThatThrownBy(() -> new ConfigTable("Twice", "", List.of(PORT, PORT), ""))
                .hasMessageContaining("a.port");
    }

    @Test
    void joinsTheSectionsUnderOneTitle() {
        assertThat(ConfigReference.markdown("Preamble.", List.of(TABLE)))
                .startsWith("# Configuration reference\n\nPreamble.\n\n## Part A\n");
    }
}
