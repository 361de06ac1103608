package io.switchboard.load.coordinator;

import io.switchboard.load.report.CpuUse;
import io.switchboard.load.report.LatencySummary;
import io.switchboard.load.scale.ScaleSummary;
import io.switchboard.load.scale.StreamTally;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The scale test's report on standard output. */
final class ScalePrinter {
    private static final List<String> PHASES = List.of("before the kill", "kill → all back", "after all back");

    private final PrintStream out;

    ScalePrinter(PrintStream out) {
        this.out = out;
    }

    void print(Map<String, Object> report, ScaleSummary s) {
        out.printf(
                "%nClients: %d subscribed of %d%s%n",
                s.subscribed(),
                s.clients(),
                s.failures().isEmpty() ? "" : "; first connections failed: " + s.failures());
        out.printf(
                "Events produced: %s (failed sends: %s) in %.1f s%n",
                report.get("produced"), report.get("producerFailed"), (Double) report.get("producerSeconds"));
        out.printf("Shared channels:   %s%n", tally(s.topic()));
        out.printf("Personal channels: %s%n", tally(s.personal()));
        s.holeSamples().forEach(h -> out.println("  hole: " + h));
        out.printf(
                "%nConnections lost: %d clients (closes by code %s); back: %d; still out when polling ended: %s%n",
                s.disconnected(), s.closes(), s.recovered(), report.get("stillOutWhenPollingEnded"));
        out.printf(
                "First connection lost %.0f ms after the kill; last client back (every resubscribe answered)"
                        + " %.0f ms after the kill%n",
                (Double) report.get("firstLostAfterKillMillis"), (Double) report.get("lastBackAfterKillMillis"));
        LatencySummary r = s.recoveryMillis();
        out.printf(
                "Per client, lost → back: p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms (%d clients)%n",
                r.p50(), r.p90(), r.p99(), r.max(), r.count());
        out.printf("Resubscribes answered recovered:false: %d%n", s.notRecoveredReplies());
        out.printf("Reconnect attempts: %d; refused: %s%n", s.reconnectAttempts(), s.refusals());
        out.printf(
                "HTTP 429 by gateway: %s; source addresses refused at least once: %d; most 429s to one address: %d%n",
                s.refused429ByGateway(), s.addressesRefused429(), s.max429PerAddress());
        out.printf("%nLatency (produce → receive), survivors (clients never disconnected):%n");
        for (int i = 0; i < PHASES.size(); i++) {
            out.printf(
                    "  %-17s %s%n", PHASES.get(i), latency(s.survivorLatency().get(i)));
        }
        out.printf("  %-17s %s%n", "reconnected", latency(s.reconnectedLatency()));
        cpu("CPU before the kill", (CpuUse) report.get("cpuBeforeKill"));
        cpu("CPU from the kill to the end", (CpuUse) report.get("cpuAfterKill"));
        out.printf("%nPlacement: %s%n", report.get("placement"));
    }

    private static String tally(StreamTally t) {
        return String.format(
                "%d received, %d lost (%d holes), %d duplicated, %d behind at the end, %d repeats of positions"
                        + " already received (dropped by offset)%s",
                t.received(),
                t.missing(),
                t.holes(),
                t.duplicates(),
                t.behind(),
                t.repeats(),
                t.clean() ? " — NOTHING LOST OR DUPLICATED" : " — NOT CLEAN");
    }

    private static String latency(LatencySummary l) {
        return String.format(
                "p50 %.1f ms, p90 %.1f, p99 %.1f, p99.9 %.1f, max %.1f (%d messages)",
                l.p50(), l.p90(), l.p99(), l.p999(), l.max(), l.count());
    }

    private void cpu(String title, CpuUse cpu) {
        out.printf("%n%s (%.0f s window), %% of one core:%n ", title, cpu.windowSeconds());
        cpu.seconds().keySet().forEach(name -> out.printf(" %s %.0f %%", name, cpu.percent(name)));
        out.printf("%n  cores busy:");
        cpu.cores().forEach(c -> out.printf(" CPU %d %.0f %%", c.cpu(), cpu.busyPercent(c.cpu())));
        out.println();
    }
}
