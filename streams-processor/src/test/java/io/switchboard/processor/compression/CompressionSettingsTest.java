package io.switchboard.processor.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.config.ConfigException;
import io.switchboard.config.Settings;
import io.switchboard.processor.config.ProcessorConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompressionSettingsTest {
    private static final String KEY = "processor.compression.families";

    @Test
    void parsesFamilyThresholds() {
        assertThat(CompressionSettings.parseFamilies(KEY, " logs=256 , metrics=0"))
                .isEqualTo(Map.of("logs", 256, "metrics", 0));
    }

    @Test
    void blankMeansNoOverrides() {
        assertThat(CompressionSettings.parseFamilies(KEY, " ")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"logs", "logs=", "logs=-1", "logs=1k", "=5", "logs=1,,metrics=2", "Logs=5", "a:b=5"})
    void badEntryFailsNamingTheKey(String value) {
        assertThatThrownBy(() -> CompressionSettings.parseFamilies(KEY, value))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(KEY);
    }

    @Test
    void familyNamedTwiceFails() {
        assertThatThrownBy(() -> CompressionSettings.parseFamilies(KEY, "logs=1,logs=2"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("named twice");
    }

    @Test
    void defaultsAreGzipFromOneKibibyteForEveryFamily() {
        CompressionSettings settings =
                ProcessorConfig.from(Settings.of(ProcessorConfig.defaults())).compression();

        assertThat(settings).isEqualTo(CompressionSettings.defaults());
        assertThat(settings.minBytesFor("logs")).isEqualTo(1024);
    }

    @Test
    void configReadsTheThreeKeys() {
        Map<String, String> values = new java.util.HashMap<>(ProcessorConfig.defaults());
        values.put("processor.compression.codec", "ZSTD");
        values.put("processor.compression.min-bytes", "0");
        values.put(KEY, "logs=256");

        ProcessorConfig config = ProcessorConfig.from(Settings.of(values));

        assertThat(config.compression())
                .isEqualTo(new CompressionSettings(CompressionCodec.ZSTD, 0, Map.of("logs", 256)));
        assertThat(config.describe()).contains(KEY + "=logs=256", "processor.compression.codec" + "=zstd");
    }

    @Test
    void unknownCodecFailsNamingTheKey() {
        Map<String, String> values = new java.util.HashMap<>(ProcessorConfig.defaults());
        values.put("processor.compression.codec", "brotli");

        assertThatThrownBy(() -> ProcessorConfig.from(Settings.of(values)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("processor.compression.codec");
    }

    @Test
    void badFamiliesFailAtStartNamingTheKey() {
        Map<String, String> values = new java.util.HashMap<>(ProcessorConfig.defaults());
        values.put(KEY, "logs=lots");

        assertThatThrownBy(() -> ProcessorConfig.from(Settings.of(values)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(KEY);
    }
}
