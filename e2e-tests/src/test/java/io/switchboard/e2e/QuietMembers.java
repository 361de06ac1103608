package io.switchboard.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Many users on one channel for as long as a test needs them, at the cost of one socket each: a blocking RFC 6455
 * upgrade with {@code access_token=}, one masked {@code subscribe} frame, and nothing read after the upgrade (the
 * welcome and subscribed frames wait in the socket's buffer). Closing aborts every socket.
 */
final class QuietMembers implements AutoCloseable {
    private final List<SocketChannel> sockets = new ArrayList<>();

    /** Connects {@code users} to the gateway at {@code port}, each with its own token, subscribed to {@code channel}. */
    static QuietMembers join(int port, List<String> users, String channel) {
        QuietMembers members = new QuietMembers();
        try {
            for (String user : users) {
                members.sockets.add(connect(port, SwitchboardCluster.token(user, "viewer"), channel));
            }
        } catch (IOException e) {
            members.close();
            throw new UncheckedIOException("member " + members.sockets.size() + " could not join", e);
        }
        return members;
    }

    private static SocketChannel connect(int port, String token, String channel) throws IOException {
        SocketChannel socket = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        try {
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String request = "GET /ws?access_token=" + token + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n";
            write(socket, request.getBytes(StandardCharsets.US_ASCII));
            String status = readStatusLine(socket);
            if (!status.startsWith("HTTP/1.1 101")) {
                throw new IOException("upgrade refused: " + status);
            }
            write(socket, maskedText("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}"));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** The first line of the answer; what follows it (headers, frames) stays unread. */
    private static String readStatusLine(SocketChannel socket) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        StringBuilder line = new StringBuilder();
        while (line.length() < 200) {
            one.clear();
            if (socket.read(one) < 0) {
                throw new IOException("closed during the upgrade");
            }
            char c = (char) one.get(0);
            if (c == '\n') {
                return line.toString().trim();
            }
            line.append(c);
        }
        return line.toString();
    }

    private static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (payload.length > 125) {
            throw new IllegalArgumentException("a short frame only");
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        ByteBuffer frame = ByteBuffer.allocate(6 + payload.length);
        frame.put((byte) 0x81).put((byte) (0x80 | payload.length)).put(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ mask[i & 3]));
        }
        return frame.array();
    }

    private static void write(SocketChannel socket, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            socket.write(buffer);
        }
    }

    int size() {
        return sockets.size();
    }

    @Override
    public void close() {
        for (SocketChannel socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway: the gateway sees the connection end either way
            }
        }
        sockets.clear();
    }
}
