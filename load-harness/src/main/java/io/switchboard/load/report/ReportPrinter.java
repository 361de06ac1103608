package io.switchboard.load.report;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** The human report: one block per run, then the spread over the runs. */
public final class ReportPrinter {
    private static final String[] CPU_ORDER = {"gateway", "processor", "broker", "producer"};

    private final PrintStream out;

    public ReportPrinter(PrintStream out) {
        this.out = out;
    }

    public void run(RunResult r, boolean idle) {
        out.printf("%nRun %d%n", r.run());
        out.printf("  clients       %d subscribed of %d%s%n", r.subscribed(), r.clients(), failures(r));
        if (!idle) {
            out.printf(
                    "  delivered     %,d of %,d expected (%.2f %%), %,.0f msgs/s; events produced %,d (%,d measured)%s%n",
                    r.received(),
                    r.expected(),
                    r.deliveredPercent(),
                    r.deliveredPerSecond(),
                    r.produced(),
                    r.measuredEvents(),
                    r.producerFailed() > 0 ? ", " + r.producerFailed() + " FAILED sends" : "");
            LatencySummary l = r.latency();
            out.printf(
                    "  latency ms    p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n",
                    l.p50(), l.p90(), l.p99(), l.p999(), l.max());
            out.printf("  shed          %s%n", closes(r));
            out.printf("  open conns    %s%n", continuity(r.open()));
            if (r.closed().connections() > 0) {
                out.printf("  closed conns  %s%n", continuity(r.closed()));
            }
            r.holeSamples().stream().limit(3).forEach(s -> out.printf("  hole          %s%n", s));
            if (!r.mostMissed().isEmpty()) {
                out.printf("  most missed   %s%n", String.join(", ", r.mostMissed()));
            }
        }
        out.printf("  cpu s (%%)     %s over %.1f s%n", cpu(r.cpu()), r.cpu().windowSeconds());
        out.printf("  cores         %s%n", cores(r.cpu()));
        GatewayMemory m = r.memory();
        if (m.known()) {
            out.printf(
                    "  gateway RSS   %.1f MiB before, %.1f MiB with %d clients: %.1f KiB per connection%n",
                    m.beforeBytes() / 1048576.0, m.afterBytes() / 1048576.0, m.connections(), m.perConnectionKib());
        }
        if (!idle) {
            out.printf("  loaders       %.1f messages per read syscall%n", r.messagesPerRead());
        }
        r.limits().forEach(note -> out.printf("  %s%n", note));
        if (r.limits().isEmpty() && !idle) {
            out.println("  limit         not the harness: no loader reached 90 % of its core");
        }
    }

    /** The range of the main figures over several runs. */
    public void spread(List<RunResult> runs, boolean idle) {
        if (runs.size() < 2) {
            return;
        }
        out.printf("%nSpread over %d runs (min-max)%n", runs.size());
        if (!idle) {
            out.printf("  delivered %%   %s%n", range(runs, RunResult::deliveredPercent, "%.2f"));
            out.printf("  p50 ms        %s%n", range(runs, r -> r.latency().p50(), "%.1f"));
            out.printf("  p99 ms        %s%n", range(runs, r -> r.latency().p99(), "%.1f"));
            out.printf("  p99.9 ms      %s%n", range(runs, r -> r.latency().p999(), "%.1f"));
            out.printf("  max ms        %s%n", range(runs, r -> r.latency().max(), "%.1f"));
            out.printf("  shed          %s%n", range(runs, r -> r.closedCount(), "%.0f"));
            out.printf("  missing, open %s%n", range(runs, r -> r.open().missing(), "%.0f"));
        }
        out.printf("  gateway cpu %% %s%n", range(runs, r -> r.cpu().percent("gateway"), "%.0f"));
        out.printf("  processor %%   %s%n", range(runs, r -> r.cpu().percent("processor"), "%.0f"));
        out.printf("  KiB per conn  %s%n", range(runs, r -> r.memory().perConnectionKib(), "%.1f"));
    }

    private static String range(List<RunResult> runs, ToDoubleFunction<RunResult> f, String format) {
        double min = runs.stream().mapToDouble(f).min().orElse(0);
        double max = runs.stream().mapToDouble(f).max().orElse(0);
        return String.format(format, min) + " - " + String.format(format, max);
    }

    private static String failures(RunResult r) {
        return r.connectFailures().isEmpty() ? "" : "; never subscribed: " + r.connectFailures();
    }

    private static String closes(RunResult r) {
        if (r.closes().isEmpty()) {
            return "none (no connection closed by the server)";
        }
        return r.closes().entrySet().stream()
                .map(e -> String.format(
                        "%d x %d (%.1f-%.1f s after the first event)",
                        e.getValue().count(),
                        e.getKey(),
                        (e.getValue().firstMicros() - r.startMicros()) / 1e6,
                        (e.getValue().lastMicros() - r.startMicros()) / 1e6))
                .collect(Collectors.joining(", "));
    }

    private static String continuity(Continuity c) {
        return String.format(
                "%d: %d with gaps (%d holes, %d messages missing), %d duplicates/out of order, %d behind at the end"
                        + " (on %d connections)",
                c.connections(),
                c.withHoles(),
                c.holes(),
                c.missing(),
                c.duplicates(),
                c.behind(),
                c.connectionsBehind());
    }

    private static String cpu(CpuUse cpu) {
        StringBuilder line = new StringBuilder();
        for (String name : CPU_ORDER) {
            append(line, cpu, name);
        }
        for (Map.Entry<String, Double> e : cpu.seconds().entrySet()) {
            if (!List.of(CPU_ORDER).contains(e.getKey())) {
                append(line, cpu, e.getKey());
            }
        }
        return line.toString().trim();
    }

    private static String cores(CpuUse cpu) {
        return cpu.cores().stream()
                .map(c -> String.format(
                        "CPU %d busy %.0f %% (steal %.0f %%)",
                        c.cpu(), cpu.busyPercent(c.cpu()), cpu.stealPercent(c.cpu())))
                .collect(Collectors.joining(", "));
    }

    private static void append(StringBuilder line, CpuUse cpu, String name) {
        Double seconds = cpu.seconds().get(name);
        if (seconds != null) {
            line.append(String.format("%s %.1f (%.0f %%)  ", name, seconds, cpu.percent(name)));
        }
    }
}
