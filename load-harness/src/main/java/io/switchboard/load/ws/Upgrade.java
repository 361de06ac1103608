package io.switchboard.load.ws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client side of the HTTP upgrade (RFC 6455 §4.1): the request, and the check of the server's answer. Offers no
 * extension, so frames arrive uncompressed and can be scanned where they lie.
 */
public final class Upgrade {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final String key;
    private final byte[] request;

    private Upgrade(String key, byte[] request) {
        this.key = key;
        this.request = request;
    }

    /** An upgrade of {@code pathAndQuery} (e.g. {@code /ws}) on {@code hostAndPort}, with a fresh random key. */
    public static Upgrade to(String hostAndPort, String pathAndQuery) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: " + hostAndPort + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        return new Upgrade(key, request.getBytes(StandardCharsets.US_ASCII));
    }

    public byte[] request() {
        return request.clone();
    }

    /**
     * Null when {@code head} (the response up to its blank line) accepts this upgrade; otherwise why not, starting
     * with the HTTP status code (e.g. {@code "429 ..."}) so that refusals can be counted by status.
     */
    public String refusal(String head) {
        int firstSpace = head.indexOf(' ');
        String status = firstSpace < 0 || head.length() < firstSpace + 4
                ? "???"
                : head.substring(firstSpace + 1, firstSpace + 4);
        if (!status.equals("101")) {
            return status + " " + head.lines().findFirst().orElse("");
        }
        String expected = "sec-websocket-accept: " + accept(key).toLowerCase(Locale.ROOT);
        return head.toLowerCase(Locale.ROOT).contains(expected) ? null : "101 without the right Sec-WebSocket-Accept";
    }

    /** The index just past the blank line ending an HTTP head in {@code bytes[0, length)}, or -1. */
    public static int headEnd(byte[] bytes, int length) {
        for (int i = 3; i < length; i++) {
            if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /** The {@code Sec-WebSocket-Accept} value a server answers to {@code key}. */
    public static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
