package io.switchboard.e2e.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/** The client side of an RFC 6455 upgrade and the one frame a benchmark client sends, on a blocking channel. */
final class Handshake {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private Handshake() {}

    /**
     * What the server agreed to, and the bytes it sent after its answer (frames already on their way).
     *
     * @param deflate whether permessage-deflate was negotiated
     * @param serverNoContextTakeover whether the server resets its compressor after each message
     */
    record Result(boolean deflate, boolean serverNoContextTakeover, ByteBuffer leftover) {}

    /**
     * Upgrades {@code channel} to WebSocket at {@code /ws<query>}, offering permessage-deflate when asked; fails when
     * the server answers anything but 101 with the right accept key, or when the extension outcome is not the one
     * asked for (offered and refused, or not offered and accepted).
     */
    static Result upgrade(SocketChannel channel, int port, String query, boolean offerDeflate) throws IOException {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String request = "GET /ws" + query + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + (offerDeflate ? "Sec-WebSocket-Extensions: permessage-deflate\r\n" : "")
                + "\r\n";
        write(channel, ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        int end;
        while ((end = headerEnd(in)) < 0) {
            if (channel.read(in) < 0) {
                throw new IOException("the server closed during the upgrade");
            }
        }
        String head = new String(in.array(), 0, end, StandardCharsets.ISO_8859_1);
        String lower = head.toLowerCase(Locale.ROOT);
        if (!head.startsWith("HTTP/1.1 101")
                || !lower.contains("sec-websocket-accept: " + accept(key).toLowerCase(Locale.ROOT))) {
            throw new IOException("upgrade refused: " + head);
        }
        boolean deflate = lower.contains("sec-websocket-extensions: permessage-deflate");
        if (deflate != offerDeflate) {
            throw new IOException("permessage-deflate " + (offerDeflate ? "refused" : "imposed") + ": " + head);
        }
        in.flip().position(end);
        ByteBuffer leftover = ByteBuffer.allocate(in.remaining()).put(in).flip();
        return new Result(deflate, lower.contains("server_no_context_takeover"), leftover);
    }

    /** Sends a masked {@code subscribe} text frame. */
    static void subscribe(SocketChannel channel, String name) throws IOException {
        byte[] payload =
                ("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        ByteBuffer frame = ByteBuffer.allocate(6 + payload.length);
        frame.put((byte) 0x81).put((byte) (0x80 | payload.length)).put(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ mask[i & 3]));
        }
        write(channel, frame.flip());
    }

    private static void write(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Index just past {@code \r\n\r\n} among the bytes read so far, or -1. */
    private static int headerEnd(ByteBuffer in) {
        byte[] bytes = in.array();
        for (int i = 3; i < in.position(); i++) {
            if (bytes[i - 3] == '\r' && bytes[i - 2] == '\n' && bytes[i - 1] == '\r' && bytes[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    private static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
