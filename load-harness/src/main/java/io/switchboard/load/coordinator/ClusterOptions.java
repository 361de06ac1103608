package io.switchboard.load.coordinator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options the scale and presence tests share, last in each one's help: the servers' settings and script, and
 * where everything runs. A picocli mixin inside each test's own options.
 */
final class ClusterOptions {
    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A SWITCHBOARD_* setting for every server.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--switchboard", description = "The switchboard script (default: this repository's).")
    Path switchboard;

    @Option(names = "--server-cpu", defaultValue = "1", description = "CPU of processors and gateways (default 1).")
    int serverCpu;

    @Option(names = "--load-cpu", defaultValue = "0", description = "CPU of everything else (default 0).")
    int loadCpu;

    @Option(names = "--no-pin", description = "Do not pin processes to CPUs.")
    boolean noPin;

    /** Fails (IllegalArgumentException) on a {@code --set} that is not a SWITCHBOARD_* key or a missing script. */
    void validate() {
        if (!settings.keySet().stream().allMatch(k -> k.startsWith("SWITCHBOARD_"))) {
            throw new IllegalArgumentException("--set takes SWITCHBOARD_*");
        }
        if (!Files.isExecutable(script())) {
            throw new IllegalArgumentException("no executable switchboard script at " + script());
        }
    }

    /** {@code --switchboard}, or the repository's script under {@code load.home}. */
    Path script() {
        return switchboard != null
                ? switchboard.toAbsolutePath()
                : Path.of(System.getProperty("load.home", "."), "switchboard").toAbsolutePath();
    }

    Placement placement() {
        return Placement.of(serverCpu, loadCpu, noPin);
    }

    /** The end of a test's one-line description: the {@code --set} settings, if any. */
    String describeSettings() {
        return settings.isEmpty() ? "" : "; " + settings;
    }
}
