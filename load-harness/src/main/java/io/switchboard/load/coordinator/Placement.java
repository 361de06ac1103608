package io.switchboard.load.coordinator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Which CPU runs what: the servers under test on one core, everything else (broker, producer, loaders, this
 * coordinator) on another, with {@code taskset}, so the server's core measures the server alone.
 *
 * @param serverCpu the core of the processor and the gateway
 * @param loadCpu the core of the broker, the producer, the loaders and the coordinator
 * @param enabled false when pinning is off (no taskset, or {@code --no-pin})
 */
record Placement(int serverCpu, int loadCpu, boolean enabled) {
    /** Pinned unless {@code noPin}, or when this machine has no {@code taskset}. */
    static Placement of(int serverCpu, int loadCpu, boolean noPin) {
        boolean taskset =
                Files.isExecutable(Path.of("/usr/bin/taskset")) || Files.isExecutable(Path.of("/bin/taskset"));
        return new Placement(serverCpu, loadCpu, !noPin && taskset);
    }

    /** The command prefix pinning a new process to {@code cpu}. */
    List<String> pin(int cpu) {
        return enabled ? List.of("taskset", "-c", Integer.toString(cpu)) : List.of();
    }

    /** Pins every thread of this JVM to the load core. */
    void pinSelf() throws IOException, InterruptedException {
        if (!enabled) {
            return;
        }
        String pid = Long.toString(ProcessHandle.current().pid());
        Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", Integer.toString(loadCpu), pid)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!taskset.waitFor(10, TimeUnit.SECONDS) || taskset.exitValue() != 0) {
            throw new IOException("taskset could not pin the coordinator to CPU " + loadCpu);
        }
    }

    String describe() {
        return enabled
                ? "processor + gateway on CPU " + serverCpu + "; broker, producer, loaders, coordinator on CPU "
                        + loadCpu
                : "not pinned (--no-pin)";
    }
}
