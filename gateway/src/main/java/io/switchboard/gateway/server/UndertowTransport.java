package io.switchboard.gateway.server;

import io.switchboard.gateway.config.HeartbeatConfig;
import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.protocol.CloseReason;
import io.switchboard.gateway.protocol.Frame;
import io.switchboard.gateway.session.OutboundQueue;
import io.switchboard.gateway.session.Transport;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Writes a session's frames to its Undertow channel, on the channel's I/O thread, a batch in one gathering write
 * ({@link FrameWrites}: straight to the socket, or through Undertow when an extension transforms frames). Batches are
 * taken in the I/O thread's writing rounds ({@link WriteRounds}); the next batch is due once the last frame of this one
 * has been written, so at most one batch is in flight. Pings and the
 * pongs answering the peer's go the same way, in order with the batches; close frames go through Undertow, behind
 * everything written before them.
 *
 * <p>Heartbeats use two XNIO timers of the I/O thread, apart from the one {@link #schedule} slot: one pings at the
 * interval (the payload is the send time, {@link System#nanoTime()}, which the pong echoes: its round trip is
 * recorded), the other fires when the peer could have been silent for the whole timeout, and closes with 4010 if it
 * was, or sets itself for the rest of the timeout. Receiving costs one volatile write, never a timer change.
 */
final class UndertowTransport implements Transport, WriteRounds.Turn {
    private static final Logger LOG = LoggerFactory.getLogger(UndertowTransport.class);
    /** How long the peer has to answer our close frame, once written, before the socket is closed. */
    private static final Duration CLOSE_LINGER = Duration.ofSeconds(1);

    /** Pongs answering pings older than this are not round trips worth recording (nor forged ones). */
    private static final long MAX_RTT_NANOS = Duration.ofHours(1).toNanos();

    private final WebSocketChannel channel;
    private final OutboundQueue queue;
    private final Duration closeTimeout;
    private final GatewayMetrics metrics;
    private final WriteHook hook;
    private final FrameWrites writes;
    /** The writing rounds of the channel's I/O thread, where this connection's turns are taken. */
    private final WriteRounds.Round round;
    /** When a frame (or any bytes) last arrived from the peer. */
    private volatile long lastHeardNanos = System.nanoTime();

    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile int closeCode = CloseReason.ABNORMAL_CLOSURE;
    private volatile XnioExecutor.Key hardClose;
    private volatile XnioExecutor.Key linger;
    private volatile XnioExecutor.Key heartbeat;
    private volatile XnioExecutor.Key silenceWatch;
    /** The one task of {@link #schedule}; guarded by this. */
    private XnioExecutor.Key scheduled;
    /** Guarded by this. */
    private boolean ended;

    /**
     * @param queue the session's outbound queue, which this transport writes and empties ahead of a close frame
     * @param hook runs before each batch ({@link WriteHook#NONE} outside tests)
     */
    UndertowTransport(
            WebSocketChannel channel,
            OutboundQueue queue,
            Duration closeTimeout,
            GatewayMetrics metrics,
            WriteHook hook,
            WriteRounds.Round round) {
        this.channel = channel;
        this.queue = queue;
        this.closeTimeout = closeTimeout;
        this.metrics = metrics;
        this.hook = hook;
        this.round = round;
        this.writes = channel instanceof DirectHeaderChannel direct && direct.takesWholeFrames()
                ? new SocketFrames(direct)
                : new UndertowFrames(channel);
    }

    @Override
    public void startWriting(OutboundQueue queue) {
        round.add(this);
    }

    /** This connection's turn in a writing round: the next batch, if any. On the I/O thread. */
    @Override
    public void writeTurn() {
        List<Frame> batch = queue.takeBatch();
        if (batch.isEmpty()) {
            return;
        }
        metrics.outboundBatchTaken(batch.size());
        if (!channel.isOpen() || channel.isCloseFrameSent() || channel.isCloseFrameReceived()) {
            queue.close();
            return;
        }
        hook.beforeBatch(batch.size());
        BatchWritten written = new BatchWritten(batch);
        if (write(batch, written)) {
            written.complete(channel, null);
        }
    }

    /** @return whether the socket took the frames at once; else {@code written} is told (null: nobody waits) */
    private boolean write(List<Frame> frames, WebSocketCallback<Void> written) {
        try {
            return writes.write(frames, written);
        } catch (IOException e) {
            writeFailed(e);
            return false;
        }
    }

    private void writeFailed(IOException error) {
        LOG.debug("write failed on {}: {}", channel.getSourceAddress(), error.toString());
        queue.close();
        IoUtils.safeClose(channel);
    }

    /**
     * The frames still queued go out first (Undertow keeps the order: they follow any batch in flight), then the
     * close frame; a queue that overflowed has none left.
     */
    @Override
    public void close(CloseReason reason) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        channel.getIoThread().execute(() -> {
            closeCode = reason.code();
            List<Frame> rest = queue.closeAndTakeRest();
            if (channel.isOpen() && !channel.isCloseFrameSent()) {
                if (!rest.isEmpty() && !channel.isCloseFrameReceived()) {
                    write(rest, null);
                }
                WebSockets.sendClose(reason.code(), reason.description(), channel, new CloseWritten());
            }
            hardClose = scheduleClose(closeTimeout);
        });
    }

    /**
     * Pings at the heartbeat interval and closes with 4010 after the heartbeat timeout without anything from the
     * peer, until the channel closes; a zero interval sends no pings, a zero timeout never closes.
     */
    void startHeartbeat(HeartbeatConfig config) {
        lastHeardNanos = System.nanoTime();
        if (!config.interval().isZero()) {
            heartbeat = channel.getIoThread()
                    .executeAtInterval(this::ping, config.interval().toMillis(), TimeUnit.MILLISECONDS);
        }
        if (!config.timeout().isZero()) {
            long timeoutNanos = config.timeout().toNanos();
            watchSilence(timeoutNanos, timeoutNanos);
        }
    }

    private void ping() {
        control(FrameHeader.PING, ByteBuffer.allocate(Long.BYTES).putLong(0, System.nanoTime()));
    }

    /** The peer pinged: the pong echoes its payload, in order with the frames written before it. */
    void pinged(ByteBuffer[] payload) {
        int size = 0;
        for (ByteBuffer buffer : payload) {
            size += buffer.remaining();
        }
        ByteBuffer echo = ByteBuffer.allocate(size);
        for (ByteBuffer buffer : payload) {
            echo.put(buffer);
        }
        control(FrameHeader.PONG, echo.flip());
    }

    private void control(byte opcode, ByteBuffer payload) {
        if (!channel.isOpen() || channel.isCloseFrameSent() || channel.isCloseFrameReceived()) {
            return;
        }
        try {
            writes.control(opcode, payload);
        } catch (IOException e) {
            writeFailed(e);
        }
    }

    /** Something arrived from the peer: a frame of any kind, or part of one. */
    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    /** A pong arrived: when it echoes one of our pings, its round trip is recorded. */
    void pong(ByteBuffer[] payload) {
        long now = System.nanoTime();
        long remaining = 0;
        for (ByteBuffer buffer : payload) {
            remaining += buffer.remaining();
        }
        if (remaining != Long.BYTES) {
            return; // an unsolicited pong (a client-side heartbeat), or not ours
        }
        ByteBuffer echoed = ByteBuffer.allocate(Long.BYTES);
        for (ByteBuffer buffer : payload) {
            echoed.put(buffer.duplicate());
        }
        long roundTrip = now - echoed.getLong(0);
        if (roundTrip >= 0 && roundTrip <= MAX_RTT_NANOS) {
            metrics.heartbeatAnswered(roundTrip);
        }
    }

    private void watchSilence(long timeoutNanos, long delayNanos) {
        silenceWatch = channel.getIoThread()
                .executeAfter(() -> checkSilence(timeoutNanos), ceilMillis(delayNanos), TimeUnit.MILLISECONDS);
    }

    private void checkSilence(long timeoutNanos) {
        if (!channel.isOpen() || closing.get()) {
            return;
        }
        long silentNanos = System.nanoTime() - lastHeardNanos;
        if (silentNanos >= timeoutNanos) {
            LOG.info(
                    "heartbeat-timeout: closing {} with 4010, nothing received for {} ms",
                    channel.getSourceAddress(),
                    silentNanos / 1_000_000);
            close(CloseReason.HEARTBEAT_TIMEOUT);
            return;
        }
        watchSilence(timeoutNanos, timeoutNanos - silentNanos);
    }

    /** Rounded up: a timer that fires a little early would only have to set itself again. */
    private static long ceilMillis(long nanos) {
        return Math.max(1, (nanos + 999_999) / 1_000_000);
    }

    @Override
    public synchronized void schedule(Runnable task, Duration delay) {
        if (ended) {
            return;
        }
        cancel(scheduled);
        scheduled = channel.getIoThread().executeAfter(task, ceilMillis(delay.toNanos()), TimeUnit.MILLISECONDS);
    }

    @Override
    public void runBlocking(Runnable task) {
        try {
            channel.getWorker().execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("blocking task refused on {}: the server is stopping", channel.getSourceAddress());
        }
    }

    /** The peer sent a close frame with this code (kept only if the gateway did not close first). */
    void peerClosed(int code) {
        if (closing.compareAndSet(false, true)) {
            closeCode = code;
        }
    }

    /**
     * Reading failed. When Undertow already answered with a close frame (1009, 1007), give it the close timeout to
     * leave before closing the socket; otherwise close now.
     */
    void readFailed(Throwable error) {
        LOG.debug("read failed on {}: {}", channel.getSourceAddress(), error.toString());
        if (channel.isCloseFrameSent()) {
            if (closing.compareAndSet(false, true)) {
                closeCode = channel.getCloseCode();
            }
            if (hardClose == null) {
                hardClose = scheduleClose(closeTimeout);
            }
        } else {
            IoUtils.safeClose(channel);
        }
    }

    /** The close code to report: the gateway's, else the peer's, else 1006 (no close frame). */
    int closeCode() {
        return closeCode;
    }

    /** Called once the channel is closed. */
    void closed() {
        cancel(hardClose);
        cancel(linger);
        cancel(heartbeat);
        cancel(silenceWatch);
        synchronized (this) {
            ended = true;
            cancel(scheduled);
        }
    }

    private XnioExecutor.Key scheduleClose(Duration delay) {
        return channel.getIoThread()
                .executeAfter(() -> IoUtils.safeClose(channel), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void cancel(XnioExecutor.Key key) {
        if (key != null) {
            key.remove();
        }
    }

    /**
     * Our close frame is out: the peer normally answers at once and Undertow then closes. It may never read that
     * answer, though: after a backlog (a slow consumer) Undertow leaves reads suspended once its last frame is sent.
     * So the socket is closed after a short linger either way.
     */
    private final class CloseWritten implements WebSocketCallback<Void> {
        @Override
        public void complete(WebSocketChannel channel, Void context) {
            linger = scheduleClose(closeTimeout.compareTo(CLOSE_LINGER) < 0 ? closeTimeout : CLOSE_LINGER);
        }

        @Override
        public void onError(WebSocketChannel channel, Void context, Throwable error) {
            IoUtils.safeClose(channel);
        }
    }

    /**
     * Starts the next batch once the last frame of this one is written, and records the delivery latency of the live
     * {@code message} frames in it.
     */
    private final class BatchWritten implements WebSocketCallback<Void> {
        private final List<Frame> batch;

        BatchWritten(List<Frame> batch) {
            this.batch = batch;
        }

        @Override
        public void complete(WebSocketChannel channel, Void context) {
            boolean more = queue.batchWritten();
            for (int i = 0; i < batch.size(); i++) {
                long eventTime = batch.get(i).eventTimeMillis();
                if (eventTime != Frame.NO_EVENT_TIME) {
                    metrics.messageWritten(eventTime);
                }
            }
            if (more) {
                round.add(UndertowTransport.this); // frames came in meanwhile: they leave in the next round
            }
        }

        @Override
        public void onError(WebSocketChannel channel, Void context, Throwable error) {
            writeFailed(error instanceof IOException e ? e : new IOException(error));
        }
    }
}
