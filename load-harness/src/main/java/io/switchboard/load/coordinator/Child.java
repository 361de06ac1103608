package io.switchboard.load.coordinator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A process the harness started. Its standard error goes to {@code <name>.log}; its standard output is kept line by
 * line (and copied to {@code <name>.out}) for the harness's own children, which report on it; commands go to its
 * standard input. Ended by its PID only: SIGTERM, then SIGKILL if it lingers.
 */
final class Child {
    private final String name;
    private final Process process;
    private final Path log;
    private final PrintWriter input;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    Child(String name, Process process, Path log, Path out) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.input = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> copy(out), name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Sends one command line. */
    void send(String line) {
        input.println(line);
    }

    /** The next output line that {@code wanted} accepts (others are dropped), or fails after {@code timeout}. */
    String await(Predicate<String> wanted, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && wanted.test(line)) {
                return line;
            }
            if (line == null && !process.isAlive() && lines.isEmpty()) {
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + " before " + what + "; see " + log);
            }
        }
        throw new IllegalStateException(name + ": no " + what + " within " + timeout.toSeconds() + " s; see " + log);
    }

    /** SIGKILL, as a crash would: no shutdown hook runs, no socket is closed cleanly. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Ends the process: closes its input, SIGTERM, and SIGKILL after {@code grace}. */
    void stop(Duration grace) {
        input.close();
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void copy(Path out) {
        try (BufferedReader reader =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer copy = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                copy.write(line);
                copy.write('\n');
                copy.flush();
            }
        } catch (IOException e) {
            // The stream closes under the reader when the process is ended; only a live child's failure is news.
            if (process.isAlive()) {
                System.err.println("load-test: lost the output of " + name + ": " + e);
            }
        }
    }
}
