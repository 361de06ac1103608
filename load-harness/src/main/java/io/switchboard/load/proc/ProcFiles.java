package io.switchboard.load.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What Linux's {@code /proc} says about a process: CPU time (user + system of every thread, from {@code stat}) and
 * resident memory ({@code VmRSS} from {@code status}). Empty when the process is gone or /proc is not there.
 */
public final class ProcFiles {
    /** Clock ticks a second ({@code getconf CLK_TCK}); 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcFiles() {}

    /** CPU seconds {@code pid} has used so far. */
    public static OptionalDouble cpuSeconds(long pid) {
        try {
            return OptionalDouble.of(
                    cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))) / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    /**
     * Seconds each CPU spent busy (user, nice, system, irq, softirq) and stolen by the hypervisor (steal) so far,
     * from {@code /proc/stat}: index {@code 2 * cpu} is busy, {@code 2 * cpu + 1} steal. Empty if unreadable.
     */
    public static double[] coreSeconds() {
        try {
            return coreSeconds(Files.readString(Path.of("/proc/stat")));
        } catch (IOException | RuntimeException e) {
            return new double[0];
        }
    }

    static double[] coreSeconds(String stat) {
        double[] seconds = new double[2 * Runtime.getRuntime().availableProcessors() + 64];
        int highest = -1;
        for (String line : stat.lines().toList()) {
            if (!line.startsWith("cpu") || line.startsWith("cpu ")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            int cpu = Integer.parseInt(f[0].substring(3));
            if (2 * cpu + 1 >= seconds.length) {
                continue;
            }
            long busy = Long.parseLong(f[1])
                    + Long.parseLong(f[2])
                    + Long.parseLong(f[3])
                    + Long.parseLong(f[6])
                    + Long.parseLong(f[7]);
            seconds[2 * cpu] = busy / TICKS_PER_SECOND;
            seconds[2 * cpu + 1] = Long.parseLong(f[8]) / TICKS_PER_SECOND;
            highest = Math.max(highest, cpu);
        }
        return java.util.Arrays.copyOf(seconds, 2 * (highest + 1));
    }

    /** Resident set size of {@code pid} in bytes. */
    public static OptionalLong rssBytes(long pid) {
        try {
            return rss(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * utime + stime of a {@code /proc/<pid>/stat} line: fields 14 and 15, counted after the command name, which is in
     * parentheses and may itself hold spaces and parentheses (so the count starts after the last ')').
     */
    static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (state): utime (14) is fields[11], stime (15) fields[12]
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** VmRSS of a {@code /proc/<pid>/status} text, in bytes. */
    static OptionalLong rss(String status) {
        return status.lines()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
                .findFirst();
    }
}
