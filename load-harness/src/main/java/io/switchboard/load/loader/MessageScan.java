package io.switchboard.load.loader;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads just enough of a server text frame, in place, to tell its type and, for a {@code message}, the producer's
 * {@code data.t} and {@code data.seq}. A full JSON parse per frame would make the loader, not the server, the limit.
 * Frames look like {@code {"type":"message","channel":"metrics",…,"data":{"t":…,"seq":…},"ts":…}}.
 */
public final class MessageScan {
    /** What a text frame is. */
    public enum Kind {
        MESSAGE,
        WELCOME,
        SUBSCRIBED,
        ERROR,
        OTHER
    }

    /** The value of a field that is absent or not a number. */
    public static final long NONE = Long.MIN_VALUE;

    private static final byte[] TYPE = ascii("\"type\":\"");
    private static final byte[] DATA = ascii("\"data\":");
    private static final byte[] T = ascii("\"t\":");
    private static final byte[] SEQ = ascii("\"seq\":");

    private MessageScan() {}

    /** The type of the frame {@code buffer[start, end)}; the gateway writes {@code type} first, so it is cheap. */
    public static Kind kind(ByteBuffer buffer, int start, int end) {
        int at = startsWith(buffer, start + 1, end, TYPE) ? start + 1 : indexOf(buffer, start, end, TYPE);
        if (at < 0 || at + TYPE.length >= end) {
            return Kind.OTHER;
        }
        return switch (buffer.get(at + TYPE.length)) {
            case 'm' -> Kind.MESSAGE;
            case 'w' -> Kind.WELCOME;
            case 's' -> Kind.SUBSCRIBED;
            case 'e' -> Kind.ERROR;
            default -> Kind.OTHER;
        };
    }

    /** {@code data.t} of a message frame, or {@link #NONE}. */
    public static long time(ByteBuffer buffer, int start, int end) {
        return dataField(buffer, start, end, T);
    }

    /** {@code data.seq} of a message frame, or {@link #NONE}. */
    public static long sequence(ByteBuffer buffer, int start, int end) {
        return dataField(buffer, start, end, SEQ);
    }

    /** The frame as a string, for the rare frames that are not messages (welcome, subscribed, errors). */
    public static String text(ByteBuffer buffer, int start, int end) {
        byte[] bytes = new byte[end - start];
        buffer.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static long dataField(ByteBuffer buffer, int start, int end, byte[] key) {
        int data = indexOf(buffer, start, end, DATA);
        int at = data < 0 ? -1 : indexOf(buffer, data + DATA.length, end, key);
        return at < 0 ? NONE : number(buffer, at + key.length, end);
    }

    /** A non-negative integer at {@code at} (spaces before it allowed), or {@link #NONE}. */
    static long number(ByteBuffer buffer, int at, int end) {
        while (at < end && buffer.get(at) == ' ') {
            at++;
        }
        long value = 0;
        int digits = 0;
        for (; at < end && digits < 19; at++, digits++) {
            int digit = buffer.get(at) - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            value = value * 10 + digit;
        }
        return digits == 0 ? NONE : value;
    }

    static int indexOf(ByteBuffer buffer, int from, int end, byte[] needle) {
        byte first = needle[0];
        for (int i = from, last = end - needle.length; i <= last; i++) {
            if (buffer.get(i) == first && startsWith(buffer, i, end, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(ByteBuffer buffer, int at, int end, byte[] prefix) {
        if (end - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buffer.get(at + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
