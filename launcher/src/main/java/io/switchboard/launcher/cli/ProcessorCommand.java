package io.switchboard.launcher.cli;

import io.switchboard.config.Settings;
import io.switchboard.launcher.Addresses;
import io.switchboard.launcher.BoundedClose;
import io.switchboard.launcher.ClassArchive;
import io.switchboard.processor.SwitchboardProcessor;
import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.processor.config.ProcessorKeys;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code switchboard processor}: one Kafka Streams processor instance against an existing Kafka cluster. */
@Command(
        name = "processor",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Runs one Kafka Streams processor instance against an existing Kafka cluster until Ctrl-C or SIGTERM. "
                    + "Instances with the same application id share the partitions."
        })
final class ProcessorCommand implements Callable<Integer> {
    private static final String BOOTSTRAP = ProcessorKeys.BOOTSTRAP_SERVERS;
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(40);

    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (" + BOOTSTRAP + ", default localhost:9092).")
    String bootstrap;

    @Option(
            names = "--http-port",
            paramLabel = "N",
            description = "Port of /metrics, /health/live and /health/ready (" + ProcessorKeys.HTTP_PORT
                    + ", default 8081, on " + ProcessorKeys.HTTP_HOST + " 0.0.0.0; 0 = any free port, -1 = none).")
    Integer httpPort;

    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    ProcessorCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> overrides = new LinkedHashMap<>();
        ConfigOptions.putIfGiven(overrides, BOOTSTRAP, bootstrap);
        ConfigOptions.putIfGiven(overrides, ProcessorKeys.HTTP_PORT, httpPort);
        Settings settings = config.load(ProcessorConfig.defaults(), env, overrides);
        ProcessorConfig processorConfig = ProcessorConfig.from(settings);
        if (config.printed(settings)) {
            return ExitCode.OK;
        }
        SwitchboardProcessor processor = SwitchboardProcessor.start(processorConfig);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Processor " + processorConfig.applicationId() + " running");
        out.println("  Kafka bootstrap: " + processorConfig.bootstrapServers());
        processor
                .httpPort()
                .ifPresent(port -> out.println("  Metrics:         "
                        + Addresses.httpUrl(processorConfig.http().host(), port, "/metrics")
                        + "  (health: /health/live, /health/ready)"));
        out.println("Press Ctrl-C to stop.");
        out.flush();
        ClassArchive.recordIfAsked();
        UntilStopped.closeOnShutdown("processor", () -> BoundedClose.close("processor", processor, CLOSE_BOUND))
                .await();
        return ExitCode.OK;
    }
}
