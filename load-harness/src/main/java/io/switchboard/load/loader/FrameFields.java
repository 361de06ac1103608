package io.switchboard.load.loader;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The few fields the scale loader reads from a server frame, in place: a message's channel kind and {@code offset},
 * a reply's {@code id}, a {@code subscribed} frame's {@code position} and {@code recovered}. Frames look like
 * {@code {"type":"message","channel":"user:u7","offset":57,"epoch":"…","data":{"t":…,"seq":…}}} and {@code
 * {"type":"subscribed","id":"r","channel":"…","position":{"offset":41,"epoch":"…"},"recovered":true}}.
 */
public final class FrameFields {
    private static final byte[] CHANNEL = ascii("\"channel\":\"");
    private static final byte[] PERSONAL = ascii("\"channel\":\"user:");
    private static final byte[] OFFSET = ascii("\"offset\":");
    private static final byte[] EPOCH = ascii("\"epoch\":\"");
    private static final byte[] ID = ascii("\"id\":\"");
    private static final byte[] NOT_RECOVERED = ascii("\"recovered\":false");

    private FrameFields() {}

    /** Whether the frame's channel is a personal channel {@code user:…}. */
    public static boolean personal(ByteBuffer buffer, int start, int end) {
        return MessageScan.indexOf(buffer, start, end, PERSONAL) >= 0;
    }

    /** The first {@code "offset":} of the frame (a message's own, or a {@code subscribed} frame's position). */
    public static long offset(ByteBuffer buffer, int start, int end) {
        int at = MessageScan.indexOf(buffer, start, end, OFFSET);
        return at < 0 ? MessageScan.NONE : MessageScan.number(buffer, at + OFFSET.length, end);
    }

    /** The {@code epoch} string, or null. */
    public static String epoch(ByteBuffer buffer, int start, int end) {
        return string(buffer, start, end, EPOCH);
    }

    /** The reply's {@code id}, or null. */
    public static String id(ByteBuffer buffer, int start, int end) {
        return string(buffer, start, end, ID);
    }

    /** The frame's {@code channel}, or null. */
    public static String channel(ByteBuffer buffer, int start, int end) {
        return string(buffer, start, end, CHANNEL);
    }

    /** Whether a {@code subscribed} frame says {@code "recovered":false}. */
    public static boolean notRecovered(ByteBuffer buffer, int start, int end) {
        return MessageScan.indexOf(buffer, start, end, NOT_RECOVERED) >= 0;
    }

    private static String string(ByteBuffer buffer, int start, int end, byte[] key) {
        int at = MessageScan.indexOf(buffer, start, end, key);
        if (at < 0) {
            return null;
        }
        int from = at + key.length;
        int to = from;
        while (to < end && buffer.get(to) != '"') {
            to++;
        }
        if (to >= end) {
            return null;
        }
        byte[] bytes = new byte[to - from];
        buffer.get(from, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
