package io.switchboard.launcher.cli;

import io.switchboard.config.Settings;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.launcher.dev.DevConfig;
import io.switchboard.processor.config.ProcessorConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options every command shares: where its configuration comes from, and a way to see the result. */
final class ConfigOptions {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file of settings; the environment (SWITCHBOARD_*) and options win over it.")
    Path file;

    @Option(
            names = "--print-config",
            description = "Validate and print the effective configuration (secrets hidden), then exit.")
    boolean printOnly;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** Layers defaults, the file, the environment and the options' {@code overrides}, in that order. */
    Settings load(Map<String, String> defaults, Map<String, String> env, Map<String, String> overrides) {
        if (file != null && !Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "Configuration file not found: " + file.toAbsolutePath());
        }
        return Settings.load(defaults, Settings.PASS_THROUGH_PREFIXES, file, env, overrides);
    }

    /** With {@code --print-config}, prints the settings and returns true: the command then exits. */
    boolean printed(Settings settings) {
        if (!printOnly) {
            return false;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("# Effective configuration of 'switchboard " + spec.name() + "'");
        out.println(settings.describe());
        out.flush();
        return true;
    }

    /**
     * Every key of every part (gateway, processor, dev) with the part's own default, for the client commands ({@code
     * token}, {@code acl}): they read a few keys, and accept the properties file of any part.
     */
    static Map<String, String> everyKey() {
        Map<String, String> keys = new LinkedHashMap<>(GatewayConfig.defaults());
        keys.putAll(ProcessorConfig.defaults());
        DevConfig.defaults().forEach(keys::putIfAbsent);
        return keys;
    }

    /** Puts an option's value into the overrides when the option was given. */
    static void putIfGiven(Map<String, String> overrides, String key, Object value) {
        if (value != null) {
            overrides.put(key, value.toString());
        }
    }
}
