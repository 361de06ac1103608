package io.switchboard.launcher.cli;

import io.switchboard.client.FrameLogger;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Where {@code switchboard connect} writes what happens besides messages: connection events and errors always, frames
 * in and out with {@code --verbose}; to stderr, or appended to {@code --log-file}. Thread-safe.
 */
final class ConnectLog implements FrameLogger, AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final PrintWriter out;
    private final boolean ownsOut;
    private final boolean verbose;

    private ConnectLog(PrintWriter out, boolean ownsOut, boolean verbose) {
        this.out = out;
        this.ownsOut = ownsOut;
        this.verbose = verbose;
    }

    /** A log to {@code file} when given, else to {@code stderr}. */
    static ConnectLog open(Path file, PrintWriter stderr, boolean verbose) {
        if (file == null) {
            return new ConnectLog(stderr, false, verbose);
        }
        try {
            PrintWriter writer = new PrintWriter(
                    Files.newBufferedWriter(
                            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                    true);
            return new ConnectLog(writer, true, verbose);
        } catch (IOException e) {
            throw new CommandFailedException("Cannot write the log file " + file + ": " + e.getMessage(), e);
        }
    }

    boolean verbose() {
        return verbose;
    }

    /** A line about the connection (connected, reconnecting, an error). */
    synchronized void event(String line) {
        out.println(LocalTime.now().format(TIME) + " " + line);
        out.flush();
    }

    @Override
    public synchronized void log(Direction direction, String frame) {
        if (verbose) {
            event((direction == Direction.IN ? "<< " : ">> ") + frame);
        }
    }

    @Override
    public synchronized void close() {
        out.flush();
        if (ownsOut) {
            out.close();
        }
    }
}
