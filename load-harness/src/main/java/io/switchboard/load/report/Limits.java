package io.switchboard.load.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Says when something else than the servers set the numbers: a loader that used ≥ 90 % of its core was reading as
 * fast as it could, so delivery and latency measure the loader; a load core ≥ 95 % busy starved someone on it; a
 * server core on which other processes (a build, a test) took ≥ 10 % did not measure the servers alone; a hypervisor
 * that stole ≥ 5 % of a core slowed whoever ran there.
 */
public final class Limits {
    static final double LOADER_SATURATED = 90;
    static final double CORE_SATURATED = 95;
    static final double SHARED = 10;
    static final double STOLEN = 5;

    private Limits() {}

    /** Notes on the run; empty when the servers alone set the numbers. */
    public static List<String> of(CpuUse cpu, Pinning pinning) {
        List<String> notes = new ArrayList<>();
        for (String loader : pinning.loaders()) {
            double percent = cpu.percent(loader);
            if (percent >= LOADER_SATURATED) {
                notes.add(String.format(
                        "LOADER-LIMITED: %s used %.0f %% of its core; the loader, not the server, was the limit",
                        loader, percent));
            }
        }
        if (!pinning.pinned()) {
            return notes;
        }
        double load = cpu.busyPercent(pinning.loadCpu());
        if (load >= CORE_SATURATED) {
            notes.add(String.format(
                    "LOAD CORE SATURATED: CPU %d was %.0f %% busy (broker, producer, loaders and anything else on it)",
                    pinning.loadCpu(), load));
        }
        double others = cpu.othersPercent(pinning.serverCpu(), pinning.servers());
        if (others >= SHARED) {
            notes.add(String.format(
                    "SERVER CORE SHARED: other processes used %.0f %% of CPU %d besides the servers",
                    others, pinning.serverCpu()));
        }
        for (int core : List.of(pinning.serverCpu(), pinning.loadCpu())) {
            if (cpu.stealPercent(core) >= STOLEN) {
                notes.add(String.format("STEAL: the hypervisor took %.0f %% of CPU %d", cpu.stealPercent(core), core));
            }
        }
        return notes;
    }
}
