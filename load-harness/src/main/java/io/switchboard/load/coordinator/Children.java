package io.switchboard.load.coordinator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Every process this harness started, so that each one is ended by its PID at the end of a run, on failure and on
 * Ctrl-C (a shutdown hook), newest first: loaders before the gateway, the gateway before the broker.
 */
final class Children implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(20);

    private final List<Child> started = Collections.synchronizedList(new ArrayList<>());
    private final Placement placement;

    Children(Placement placement) {
        this.placement = placement;
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "load-test-cleanup"));
    }

    /**
     * Starts {@code command} pinned to {@code cpu} (when pinning is on), in {@code dir}, with {@code env} added to
     * this process's environment; its output goes to files named after it in {@code dir}.
     */
    Child start(String name, int cpu, List<String> command, Map<String, String> env, Path dir) {
        List<String> full = new ArrayList<>(placement.pin(cpu));
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .redirectError(dir.resolve(name + ".log").toFile());
        builder.environment().putAll(env);
        try {
            Child child = new Child(name, builder.start(), dir.resolve(name + ".log"), dir.resolve(name + ".out"));
            started.add(child);
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + full, e);
        }
    }

    /** Ends {@code child} now (SIGTERM, then SIGKILL after a grace). */
    void stop(Child child) {
        child.stop(GRACE);
        started.remove(child);
    }

    /** Ends every child still running, newest first. */
    @Override
    public void close() {
        List<Child> running;
        synchronized (started) {
            running = new ArrayList<>(started);
            started.clear();
        }
        Collections.reverse(running);
        running.forEach(child -> child.stop(GRACE));
    }
}
