package io.switchboard.launcher.cli;

import io.switchboard.config.Settings;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.launcher.ClassArchive;
import io.switchboard.launcher.dev.DevAccess;
import io.switchboard.launcher.dev.DevBanner;
import io.switchboard.launcher.dev.DevCluster;
import io.switchboard.launcher.dev.DevConfig;
import io.switchboard.processor.config.HttpEndpoint;
import io.switchboard.processor.config.ProcessorKeys;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
            "Runs Switchboard on this machine in one JVM: a real embedded KRaft Kafka broker (localhost:9092), the "
                    + "processor and a gateway (ws://localhost:8080/ws), until Ctrl-C.",
            "The gateway accepts anonymous connections, checks no Origin, and HS256 tokens signed with the JWT "
                    + "secret (--jwt-secret, or one generated for this run). At start it prints the secret, an "
                    + "admin and a viewer token (24 h).",
            "More gateways may join: switchboard gateway --bootstrap localhost:<kafka port> --port <another port> "
                    + "--jwt-secret <the secret>"
        })
final class DevCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", description = "WebSocket port of the gateway (default 8080).")
    Integer port;

    @Option(names = "--host", paramLabel = "H", description = "Address the gateway binds (default 127.0.0.1).")
    String host;

    @Option(names = "--kafka-port", paramLabel = "N", description = "Port of the embedded Kafka (default 9092).")
    Integer kafkaPort;

    @Option(
            names = "--processor-port",
            paramLabel = "N",
            description = "Port of the processor's /metrics, /health/live and /health/ready on 127.0.0.1 ("
                    + ProcessorKeys.HTTP_PORT + ", default 8081; 0 = any free port, -1 = none).")
    Integer processorPort;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Keep Kafka's log and the processor's state here across runs "
                    + "(default: a fresh temporary directory, deleted on exit).")
    Path dataDir;

    @Option(
            names = "--jwt-secret",
            paramLabel = "S",
            description = "Secret of HS256 tokens, at least 32 bytes (" + GatewayConfig.AUTH_JWT_SECRET + "; default: "
                    + "32 random bytes for this run, printed at start).")
    String jwtSecret;

    @Option(
            names = "--demo",
            description = "Publish sample events on 'metrics' and 'status' every second, and every 10 s a book "
                    + "request of 'viewer' for the viewer and the admins (audience routing).")
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
        requireProcessorPortFree(devConfig);
        long started = System.nanoTime();
        DevCluster cluster = new DevCluster(devConfig);
        // Registered before starting: Ctrl-C while the broker or the processor starts still stops them cleanly.
        UntilStopped stopper = UntilStopped.closeOnShutdown("dev mode", cluster);
        try {
            cluster.start();
        } catch (DevCluster.StoppedWhileStarting e) {
            return ExitCode.OK;
        }
        DevBanner.print(
                spec.commandLine().getOut(),
                devConfig,
                cluster,
                DevAccess.of(devConfig),
                (System.nanoTime() - started) / 1e9);
        ClassArchive.recordIfAsked();
        stopper.await();
        return ExitCode.OK;
    }

    private static void requireProcessorPortFree(DevConfig devConfig) {
        HttpEndpoint http = devConfig.processor().http();
        if (!http.enabled()) {
            return;
        }
        if (http.port() != 0 && http.port() == devConfig.gateway().port()) {
            throw new PortInUseException("The gateway and the processor cannot both use port " + http.port()
                    + "; choose another with --processor-port.");
        }
        PortCheck.requireFree(http.host(), http.port(), "--processor-port");
    }

    private Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        ConfigOptions.putIfGiven(overrides, GatewayConfig.PORT, port);
        ConfigOptions.putIfGiven(overrides, GatewayConfig.HOST, host);
        ConfigOptions.putIfGiven(overrides, DevConfig.KAFKA_PORT, kafkaPort);
        ConfigOptions.putIfGiven(overrides, ProcessorKeys.HTTP_PORT, processorPort);
        ConfigOptions.putIfGiven(overrides, DevConfig.DATA_DIR, dataDir == null ? null : dataDir.toAbsolutePath());
        ConfigOptions.putIfGiven(overrides, DevConfig.DEMO, demo);
        ConfigOptions.putIfGiven(overrides, GatewayConfig.AUTH_JWT_SECRET, jwtSecret);
        return overrides;
    }
}
