package io.switchboard.launcher.cli;

import io.switchboard.config.Settings;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.launcher.dev.DevCluster;
import io.switchboard.launcher.dev.DevConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code switchboard dev}: a real embedded Kafka broker, the processor and a gateway in this JVM. */
@Command(
        name = "dev",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Runs Switchboard on this machine in one JVM: a real embedded KRaft Kafka broker, the processor and "
                    + "a gateway with anonymous access, until Ctrl-C.",
            "More gateways may join: switchboard gateway --bootstrap localhost:<kafka port> --port <another port>"
        })
final class DevCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", description = "WebSocket port of the gateway (default 8080).")
    Integer port;

    @Option(names = "--host", paramLabel = "H", description = "Address the gateway binds (default 127.0.0.1).")
    String host;

    @Option(names = "--kafka-port", paramLabel = "N", description = "Port of the embedded Kafka (default 9092).")
    Integer kafkaPort;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Keep Kafka's log and the processor's state here across runs "
                    + "(default: a fresh temporary directory, deleted on exit).")
    Path dataDir;

    @Option(names = "--demo", description = "Publish sample events on 'metrics' and 'status' every second.")
    Boolean demo;

    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    DevCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = config.load(DevConfig.defaults(), env, overrides());
        DevConfig devConfig = DevConfig.from(settings);
        if (config.printed(devConfig.settings())) {
            return ExitCode.OK;
        }
        PortCheck.requireFree("localhost", devConfig.kafkaPort(), "--kafka-port");
        PortCheck.requireFree(devConfig.gateway().host(), devConfig.gateway().port(), "--port");
        long started = System.nanoTime();
        DevCluster cluster = new DevCluster(devConfig);
        // Registered before starting: Ctrl-C while the broker or the processor starts still stops them cleanly.
        UntilStopped stopper = UntilStopped.closeOnShutdown("dev mode", cluster);
        try {
            cluster.start();
        } catch (DevCluster.StoppedWhileStarting e) {
            return ExitCode.OK;
        }
        printAddresses(devConfig, cluster, (System.nanoTime() - started) / 1e9);
        stopper.await();
        return ExitCode.OK;
    }

    private void printAddresses(DevConfig devConfig, DevCluster cluster, double seconds) {
        PrintWriter out = spec.commandLine().getOut();
        out.println();
        out.println(String.format(Locale.ROOT, "Switchboard dev is running (started in %.1f s)", seconds));
        out.println("  Kafka bootstrap: " + cluster.kafkaBootstrap());
        out.println("  WebSocket: " + Addresses.webSocketUrl(devConfig.gateway().host(), cluster.gatewayPort()));
        if (devConfig.demo()) {
            out.println("  Demo events: 'metrics' and 'status' every "
                    + devConfig.demoInterval().toMillis() + " ms");
        }
        out.println(
                devConfig.dataDir() == null ? "  Data: temporary, deleted on exit" : "  Data: " + devConfig.dataDir());
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    private Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        ConfigOptions.putIfGiven(overrides, GatewayConfig.PORT, port);
        ConfigOptions.putIfGiven(overrides, GatewayConfig.HOST, host);
        ConfigOptions.putIfGiven(overrides, DevConfig.KAFKA_PORT, kafkaPort);
        ConfigOptions.putIfGiven(overrides, DevConfig.DATA_DIR, dataDir == null ? null : dataDir.toAbsolutePath());
        ConfigOptions.putIfGiven(overrides, DevConfig.DEMO, demo);
        return overrides;
    }
}
