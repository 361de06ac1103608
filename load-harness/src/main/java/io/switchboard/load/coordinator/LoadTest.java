package io.switchboard.load.coordinator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.load.report.ReportPrinter;
import io.switchboard.load.report.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./load-test}: reproduces an outside load test of Switchboard on one machine. For each run it starts a Kafka
 * broker, {@code switchboard processor} and {@code switchboard gateway} (or uses running ones), connects the clients
 * from loader processes, produces timestamped, numbered events at a fixed rate, and reports delivery, latency, gaps,
 * sheds, CPU per process and the gateway's memory per connection; {@code report.json} in the output directory holds
 * the same figures.
 */
@Command(
        name = "load-test",
        sortOptions = false,
        description = "Load test of a Switchboard processor + gateway: N WebSocket clients on channel metrics, events"
                + " produced to switchboard.events at a fixed rate. Servers on one core, everything else on another.")
public final class LoadTest implements Callable<Integer> {
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Mixin
    LoadOptions load;

    @Mixin
    ServerOptions servers;

    @Option(names = "--runs", defaultValue = "1", description = "Whole runs, each with fresh processes (default 1).")
    int runs;

    @Option(
            names = "--out",
            description = "Directory of logs and report.json (default load-harness/target/load-runs/<time>).")
    Path out;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new LoadTest());
        // A bad option value or a run that cannot proceed (a server that does not start) is one line, not a trace.
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            System.err.println("load-test: " + (e.getMessage() != null ? e.getMessage() : e));
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Scenario scenario = load.scenario();
        Target target = servers.target();
        Placement placement = servers.placement();
        Path dir = out != null ? out : defaultOut();
        Files.createDirectories(dir);
        placement.pinSelf();
        ReportPrinter printer = new ReportPrinter(System.out);
        System.out.printf(
                "Switchboard load test: %s, %d loader(s), %d run(s)%nPlacement: %s%nServers: %s%nLoad average at"
                        + " start: %s%n",
                scenario.describe(), scenario.loaders(), runs, placement.describe(), servers.describe(), loadAverage());
        List<RunResult> results = new ArrayList<>();
        try (Children brokerOwner = new Children(placement);
                Children children = new Children(placement)) {
            Broker broker = target.startServers() ? Servers.startBroker(brokerOwner, placement, dir) : null;
            if (broker != null && servers.brokerWarmupSeconds > 0 && !scenario.idle()) {
                Scenario warmup = scenario.brokerWarmup(servers.brokerWarmupSeconds);
                RunResult warm = new RunCoordinator(children, placement, warmup, target, new Progress(), broker)
                        .warmUpBroker(dir.resolve("broker-warmup"));
                System.out.printf(
                        "Broker warmed with %s: %.2f %% delivered, p99 %.1f ms (not part of the results)%n",
                        warmup.describe(),
                        warm.deliveredPercent(),
                        warm.latency().p99());
            }
            RunCoordinator coordinator =
                    new RunCoordinator(children, placement, scenario, target, new Progress(), broker);
            for (int run = 1; run <= runs; run++) {
                RunResult result = coordinator.run(run, dir.resolve("run-" + run));
                results.add(result);
                printer.run(result, scenario.idle());
                writeReport(dir, scenario, placement, results);
            }
        }
        printer.spread(results, scenario.idle());
        System.out.printf("%nLoad average at end: %s%nReport: %s%n", loadAverage(), dir.resolve("report.json"));
        return 0;
    }

    private static void writeReport(Path dir, Scenario scenario, Placement placement, List<RunResult> results)
            throws IOException {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("scenario", scenario);
        report.put("placement", placement);
        report.put("loadAverage", loadAverage());
        report.put("runs", results);
        new ObjectMapper()
                .writerWithDefaultPrettyPrinter()
                .writeValue(dir.resolve("report.json").toFile(), report);
    }

    private static Path defaultOut() {
        String home = System.getProperty("load.home", ".");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of(home, "load-harness", "target", "load-runs", stamp);
    }

    /** The 1, 5 and 15 minute load averages: other work on the machine shows here. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
