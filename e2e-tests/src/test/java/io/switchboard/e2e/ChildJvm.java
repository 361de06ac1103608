package io.switchboard.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A main class of the test classpath run in its own JVM, so that a test can kill it with SIGKILL ({@code kill -9})
 * and start it again. Its output goes to a log file; {@link #awaitReady()} waits for the line {@link #READY} that
 * each main prints once it serves.
 */
final class ChildJvm implements AutoCloseable {
    /** The line a child main prints when it is ready. */
    static final String READY = "CHILD READY";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code main} with {@code args} in a new JVM (heap capped at 512 MiB) logging to a new file {@code log}. */
    static ChildJvm start(Class<?> main, Path log, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new ChildJvm(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + main.getSimpleName(), e);
        }
    }

    /** Waits until the child printed {@link #READY} or fails if it died first. */
    ChildJvm awaitReady() {
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the child exited with " + process.exitValue() + "; see " + log);
            }
            return isReady();
        });
        return this;
    }

    private boolean isReady() throws IOException {
        try (var lines = Files.lines(log)) {
            return lines.anyMatch(line -> line.contains(READY));
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no leaving the group, open transactions stay open. */
    void kill() {
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }
}
