package io.switchboard.load.coordinator;

import io.switchboard.load.presence.PagingCheck;
import io.switchboard.load.report.CpuUse;
import io.switchboard.load.report.LatencySummary;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The presence test's report as text: checks, paging times, join latency, CPU per churn, store size. */
final class PresencePrinter {
    private final PrintStream out;

    PresencePrinter(PrintStream out) {
        this.out = out;
    }

    @SuppressWarnings("unchecked")
    void print(Map<String, Object> report, PresenceOptions options) {
        int members = options.clients + 1; // and the watcher
        out.printf(
                "%nResult: %s%nMembers subscribed: %s of %d in %.1f s (every join seen by the watcher after %.1f s);"
                        + " lost: %s%n",
                Boolean.TRUE.equals(report.get("passed")) ? "PASSED" : "FAILED",
                report.get("subscribed"),
                options.clients,
                (Double) report.get("rampSeconds"),
                (Double) report.getOrDefault("joinsSeenSeconds", 0.0),
                report.get("membersLost"));
        for (Map<String, Object> run : (List<Map<String, Object>>) report.get("paging")) {
            PagingCheck check = (PagingCheck) run.get("check");
            out.printf(
                    "Paging %s: %d pages, %d of %d members, %.0f ms; exactly once: %s%s%n",
                    run.get("when"),
                    check.pages(),
                    check.listed(),
                    members,
                    (Double) run.get("millis"),
                    run.get("exactlyOnce"),
                    check.samples().isEmpty() ? "" : " " + check.samples());
        }
        latency("Join → join frame, during the ramp", (LatencySummary) report.get("joinLatencyRamp"));
        if (report.containsKey("cpuChurn")) {
            latency("Join → join frame, during the churn", (LatencySummary) report.get("joinLatencyChurn"));
            CpuUse quiet = (CpuUse) report.get("cpuQuiet");
            CpuUse churn = (CpuUse) report.get("cpuChurn");
            long ops = (Long) report.get("churnOperations");
            double rate = ops / churn.windowSeconds();
            double quietCores = quiet.seconds().getOrDefault("processor-0", 0.0) / quiet.windowSeconds();
            double churnCores = churn.seconds().getOrDefault("processor-0", 0.0) / churn.windowSeconds();
            out.printf(
                    "Processor CPU: %.3f cores quiet, %.3f cores at %.0f subscribes+unsubscribes/s (%d ops):"
                            + " %.3f cores more per 1,000/s%n",
                    quietCores, churnCores, rate, ops, (churnCores - quietCores) * 1000 / rate);
            for (String name : churn.seconds().keySet()) {
                out.printf("  %-12s %6.1f %% quiet, %6.1f %% churn%n", name, quiet.percent(name), churn.percent(name));
            }
        }
        store("Presence store before the churn (processor running)", report.get("storeAfterRamp"));
        store("Presence store at the end (processor running)", report.get("store"));
        store("Presence store after the processor's clean stop", report.get("storeAfterStop"));
        Object metrics = report.get("rocksdbMetricsAfterRamp");
        if (metrics != null) {
            out.printf("RocksDB metrics of presence-store before the churn: %s%n", metrics);
        }
        out.printf("RocksDB metrics of presence-store at the end: %s%n", report.get("rocksdbMetricsEnd"));
        Map<String, Long> errors = (Map<String, Long>) report.get("loaderErrors");
        if (errors != null && !errors.isEmpty()) {
            out.printf("Errors the members received: %s%n", errors);
        }
    }

    @SuppressWarnings("unchecked")
    private void store(String what, Object sizes) {
        if (sizes == null) {
            return;
        }
        Map<String, Object> store = (Map<String, Object>) sizes;
        out.printf(
                "%s: RocksDB SST %s B (%.1f B/member), all RocksDB files %s B; changelog segments %s B (%.1f"
                        + " B/member)%n",
                what,
                store.get("rocksdbSstBytes"),
                (Double) store.get("rocksdbSstBytesPerMember"),
                store.get("rocksdbAllBytes"),
                store.get("changelogBytes"),
                (Double) store.get("changelogBytesPerMember"));
    }

    private void latency(String what, LatencySummary s) {
        if (s != null) {
            out.printf(
                    "%s: %d joins, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    what, s.count(), s.p50(), s.p90(), s.p99(), s.max());
        }
    }
}
