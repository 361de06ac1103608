package io.switchboard.gateway.server;

import io.switchboard.gateway.protocol.CloseReason;
import io.switchboard.gateway.protocol.Frame;
import io.switchboard.gateway.session.OutboundQueue;
import io.switchboard.gateway.session.Transport;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
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
 * Writes a session's frames to its Undertow channel, on the channel's I/O thread. A batch is sent back to back with
 * explicit flushing switched on, then flushed once: Undertow gathers the queued frames into one write. The next
 * batch starts when the last frame of this one has been written, so at most one batch is in flight.
 */
final class UndertowTransport implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(UndertowTransport.class);
    /** How long the peer has to answer our close frame, once written, before the socket is closed. */
    private static final Duration CLOSE_LINGER = Duration.ofSeconds(1);

    private final WebSocketChannel channel;
    private final Duration closeTimeout;
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile int closeCode = CloseReason.ABNORMAL_CLOSURE;
    private volatile XnioExecutor.Key hardClose;
    private volatile XnioExecutor.Key linger;
    private volatile XnioExecutor.Key heartbeat;
    /** The one task of {@link #schedule}; guarded by this. */
    private XnioExecutor.Key scheduled;
    /** Guarded by this. */
    private boolean ended;

    UndertowTransport(WebSocketChannel channel, Duration closeTimeout) {
        this.channel = channel;
        this.closeTimeout = closeTimeout;
    }

    @Override
    public void startWriting(OutboundQueue queue) {
        channel.getIoThread().execute(() -> writeBatch(queue));
    }

    private void writeBatch(OutboundQueue queue) {
        List<Frame> batch = queue.takeBatch();
        if (batch.isEmpty()) {
            return;
        }
        if (!channel.isOpen() || channel.isCloseFrameSent()) {
            queue.close();
            return;
        }
        WebSocketCallback<Void> written = new BatchWritten(queue);
        channel.setRequireExplicitFlush(true);
        try {
            for (int i = 0; i < batch.size(); i++) {
                Frame frame = batch.get(i);
                WebSocketCallback<Void> callback = i == batch.size() - 1 ? written : null;
                if (frame.isBinary()) {
                    WebSockets.sendBinary(frame.payload(), channel, callback);
                } else {
                    WebSockets.sendText(frame.payload(), channel, callback);
                }
            }
        } finally {
            channel.setRequireExplicitFlush(false);
            channel.flush();
        }
    }

    @Override
    public void close(CloseReason reason) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        channel.getIoThread().execute(() -> {
            closeCode = reason.code();
            if (channel.isOpen() && !channel.isCloseFrameSent()) {
                WebSockets.sendClose(reason.code(), reason.description(), channel, new CloseWritten());
            }
            hardClose = scheduleClose(closeTimeout);
        });
    }

    /** Sends a WebSocket ping at this interval until the channel closes; zero sends none. */
    void startHeartbeat(Duration interval) {
        if (interval.isZero()) {
            return;
        }
        heartbeat = channel.getIoThread()
                .executeAtInterval(
                        () -> {
                            if (channel.isOpen() && !channel.isCloseFrameSent()) {
                                WebSockets.sendPing(ByteBuffer.allocate(0), channel, null);
                            }
                        },
                        interval.toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void schedule(Runnable task, Duration delay) {
        if (ended) {
            return;
        }
        cancel(scheduled);
        // rounded up: a task that runs a little early would only have to schedule itself again
        long millis = Math.max(1, (delay.toNanos() + 999_999) / 1_000_000);
        scheduled = channel.getIoThread().executeAfter(task, millis, TimeUnit.MILLISECONDS);
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

    /** Starts the next batch once the last frame of this one is written. */
    private final class BatchWritten implements WebSocketCallback<Void> {
        private final OutboundQueue queue;

        BatchWritten(OutboundQueue queue) {
            this.queue = queue;
        }

        @Override
        public void complete(WebSocketChannel channel, Void context) {
            channel.getIoThread().execute(() -> writeBatch(queue));
        }

        @Override
        public void onError(WebSocketChannel channel, Void context, Throwable error) {
            LOG.debug("write failed on {}: {}", channel.getSourceAddress(), error.toString());
            queue.close();
            IoUtils.safeClose(channel);
        }
    }
}
