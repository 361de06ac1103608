package io.switchboard.e2e.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Many WebSocket clients on one selector thread: each upgrades ({@link Handshake}) and subscribes to the channel,
 * then only reads. Counts every byte read from the sockets (WebSocket framing included, TCP/IP headers not) and
 * every complete message, and notes when the last client completed each payload message; every {@code sampleEvery}-th
 * connection also decodes and checks each message ({@link SampleCheck}).
 */
final class WsClients implements AutoCloseable, WsConnection.Listener {
    /** Messages before the first payload: welcome and subscribed. */
    static final int CONTROL_MESSAGES = 2;

    private final List<WsConnection> connections;
    private final List<SampleCheck> samples;
    private final Selector selector;
    private final int[] completions;
    private final long[] completedAt;
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long bytes;
    private volatile long messages;
    private volatile long binaryPayloads;
    private volatile long compressedPayloads;

    private WsClients(List<WsConnection> connections, List<SampleCheck> samples, Selector selector, int payloads) {
        this.connections = connections;
        this.samples = samples;
        this.selector = selector;
        this.completions = new int[payloads];
        this.completedAt = new long[payloads];
        this.thread = new Thread(this::run, "bench-clients");
    }

    /** Opens {@code count} connections in {@code mode}, each subscribing to the benchmark's channel. */
    static WsClients connect(int port, Mode mode, int count, int sampleEvery, Payloads payloads) throws IOException {
        Selector selector = Selector.open();
        List<WsConnection> connections = new ArrayList<>(count);
        List<SampleCheck> samples = new ArrayList<>();
        List<ByteBuffer> leftovers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Handshake.Result upgrade = Handshake.upgrade(channel, port, mode.query(), mode.permessageDeflate);
            Handshake.subscribe(channel, DeliveryWriter.CHANNEL);
            SampleCheck check = null;
            if (i % sampleEvery == 0) {
                check = new SampleCheck(mode.expect, payloads, upgrade.deflate(), upgrade.serverNoContextTakeover());
                samples.add(check);
            }
            WsConnection connection = new WsConnection(i, channel, check);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, connection);
            connections.add(connection);
            leftovers.add(upgrade.leftover());
        }
        WsClients clients = new WsClients(connections, samples, selector, payloads.count());
        for (int i = 0; i < count; i++) {
            clients.read(connections.get(i), leftovers.get(i));
        }
        clients.thread.start();
        return clients;
    }

    int size() {
        return connections.size();
    }

    long bytes() {
        return bytes;
    }

    long binaryPayloads() {
        return binaryPayloads;
    }

    long compressedPayloads() {
        return compressedPayloads;
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** Payload messages the sample connections decoded to exactly what was sent. */
    int verifiedSamples() {
        return samples.stream().mapToInt(SampleCheck::verified).sum();
    }

    int sampleConnections() {
        return samples.size();
    }

    /** When the last client completed payload message {@code k} ({@code System.nanoTime()}), 0 if not yet. */
    long completedAt(int k) {
        return completedAt[k];
    }

    /**
     * Waits until every connection has {@code perConnection} messages (or more), a connection failed, or the time is
     * up; true when all arrived.
     */
    boolean await(int perConnection, Duration timeout) {
        long expected = (long) perConnection * connections.size();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages < expected && failures.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        return messages >= expected && failures.isEmpty();
    }

    /** Total messages received by all connections so far. */
    long messages() {
        return messages;
    }

    /** Connections with fewer or more than {@code perConnection} messages, as "index:count" (first ten). */
    List<String> unlike(int perConnection) {
        return connections.stream()
                .filter(c -> c.messages != perConnection)
                .limit(10)
                .map(c -> c.index + ":" + c.messages)
                .toList();
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
        while (running) {
            try {
                selector.select(100);
            } catch (IOException e) {
                failures.add("selector: " + e);
                return;
            }
            for (SelectionKey key : selector.selectedKeys()) {
                WsConnection connection = (WsConnection) key.attachment();
                buffer.clear();
                try {
                    if (connection.channel.read(buffer) < 0) {
                        failed(connection, "connection closed");
                        key.cancel();
                        continue;
                    }
                } catch (IOException e) {
                    failed(connection, e.toString());
                    key.cancel();
                    continue;
                }
                buffer.flip();
                read(connection, buffer);
            }
            selector.selectedKeys().clear();
        }
    }

    private void read(WsConnection connection, ByteBuffer buffer) {
        connection.bytesRead += buffer.remaining();
        bytes += buffer.remaining(); // one writer: this thread (or the constructing one before it starts)
        connection.consume(buffer, this);
    }

    @Override
    public void message(WsConnection connection, boolean binary, boolean compressed) {
        int k = connection.messages - CONTROL_MESSAGES - 1;
        if (k >= 0) {
            if (k < completions.length && ++completions[k] == connections.size()) {
                completedAt[k] = System.nanoTime();
            }
            binaryPayloads += binary ? 1 : 0;
            compressedPayloads += compressed ? 1 : 0;
        }
        messages++; // last: a reader that sees the count sees the arrays written before it
    }

    @Override
    public void failed(WsConnection connection, String reason) {
        failures.add("connection " + connection.index + ": " + reason);
    }

    @Override
    public void close() throws IOException {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (WsConnection connection : connections) {
            connection.channel.close();
        }
        selector.close();
    }
}
