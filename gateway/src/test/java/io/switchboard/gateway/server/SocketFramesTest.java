package io.switchboard.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.gateway.RawWebSocket;
import io.switchboard.gateway.protocol.Frame;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xnio.Options;

/**
 * {@link SocketFrames} on real sockets: a {@link RawWebSocket} client reads exactly the bytes written, frame by frame,
 * whether the socket took them at once or Undertow queued what it did not.
 */
class SocketFramesTest {
    private static final int PING = 0x9;

    private final CompletableFuture<DirectHeaderChannel> connected = new CompletableFuture<>();
    private Undertow server;
    private int port;
    private RawWebSocket client;

    @BeforeEach
    void start() {
        WebSocketProtocolHandshakeHandler upgrade = new WebSocketProtocolHandshakeHandler(
                List.of(new DirectHeaderHandshake(Set.of())),
                (WebSocketConnectionCallback) (exchange, channel) -> connected.complete((DirectHeaderChannel) channel));
        server = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setIoThreads(1)
                // a fixed send buffer: with the kernel's autotuning it could grow to take what Undertow holds while the
                // client reads nothing, and a stalled socket would not stay stalled (seen under load)
                .setSocketOption(Options.SEND_BUFFER, 256 * 1024)
                .setHandler(Handlers.path().addExactPath("/ws", upgrade))
                .build();
        server.start();
        port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        server.stop();
    }

    @Test
    void writesABatchAtOnceInOrder() throws Exception {
        client = RawWebSocket.connect(port, 1024 * 1024);
        DirectHeaderChannel channel = connected.get(5, TimeUnit.SECONDS);
        SocketFrames writes = onIoThread(channel, () -> new SocketFrames(channel));
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            byte[] payload = ("frame " + i).getBytes(StandardCharsets.UTF_8);
            frames.add(i % 3 == 0 ? Frame.binary(payload) : Frame.text(payload));
        }

        boolean atOnce = onIoThread(channel, () -> writes.write(frames, null));

