package io.switchboard.gateway.server;

import io.switchboard.gateway.protocol.Frame;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

/**
 * Frames written straight to the connection's socket, a batch in one system call: headers and small payloads copied
 * into direct memory of the I/O thread, larger payloads written from where they are (a gathering write). A batch
 * costs no object per frame, where Undertow builds a frame channel, a header, a view of the payload and their
 * listeners for every frame.
 *
 * <p>Undertow still reads, and writes the close frames. So that bytes of ours never interleave with its frames, the
 * socket is written directly only while Undertow holds nothing of ours: whatever the socket does not take at once is
 * copied and queued to Undertow as whole frames ({@link DirectHeaderChannel#queueWholeFrames}), and what follows
 * queues behind it until Undertow has written it. A close frame, queued to Undertow, then follows everything written
 * before it. A connection that keeps up never gets there.
 *
 * <p>On the connection's I/O thread only.
 */
final class SocketFrames implements FrameWrites {
    /** Payloads up to this size are copied next to their headers; larger ones are written from where they are. */
    static final int COPIED_PAYLOAD_MAX = 2048;
    /** Each I/O thread's direct memory for headers and copied payloads: what one system call writes at most. */
    static final int SCRATCH_BYTES = 64 * 1024;
    /** Linux takes at most 1 024 buffers per gathering write. */
    private static final int MAX_BUFFERS = 1024;

    private static final ThreadLocal<Gather> GATHER = ThreadLocal.withInitial(Gather::new);

    private final DirectHeaderChannel channel;
    private final StreamSinkChannel socket;
    /** Bytes handed to Undertow whose writing it has not reported yet. */
    private int queuedInUndertow;

    SocketFrames(DirectHeaderChannel channel) {
        this.channel = channel;
        this.socket = channel.socket();
    }

    @Override
    public boolean write(List<Frame> frames, WebSocketCallback<Void> written) throws IOException {
        if (queuedInUndertow > 0) {
            queue(copy(null, frames, 0), written);
            return false;
        }
        Gather gather = GATHER.get();
        try {
            int from = 0;
            while (from < frames.size()) {
                from += gather.set(frames, from);
                if (!gather.writeTo(socket)) {
                    queue(copy(gather, frames, from), written);
                    return false;
                }
            }
        } finally {
            gather.clear();
        }
        flushed();
        return true;
    }

    @Override
    public void control(byte opcode, ByteBuffer payload) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(FrameHeader.size(payload.remaining()) + payload.remaining());
        FrameHeader.put(frame, (byte) (FrameHeader.FIN | opcode), payload.remaining());
        frame.put(payload).flip();
        if (queuedInUndertow == 0) {
            while (frame.hasRemaining() && socket.write(frame) > 0) {
                // the socket takes a control frame whole unless its buffer is full
            }
            if (!frame.hasRemaining()) {
                flushed();
                return;
            }
        }
        queue(frame, null);
    }

    /** A socket below a buffering conduit may hold bytes back: Undertow's write listener finishes the flush then. */
    private void flushed() throws IOException {
        if (!socket.flush()) {
            socket.resumeWrites();
        }
    }

    private void queue(ByteBuffer frames, WebSocketCallback<Void> written) {
        queuedInUndertow++;
        channel.queueWholeFrames(frames, new QueuedWritten(written));
    }

    /** What the gather left unwritten, then every frame from {@code from} on, as the bytes of whole frames. */
    private static ByteBuffer copy(Gather unwritten, List<Frame> frames, int from) {
        long size = unwritten == null ? 0 : unwritten.remaining;
        for (int i = from; i < frames.size(); i++) {
            size += FrameHeader.size(frames.get(i).size()) + frames.get(i).size();
        }
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(size));
        if (unwritten != null) {
            unwritten.copyRestTo(bytes);
        }
        for (int i = from; i < frames.size(); i++) {
            Frame frame = frames.get(i);
            FrameHeader.put(bytes, first(frame), frame.size());
            bytes.put(frame.payload());
        }
        return bytes.flip();
    }

    private static byte first(Frame frame) {
        return (byte) (FrameHeader.FIN | (frame.isBinary() ? FrameHeader.BINARY : FrameHeader.TEXT));
    }

    /** Undertow wrote what was queued to it: the socket is ours again once nothing else waits there. */
    private final class QueuedWritten implements WebSocketCallback<Void> {
        private final WebSocketCallback<Void> written;

        QueuedWritten(WebSocketCallback<Void> written) {
            this.written = written;
        }

        @Override
        public void complete(WebSocketChannel channel, Void context) {
            queuedInUndertow--;
            if (written != null) {
                written.complete(channel, context);
            }
        }

        @Override
        public void onError(WebSocketChannel channel, Void context, Throwable error) {
            queuedInUndertow--;
            if (written != null) {
                written.onError(channel, context, error);
            } else {
                IoUtils.safeClose(channel);
            }
        }
    }

    /**
     * The buffers of one gathering write, reused by each I/O thread. Headers, and payloads up to {@link
     * #COPIED_PAYLOAD_MAX}, are copied one after another into the thread's direct scratch memory: a batch of small
     * frames becomes one buffer, with no object per frame. A larger payload is written from where it is, between the
     * runs of copied bytes.
     */
    private static final class Gather {
        private final ByteBuffer scratch = ByteBuffer.allocateDirect(SCRATCH_BYTES);
        private final ByteBuffer[] buffers = new ByteBuffer[MAX_BUFFERS];
        /** Buffers in use, and the first of them not yet written. */
        private int length;

        private int offset;
        private long remaining;
        /** Where the copied bytes not yet in {@link #buffers} start in the scratch. */
        private int runStart;

        /** Takes the frames from {@code from} on that fit (always one at least). @return how many it took */
        int set(List<Frame> frames, int from) {
            clear();
            int next = from;
            while (next < frames.size()) {
                Frame frame = frames.get(next);
                int size = frame.size();
                boolean copied = size <= COPIED_PAYLOAD_MAX;
                int bytes = FrameHeader.size(size) + (copied ? size : 0);
                // a frame adds at most two buffers (the run before it and its payload), and the last run one more
                if (bytes > scratch.remaining() || length + 3 > MAX_BUFFERS) {
                    break;
                }
                FrameHeader.put(scratch, first(frame), size);
                if (copied) {
                    frame.copyTo(scratch);
                } else {
                    endRun();
                    buffers[length++] = frame.payload();
                    remaining += size;
                }
                next++;
            }
            if (length == 0) {
                buffers[length++] = scratch.flip(); // the common case: one run, the scratch itself
                remaining = scratch.remaining();
            } else {
                endRun();
            }
            return next - from;
        }

        private void endRun() {
            int end = scratch.position();
            if (end > runStart) {
                buffers[length++] = scratch.slice(runStart, end - runStart);
                remaining += end - runStart;
                runStart = end;
            }
        }

        /** @return whether the socket took every byte; false when it would take no more for now */
        boolean writeTo(StreamSinkChannel socket) throws IOException {
            while (remaining > 0) {
                long written = socket.write(buffers, offset, length - offset);
                if (written <= 0) {
                    return false;
                }
                remaining -= written;
                while (offset < length && !buffers[offset].hasRemaining()) {
                    offset++;
                }
            }
            return true;
        }

        void copyRestTo(ByteBuffer target) {
            for (int i = offset; i < length; i++) {
                target.put(buffers[i]);
            }
        }

        /** Lets go of the payloads. */
        void clear() {
            Arrays.fill(buffers, 0, length, null);
            scratch.clear();
            length = 0;
            offset = 0;
            remaining = 0;
            runStart = 0;
        }
    }
}
