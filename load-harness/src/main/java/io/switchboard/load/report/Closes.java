package io.switchboard.load.report;

/**
 * Connections closed with one close code, and when the first and the last of them closed (epoch microseconds), which
 * shows whether the closes came in one burst.
 */
public record Closes(long count, long firstMicros, long lastMicros) {
    public static Closes one(long atMicros) {
        return new Closes(1, atMicros, atMicros);
    }

    public Closes plus(Closes other) {
        return new Closes(
                count + other.count, Math.min(firstMicros, other.firstMicros), Math.max(lastMicros, other.lastMicros));
    }
}