        assertThat(atOnce)
                .as("a socket with room takes the whole batch at once")
                .isTrue();
        for (Frame frame : frames) {
            assertReads(frame);
        }
    }

    @Test
    void writesABatchLargerThanOneSystemCallTakesWithLargePayloadsBetweenSmallOnesInOrder() throws Exception {
        client = RawWebSocket.connect(port, 1024 * 1024);
        DirectHeaderChannel channel = connected.get(5, TimeUnit.SECONDS);
        SocketFrames writes = onIoThread(channel, () -> new SocketFrames(channel));
        List<Frame> frames = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; bytes < 3L * SocketFrames.SCRATCH_BYTES; i++) {
            byte[] payload = i % 50 == 7
                    ? filled(SocketFrames.COPIED_PAYLOAD_MAX + 1 + i)
                    : ("frame " + i).repeat(1 + i % 40).getBytes(StandardCharsets.UTF_8);
            frames.add(i % 3 == 0 ? Frame.binary(payload) : Frame.text(payload));
            bytes += payload.length;
        }
        frames.add(Frame.text(filled(SocketFrames.COPIED_PAYLOAD_MAX)));

        onIoThread(channel, () -> writes.write(frames, null));

        for (Frame frame : frames) {
            assertReads(frame);
        }
    }

    @Test
    void writesEveryHeaderLengthOfRfc6455() throws Exception {
        client = RawWebSocket.connect(port, 1024 * 1024);
        DirectHeaderChannel channel = connected.get(5, TimeUnit.SECONDS);
        SocketFrames writes = onIoThread(channel, () -> new SocketFrames(channel));
        List<Frame> frames = List.of(
                Frame.text(new byte[0]),
                Frame.text(filled(125)),
                Frame.binary(filled(126)),
                Frame.text(filled(0xFFFF)),
                Frame.binary(filled(0x10000)),
                Frame.text(filled(300_000)));

        onIoThread(channel, () -> writes.write(frames, null));

        for (Frame frame : frames) {
            assertReads(frame);
        }
    }

    @Test
    void whatTheSocketDoesNotTakeLeavesInOrderWithLaterFramesPingsAndTheCloseFrame() throws Exception {
        client = RawWebSocket.connect(port, 4096);
        DirectHeaderChannel channel = connected.get(5, TimeUnit.SECONDS);
        SocketFrames writes = onIoThread(channel, () -> new SocketFrames(channel));
        AtomicInteger written = new AtomicInteger();
        WebSocketCallback<Void> counted = new WebSocketCallback<>() {
            @Override
            public void complete(WebSocketChannel channel, Void context) {
                written.incrementAndGet();
            }

            @Override
            public void onError(WebSocketChannel channel, Void context, Throwable throwable) {
                throw new AssertionError(throwable);
            }
        };
        List<Object> sent = new ArrayList<>();
        int batches = 0;
        int queuedBatches = 0;
        int read = 0;
        // the client reads nothing: batches of 64 KiB go until the socket takes no more and Undertow holds the rest;
        // then a ping and more batches, which queue behind it
        while (queuedBatches < 6) {
            List<Frame> batch = batch(batches++);
            sent.addAll(batch);
            if (onIoThread(channel, () -> writes.write(batch, counted))) {
                continue;
            }
            if (queuedBatches++ == 0) {
                byte[] ping = {1, 2, 3};
                onIoThread(channel, () -> {
                    writes.control(FrameHeader.PING, ByteBuffer.wrap(ping));
                    return null;
                });
                sent.add(ping);
                // room in the socket again while Undertow still holds bytes (its I/O thread is held until the client
                // has read): the next batch must queue behind those bytes, not overtake them
                List<Frame> next = batch(batches++);
                sent.addAll(next);
                CountDownLatch room = new CountDownLatch(1);
                CompletableFuture<Boolean> nextWritten = onIoThreadLater(channel, () -> {
                    room.await();
                    return writes.write(next, counted);
                });
                for (int i = 0; i < 8; i++) {
                    assertReads(sent.get(read++));
                }
                room.countDown();
                assertThat(nextWritten.get(10, TimeUnit.SECONDS)).isFalse();
                queuedBatches++;
            }
        }
        int waitingBatches = queuedBatches - written.get();
        onIoThread(channel, () -> {
            WebSockets.sendClose(4321, "done", channel, null);
            return null;
        });

        while (read < sent.size()) {
            assertReads(sent.get(read++));
        }
        RawWebSocket.Frame close = client.readFrame();
        assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
        assertThat(close.closeCode()).isEqualTo(4321);
        assertThat(waitingBatches)
                .as("batches Undertow held when the client started reading")
                .isPositive();
        int queued = queuedBatches;
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(written.get())
                .as("every batch Undertow held is reported written")
                .isEqualTo(queued));
    }

    /** Reads the next frame: this data frame, or a ping with these payload bytes. */
    private void assertReads(Object expected) throws Exception {
        if (expected instanceof byte[] ping) {
            RawWebSocket.Frame frame = client.readFrame();
            assertThat(frame.opcode()).isEqualTo(PING);
            assertThat(frame.payload()).isEqualTo(ping);
        } else {
            assertReads((Frame) expected);
        }
    }

    private void assertReads(Frame expected) throws Exception {
        RawWebSocket.Frame frame = client.readFrame();
        assertThat(frame.opcode()).isEqualTo(expected.isBinary() ? RawWebSocket.BINARY : RawWebSocket.TEXT);
        byte[] payload = new byte[expected.size()];
        expected.payload().get(payload);
        assertThat(Arrays.equals(frame.payload(), payload))
                .as("payload of %s", expected)
                .isTrue();
    }

    private static byte[] filled(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }

    /** Four text frames of 16 KiB. */
    private static List<Frame> batch(int number) {
        List<Frame> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            batch.add(Frame.text(
                    ("batch " + number + " frame " + i + " ").repeat(800).getBytes(StandardCharsets.UTF_8)));
        }
        return batch;
    }

    private static <T> T onIoThread(WebSocketChannel channel, Callable<T> task) throws Exception {
        return onIoThreadLater(channel, task).get(10, TimeUnit.SECONDS);
    }

    private static <T> CompletableFuture<T> onIoThreadLater(WebSocketChannel channel, Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        channel.getIoThread().execute(() -> {
            try {
                result.complete(task.call());
            } catch (Exception | AssertionError e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
