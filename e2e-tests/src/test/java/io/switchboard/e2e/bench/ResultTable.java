package io.switchboard.e2e.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The results as a markdown table: per mode, its last run, and the range over all its runs. */
final class ResultTable {
    private ResultTable() {}

    static String markdown(List<RunResult> results) {
        StringBuilder out = new StringBuilder();
        out.append("| mode | wire bytes per delivery | gateway CPU ms per 1 000 deliveries | net of idle"
                + " | fan-out p50 / max (ms) | bytes, range | CPU, range | net, range | runs |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        Double plainBytes = null;
        for (Mode mode : Mode.values()) {
            List<RunResult> runs =
                    results.stream().filter(r -> r.mode() == mode).toList();
            if (runs.isEmpty()) {
                continue;
            }
            RunResult last = runs.get(runs.size() - 1);
            if (mode == Mode.PLAIN) {
                plainBytes = last.wireBytesPerDelivery();
            }
            String share = plainBytes == null || mode == Mode.PLAIN
                    ? ""
                    : String.format(Locale.ROOT, " (%.0f %%)", 100 * last.wireBytesPerDelivery() / plainBytes);
            out.append(String.format(
                    Locale.ROOT,
                    "| (%s) %s | %.0f%s | %.1f | %.1f | %.0f / %.0f | %s | %s | %s | %d |%n",
                    mode.letter,
                    mode.label,
                    last.wireBytesPerDelivery(),
                    share,
                    last.cpuMsPerThousand(),
                    last.netCpuMsPerThousand(),
                    last.fanOutP50Ms(),
                    last.fanOutMaxMs(),
                    range(runs, RunResult::wireBytesPerDelivery, "%.0f"),
                    range(runs, RunResult::cpuMsPerThousand, "%.1f"),
                    range(runs, RunResult::netCpuMsPerThousand, "%.1f"),
                    runs.size()));
        }
        return out.toString();
    }

    private static String range(List<RunResult> runs, ToDoubleFunction<RunResult> value, String format) {
        double min = runs.stream().mapToDouble(value).min().orElseThrow();
        double max = runs.stream().mapToDouble(value).max().orElseThrow();
        return String.format(Locale.ROOT, format + "–" + format, min, max);
    }
}
