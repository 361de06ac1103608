package io.switchboard.load.coordinator;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * What the scale and presence tests' mains share around their run: one error line instead of a trace, the output
 * directory, the header, the processes ended whatever happens, the report's common fields, report.json and the
 * footer. A test named {@code x} prints errors as {@code x-test: …} and writes to {@code target/x-runs/<time>}.
 */
final class ClusterTestMain {
    /** One run's body: its processes go to {@code children}, its files to {@code dir}; returns the report. */
    @FunctionalInterface
    interface Run {
        Map<String, Object> execute(Children children, Path dir) throws Exception;
    }

    private ClusterTestMain() {}

    /** Parses {@code args} into {@code command}, runs it and exits: 2 for a bad option value, 1 for a failed run. */
    static void main(Object command, String test, String[] args) {
        CommandLine cli = new CommandLine(command);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            System.err.println(test + "-test: " + (e.getMessage() != null ? e.getMessage() : e));
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        System.exit(cli.execute(args));
    }

    /**
     * Runs {@code run} in {@code out} (null: the default directory), writes report.json and hands the report to
     * {@code printer} between the header and the footer; returns the report.
     */
    static Map<String, Object> run(
            String test,
            String description,
            Placement placement,
            Path out,
            Run run,
            Consumer<Map<String, Object>> printer)
            throws Exception {
        Path dir = out != null ? out : defaultOut(test);
        Files.createDirectories(dir);
        placement.pinSelf();
        System.out.printf(
                "Switchboard %s test: %s%nPlacement: %s%nLoad average at start: %s%n",
                test, description, placement.describe(), LoadTest.loadAverage());
        long started = System.nanoTime();
        Map<String, Object> report = new LinkedHashMap<>();
        try (Children children = new Children(placement)) {
            report.putAll(run.execute(children, dir));
        }
        report.put("options", description);
        report.put("placement", placement.describe());
        report.put("wallSeconds", (System.nanoTime() - started) / 1e9);
        report.put("loadAverageAtEnd", LoadTest.loadAverage());
        new ObjectMapper()
                .writerWithDefaultPrettyPrinter()
                .writeValue(dir.resolve("report.json").toFile(), report);
        printer.accept(report);
        System.out.printf(
                "%nLoad average at end: %s%nReport: %s%n", LoadTest.loadAverage(), dir.resolve("report.json"));
        return report;
    }

    private static Path defaultOut(String test) {
        String home = System.getProperty("load.home", ".");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of(home, "load-harness", "target", test + "-runs", stamp);
    }
}
