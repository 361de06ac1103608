package io.switchboard.load.coordinator;

import io.switchboard.load.scale.ScaleSummary;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
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
        ClusterTestMain.main(new ScaleTest(), "scale", args);
    }

    @Override
    public Integer call() throws Exception {
        options.validate();
        Placement placement = options.placement();
        Map<String, Object> report = ClusterTestMain.run(
                "scale",
                options.describe(),
                placement,
                out,
                (children, dir) -> new ScaleRun(children, placement, options, dir).execute(),
                r -> new ScalePrinter(System.out).print(r, (ScaleSummary) r.get("summary")));
        ScaleSummary summary = (ScaleSummary) report.get("summary");
        return summary.topic().clean() && summary.personal().clean() && summary.recovered() == summary.disconnected()
                ? 0
                : 3;
    }
}
