package io.switchboard.load.coordinator;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
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
        ClusterTestMain.main(new PresenceTest(), "presence", args);
    }

    @Override
    public Integer call() throws Exception {
        options.validate();
        Placement placement = options.placement();
        Map<String, Object> report = ClusterTestMain.run(
                "presence",
                options.describe(),
                placement,
                out,
                (children, dir) -> new PresenceRun(children, placement, options, dir).execute(),
                r -> new PresencePrinter(System.out).print(r, options));
        return Boolean.TRUE.equals(report.get("passed")) ? 0 : 3;
    }
}
