package io.switchboard.load.coordinator;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * {@code ./load-test presence}: N members, each its own user, connected from several loader processes to several
 * gateways, subscribed to one presence-enabled channel; a watcher subscribed with presence pages through the
 * {@code presence} answer and checks that every member is listed exactly once. Reports the time to get all pages,
 * join → join-frame latency, the processor's CPU with and without a churn of subscribes and unsubscribes, and the
 * presence store's size per member. Exit status 0 when every check held, 3 when one did not.
 */
@Command(
        name = "load-test presence",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = "Presence at scale: N members of one channel over several gateways and loaders; paging checked"
                + " exactly-once, join latency, CPU per subscribe/unsubscribe churn, store size per member.")
public final class PresenceTest implements Callable<Integer> {
    @Mixin
    PresenceOptions options;

    @Option(
            names = "--out",
            description = "Directory of logs and report.json (default load-harness/target/presence-runs/<time>).")
    Path out;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new PresenceTest());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            System.err.println("presence-test: " + (e.getMessage() != null ? e.getMessage() : e));
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
                "Switchboard presence test: %s%nPlacement: %s%nLoad average at start: %s%n",
                options.describe(), placement.describe(), LoadTest.loadAverage());
        long started = System.nanoTime();
        Map<String, Object> report = new LinkedHashMap<>();
        boolean passed;
        try (Children children = new Children(placement)) {
            PresenceRun run = new PresenceRun(children, placement, options, dir);
            report.putAll(run.execute());
            passed = run.passed();
        }
        report.put("options", options.describe());
        report.put("placement", placement.describe());
        report.put("wallSeconds", (System.nanoTime() - started) / 1e9);
        report.put("loadAverageAtEnd", LoadTest.loadAverage());
        new ObjectMapper()
                .writerWithDefaultPrettyPrinter()
                .writeValue(dir.resolve("report.json").toFile(), report);
        new PresencePrinter(System.out).print(report, options);
        System.out.printf(
                "%nLoad average at end: %s%nReport: %s%n", LoadTest.loadAverage(), dir.resolve("report.json"));
        return passed ? 0 : 3;
    }

    private static Path defaultOut() {
        String home = System.getProperty("load.home", ".");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of(home, "load-harness", "target", "presence-runs", stamp);
    }
}
