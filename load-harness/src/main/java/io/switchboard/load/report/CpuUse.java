package io.switchboard.load.report;

import java.util.List;
import java.util.Map;

/**
 * CPU seconds (user + system, all threads) each process used during a window of {@code windowSeconds} of wall time,
 * by name ({@code gateway}, {@code processor}, {@code broker}, {@code producer}, {@code loader-0}, …), and what each
 * core did in all over the same window, whoever ran on it: a core busier than the processes pinned to it explain was
 * shared with other work on the machine.
 *
 * @param cores per core: seconds busy and seconds stolen by the hypervisor
 */
public record CpuUse(double windowSeconds, Map<String, Double> seconds, List<Core> cores) {
    /** One core over the window. */
    public record Core(int cpu, double busySeconds, double stealSeconds) {}

    /** Share of one core {@code name} used over the window, in percent; 0 when unknown. */
    public double percent(String name) {
        Double used = seconds.get(name);
        return used == null || windowSeconds <= 0 ? 0 : 100 * used / windowSeconds;
    }

    /** Share of the window {@code cpu} was busy, in percent, whoever ran; 0 when unknown. */
    public double busyPercent(int cpu) {
        return cores.stream()
                .filter(c -> c.cpu() == cpu)
                .mapToDouble(c -> 100 * c.busySeconds() / windowSeconds)
                .findFirst()
                .orElse(0);
    }

    /** Share of the window the hypervisor took {@code cpu} away, in percent. */
    public double stealPercent(int cpu) {
        return cores.stream()
                .filter(c -> c.cpu() == cpu)
                .mapToDouble(c -> 100 * c.stealSeconds() / windowSeconds)
                .findFirst()
                .orElse(0);
    }

    /** Percent of {@code cpu} used by other processes than {@code pinned} (which are pinned to it). */
    public double othersPercent(int cpu, List<String> pinned) {
        return Math.max(
                0, busyPercent(cpu) - pinned.stream().mapToDouble(this::percent).sum());
    }
}
