package io.switchboard.load.coordinator;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options that say which servers are measured, and where everything runs. */
final class ServerOptions {
    @Option(
            names = "--switchboard",
            description = "The switchboard script that starts the servers (default: the one in this repository).")
    Path switchboard;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description =
                    "A SWITCHBOARD_* setting for both servers, e.g. --set SWITCHBOARD_PROCESSOR_COMMIT_INTERVAL_MS=20"
                            + " (each server reads its own keys). Repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--gateway-java-opts", defaultValue = "", description = "JVM options of the gateway.")
    String gatewayJavaOpts;

    @Option(names = "--processor-java-opts", defaultValue = "", description = "JVM options of the processor.")
    String processorJavaOpts;

    @Option(
            names = "--broker-warmup",
            defaultValue = "60",
            description = "Seconds of load on the broker before the first run, with servers that are then stopped"
                    + " (default 60; 0 for a cold broker). The broker lives across runs, as a deployment's Kafka does.")
    int brokerWarmupSeconds;

    @Option(
            names = "--floor",
            description =
                    "Instead of Switchboard, a minimal NIO broadcaster (FloorServer) on the server core that writes"
                            + " each Kafka record to every client: what the kernel and one thread cost here, to read the"
                            + " gateway's figures against.")
    boolean floor;

    @Option(names = "--no-servers", description = "Use servers already running (--gateway-url, --bootstrap).")
    boolean noServers;

    @Option(names = "--gateway-url", defaultValue = "ws://127.0.0.1:8080/ws", description = "With --no-servers.")
    String gatewayUrl;

    @Option(names = "--bootstrap", defaultValue = "localhost:9092", description = "With --no-servers.")
    String bootstrap;

    @Option(
            names = "--pid",
            paramLabel = "ROLE=PID",
            description = "With --no-servers: processes to measure, e.g. --pid gateway=1234 --pid processor=1235.")
    Map<String, Long> pids = new LinkedHashMap<>();

    @Option(names = "--server-cpu", defaultValue = "1", description = "CPU of the processor and gateway (default 1).")
    int serverCpu;

    @Option(names = "--load-cpu", defaultValue = "0", description = "CPU of everything else (default 0).")
    int loadCpu;

    @Option(names = "--no-pin", description = "Do not pin processes to CPUs.")
    boolean noPin;

    Target target() {
        Path script = switchboard != null
                ? switchboard.toAbsolutePath()
                : Path.of(System.getProperty("load.home", "."), "switchboard").toAbsolutePath();
        if (!noServers && !Files.isExecutable(script)) {
            throw new IllegalArgumentException("no executable switchboard script at " + script + " (--switchboard)");
        }
        settings.keySet().stream()
                .filter(key -> !key.startsWith("SWITCHBOARD_"))
                .findFirst()
                .ifPresent(key -> {
                    throw new IllegalArgumentException("--set takes SWITCHBOARD_* variables, not " + key);
                });
        return new Target(
                !noServers,
                floor,
                script,
                Map.copyOf(settings),
                gatewayJavaOpts,
                processorJavaOpts,
                URI.create(gatewayUrl),
                bootstrap,
                Map.copyOf(pids));
    }

    Placement placement() {
        return Placement.of(serverCpu, loadCpu, noPin);
    }

    String describe() {
        if (noServers) {
            return "already running: gateway " + gatewayUrl + ", Kafka " + bootstrap + ", measured " + pids;
        }
        if (floor) {
            return "the floor server (FloorServer: one NIO thread, no Switchboard), batch wait as the gateway's default";
        }
        return "started from " + target().switchboard() + " with defaults"
                + (settings.isEmpty() ? "" : " and " + settings)
                + (gatewayJavaOpts.isBlank() ? "" : "; gateway JVM " + gatewayJavaOpts)
                + (processorJavaOpts.isBlank() ? "" : "; processor JVM " + processorJavaOpts);
    }
}
