package io.switchboard.load.coordinator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.load.scale.ScaleSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./load-test scale}: several processors and gateways against one broker, authenticated clients on many
 * channels and their personal channels, then one gateway and one processor killed with SIGKILL mid-run. Reports
 * what was lost or duplicated, how long until every client of the dead gateway was back, what the handshake limits
 * refused, and the survivors' latency before, during and after.
 */
@Command(
        name = "load-test scale",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = "Scale test with faults: P processors + G gateways, N clients, SIGKILL of one of each mid-run.")
public final class ScaleTest implements Callable<Integer> {
    @Mixin
    ScaleOptions options;

    @Option(
            names = "--out",
            description = "Directory of logs and report.json (default load-harness/target/scale-runs/<time>).")
    Path out;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new ScaleTest());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            System.err.println("scale-test: " + (e.getMessage() != null ? e.getMessage() : e));
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        options.validate();
        Placement placement = options.placement();
        Path dir = out != null ? out : defaultOut();
        Files.createDirectories(dir);
        placement.pinSelf();
        System.out.printf(
                "Switchboard scale test: %s%nPlacement: %s%nLoad average at start: %s%n",
                options.describe(), placement.describe(), LoadTest.loadAverage());
        long started = System.nanoTime();
        Map<String, Object> report = new LinkedHashMap<>();
        try (Children children = new Children(placement)) {
            ScaleRun run = new ScaleRun(children, placement, options, dir);
            report.putAll(run.execute());
        }
        ScaleSummary summary = (ScaleSummary) report.get("summary");
        report.put("options", options.describe());
        report.put("placement", placement.describe());
        report.put("wallSeconds", (System.nanoTime() - started) / 1e9);
        report.put("loadAverageAtEnd", LoadTest.loadAverage());
        new ObjectMapper()
                .writerWithDefaultPrettyPrinter()
                .writeValue(dir.resolve("report.json").toFile(), report);
        new ScalePrinter(System.out).print(report, summary);
        System.out.printf(
                "%nLoad average at end: %s%nReport: %s%n", LoadTest.loadAverage(), dir.resolve("report.json"));
        return summary.topic().clean() && summary.personal().clean() && summary.recovered() == summary.disconnected()
                ? 0
                : 3;
    }

    private static Path defaultOut() {
        String home = System.getProperty("load.home", ".");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of(home, "load-harness", "target", "scale-runs", stamp);
    }
}
