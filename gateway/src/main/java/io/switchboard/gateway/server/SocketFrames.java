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
 * Frames written straight to the connection's socket, a batch in one gathering write: each frame's header in direct
 * memory of the I/O thread, its payload the frame's own bytes (direct memory for a fan-out frame). A batch costs one
 * system call and no object per frame but the payload's view, where Undertow builds a frame channel, a header and
 * their listeners for every frame.
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
    /** Frames per system call: two buffers each, within Linux's limit of 1 024 buffers per gathering write. */
    static final int FRAMES_PER_WRITE = 512;

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
            for (int from = 0; from < frames.size(); from += FRAMES_PER_WRITE) {
                int count = Math.min(FRAMES_PER_WRITE, frames.size() - from);
                gather.set(frames, from, count);
                if (!gather.writeTo(socket)) {
                    queue(copy(gather, frames, from + count), written);
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
     * The buffers of one gathering write, reused by each I/O thread: a header slot in direct memory per frame, then
     * the frame's payload.
     */
    private static final class Gather {
        private final ByteBuffer[] headers = new ByteBuffer[FRAMES_PER_WRITE];
        private final ByteBuffer[] buffers = new ByteBuffer[2 * FRAMES_PER_WRITE];
        /** Buffers in use, and the first of them not yet written. */
        private int length;

        private int offset;
        private long remaining;

        Gather() {
            ByteBuffer block = ByteBuffer.allocateDirect(FRAMES_PER_WRITE * FrameHeader.MAX_BYTES);
            for (int i = 0; i < FRAMES_PER_WRITE; i++) {
                headers[i] = block.slice(i * FrameHeader.MAX_BYTES, FrameHeader.MAX_BYTES);
            }
        }

        void set(List<Frame> frames, int from, int count) {
            clear();
            for (int i = 0; i < count; i++) {
                Frame frame = frames.get(from + i);
                ByteBuffer header = headers[i].clear();
                FrameHeader.put(header, first(frame), frame.size());
                buffers[2 * i] = header.flip();
                buffers[2 * i + 1] = frame.payload();
                remaining += header.remaining() + frame.size();
            }
            length = 2 * count;
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
            length = 0;
            offset = 0;
            remaining = 0;
        }
    }
}
