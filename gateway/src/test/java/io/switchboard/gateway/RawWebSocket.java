package io.switchboard.gateway;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WebSocket client written by hand on a plain socket (RFC 6455 handshake and framing), for exact control: it can
 * stop reading, send one frame in pieces, or send bytes no library would.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)");

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
    }

    /**
     * Connects and upgrades.
     *
     * @param receiveBuffer the socket's receive buffer in bytes: small makes a client that stops reading stall the
     *     server quickly
     */
    public static RawWebSocket connect(int port, int receiveBuffer) throws IOException {
        return connect(port, receiveBuffer, "", Map.of());
    }

    /**
     * Connects and upgrades with a query string ({@code "?access_token=…"} or empty) and extra request headers
     * ({@code Authorization}, {@code Origin}; a {@code Host} given here replaces the default one).
     *
     * @throws IOException also when the upgrade is refused: {@link #answer} tells the status
     */
    public static RawWebSocket connect(int port, int receiveBuffer, String query, Map<String, String> headers)
            throws IOException {
        RawWebSocket ws = open(port, receiveBuffer);
        Answer answer = ws.handshake(port, query, headers);
        if (answer.status() != 101) {
            ws.close();
            throw new IOException("upgrade refused: " + answer);
        }
        return ws;
    }

    /** Sends an upgrade request and returns the server's answer (status, and the body of a refusal); then closes. */
    public static Answer answer(int port, String query, Map<String, String> headers) throws IOException {
        try (RawWebSocket ws = open(port, 64 * 1024)) {
            return ws.handshake(port, query, headers);
        }
    }

    private static RawWebSocket open(int port, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(15_000);
        return new RawWebSocket(socket);
    }

    private Answer handshake(int port, String query, Map<String, String> headers) throws IOException {
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", "127.0.0.1:" + port);
        all.put("Upgrade", "websocket");
        all.put("Connection", "Upgrade");
        all.put("Sec-WebSocket-Key", Base64.getEncoder().encodeToString(key));
        all.put("Sec-WebSocket-Version", "13");
        all.putAll(headers);
        StringBuilder request = new StringBuilder("GET /ws" + query + " HTTP/1.1\r\n");
        all.forEach(
                (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        StringBuilder response = new StringBuilder();
        while (!response.toString().endsWith("\r\n\r\n")) {
            response.append((char) in.readUnsignedByte());
        }
        int status = Integer.parseInt(response.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
        if (status == 101) {
            return new Answer(status, "");
        }
        Matcher length = CONTENT_LENGTH.matcher(response);
        byte[] body = new byte[length.find() ? Integer.parseInt(length.group(1)) : 0];
        in.readFully(body);
        return new Answer(status, new String(body, StandardCharsets.UTF_8));
    }

    public void sendText(byte[] payload) throws IOException {
        startFrame(TEXT, payload.length).write(payload);
    }

    /** Answers a close frame, as a well-behaved client does. */
    public void sendClose(int code) throws IOException {
        startFrame(CLOSE, 2).write(new byte[] {(byte) (code >>> 8), (byte) code});
    }

    /** Writes a frame header declaring {@code length} payload bytes; the payload follows through the writer. */
    MaskedWriter startFrame(int opcode, long length) throws IOException {
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        out.write(0x80 | opcode);
        if (length < 126) {
            out.write(0x80 | (int) length);
        } else if (length <= 0xFFFF) {
            out.write(0x80 | 126);
            out.write((int) (length >>> 8));
            out.write((int) length);
        } else {
            out.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift));
            }
        }
        out.write(mask);
        return new MaskedWriter(mask);
    }

    /** Reads the next frame from the server (unmasked, as servers send them). */
    public Frame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame(first & 0x0F, payload);
    }

    /** Reads frames until a close frame and returns it; counts the text frames skipped on the way. */
    public Frame readUntilClose(java.util.function.Consumer<Frame> skipped) throws IOException {
        while (true) {
            Frame frame = readFrame();
            if (frame.opcode() == CLOSE) {
                return frame;
            }
            skipped.accept(frame);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The server's answer to an upgrade request: 101, or a refusal's status and body. */
    public record Answer(int status, String body) {}

    public record Frame(int opcode, byte[] payload) {
        public int closeCode() {
            return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** Masks payload bytes as the client must, across any number of writes. */
    final class MaskedWriter {
        private final byte[] mask;
        private long written;

        private MaskedWriter(byte[] mask) {
            this.mask = mask;
        }

        void write(byte[] chunk) throws IOException {
            byte[] masked = new byte[chunk.length];
            for (int i = 0; i < chunk.length; i++) {
                masked[i] = (byte) (chunk[i] ^ mask[(int) ((written + i) & 3)]);
            }
            written += chunk.length;
            out.write(masked);
            out.flush();
        }
    }
}
