package io.switchboard.load.coordinator;

import io.switchboard.load.proc.ProcFiles;
import io.switchboard.load.report.CpuUse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** CPU time of named processes between two moments, from {@code /proc/<pid>/stat}. */
final class CpuWindow {
    private final Map<String, Long> pids;
    private final Map<String, Double> start = new LinkedHashMap<>();
    private final long startNanos;
    private final double[] coresAtStart = ProcFiles.coreSeconds();

    private CpuWindow(Map<String, Long> pids) {
        this.pids = Map.copyOf(pids);
        pids.forEach((name, pid) -> ProcFiles.cpuSeconds(pid).ifPresent(s -> start.put(name, s)));
        this.startNanos = System.nanoTime();
    }

    /** Starts a window over {@code pids} (name → PID); processes that cannot be read are left out. */
    static CpuWindow begin(Map<String, Long> pids) {
        return new CpuWindow(pids);
    }

    CpuUse end() {
        double window = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Double> used = new LinkedHashMap<>();
        start.forEach((name, before) -> {
            OptionalDouble after = ProcFiles.cpuSeconds(pids.get(name));
            if (after.isPresent()) {
                used.put(name, after.getAsDouble() - before);
            }
        });
        double[] coresAtEnd = ProcFiles.coreSeconds();
        List<CpuUse.Core> cores = new ArrayList<>();
        for (int cpu = 0; 2 * cpu + 1 < Math.min(coresAtStart.length, coresAtEnd.length); cpu++) {
            cores.add(new CpuUse.Core(
                    cpu,
                    coresAtEnd[2 * cpu] - coresAtStart[2 * cpu],
                    coresAtEnd[2 * cpu + 1] - coresAtStart[2 * cpu + 1]));
        }
        return new CpuUse(window, used, cores);
    }
}
