package io.switchboard.e2e.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A gateway in its own JVM ({@link GatewayMain}) and its CPU time: user + system time of the whole process (every
 * thread, GC included) from {@code /proc/<pid>/stat}, in clock ticks of {@code getconf CLK_TCK} (10 ms here).
 */
final class GatewayProcess implements AutoCloseable {
    static final String READY = "GATEWAY READY";

    private static final long NANOS_PER_TICK = 1_000_000_000L / clockTicksPerSecond();

    private final Process process;
    private final Path log;
    private final int port;
    private final String gatewayId;

    private GatewayProcess(Process process, Path log, int port, String gatewayId) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.gatewayId = gatewayId;
    }

    /** Starts a gateway (heap capped at 1 GiB) reading {@code prefix}'s topics, logging to {@code log}. */
    static GatewayProcess start(String bootstrap, String prefix, boolean permessageDeflate, Path log) {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                GatewayMain.class.getName(),
                bootstrap,
                prefix,
                String.valueOf(permessageDeflate));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            String[] ready = await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> readyLine(process, log), Optional::isPresent)
                    .orElseThrow()
                    .split(" ");
            return new GatewayProcess(process, log, Integer.parseInt(ready[2]), ready[3]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gateway", e);
        }
    }

    int port() {
        return port;
    }

    String gatewayId() {
        return gatewayId;
    }

    Path log() {
        return log;
    }

    /** CPU time the gateway's process has used so far, user and system. */
    long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            // fields after the command name, which is in parentheses and may hold spaces: state is field 3
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
            return ticks * NANOS_PER_TICK;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gateway's CPU time", e);
        }
    }

    /** Lines of the gateway's log that contain {@code text}. */
    long logLinesContaining(String text) throws IOException {
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }

    /** Closes the gateway's stdin, which stops it, and waits for it to exit (kills it after 30 s). */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static Optional<String> readyLine(Process process, Path log) throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("the gateway exited with " + process.exitValue() + "; see " + log);
        }
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.startsWith(READY)).findFirst();
        }
    }

    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String answer = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(answer) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100; // Linux's USER_HZ on every common architecture
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
