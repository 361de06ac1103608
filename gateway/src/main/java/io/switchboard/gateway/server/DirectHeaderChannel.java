package io.switchboard.gateway.server;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.protocol.framed.SendFrameHeader;
import io.undertow.websockets.core.StreamSinkFrameChannel;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSocketFrameType;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.core.protocol.version07.WebSocket07Channel;
import io.undertow.websockets.core.protocol.version07.WebSocket07FrameSinkChannel;
import io.undertow.websockets.core.protocol.version13.WebSocket13Channel;
import io.undertow.websockets.extensions.ExtensionFunction;
import java.nio.ByteBuffer;
import java.util.Set;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;
import org.xnio.channels.StreamSinkChannel;

/**
 * Undertow's RFC 6455 server channel, with two additions for the frames the gateway writes by the hundred thousand a
 * second. Where no extension transforms frames, {@link SocketFrames} writes them to the socket itself, and this
 * channel queues what the socket did not take as whole frames behind Undertow's own ({@link #queueWholeFrames}).
 * Where one does (permessage-deflate), the headers of text and binary frames are built in direct memory ({@link
 * DirectFrameHeaders}) rather than in a new heap buffer each; their bytes are those Undertow writes (FIN, RSV from the
 * extensions, opcode, length; a server never masks). Control frames are Undertow's own.
 */
final class DirectHeaderChannel extends WebSocket13Channel {
    DirectHeaderChannel(
            StreamConnection channel,
            ByteBufferPool bufferPool,
            String wsUrl,
            String subProtocol,
            boolean allowExtensions,
            ExtensionFunction extensionFunction,
            Set<WebSocketChannel> openConnections,
            OptionMap options) {
        super(
                channel,
                bufferPool,
                wsUrl,
                subProtocol,
                false,
                allowExtensions,
                extensionFunction,
                openConnections,
                options);
    }

    /** Set while {@link #queueWholeFrames} opens its sink; I/O thread only. */
    private boolean wholeFramesNext;

    /**
     * Whether bytes may be written to this connection as whole frames built by the gateway ({@link SocketFrames}): no
     * extension was negotiated that would transform them.
     */
    boolean takesWholeFrames() {
        return !areExtensionsSupported();
    }

    /** The connection's socket, below Undertow's framing. Written only when Undertow holds nothing to send. */
    StreamSinkChannel socket() {
        return getUnderlyingConnection().getSinkChannel();
    }

    /**
     * Queues bytes that are complete frames already, headers included, behind every frame Undertow holds: Undertow
     * writes them as they are, in order with its own frames, as the socket takes them. On the I/O thread.
     */
    void queueWholeFrames(ByteBuffer frames, WebSocketCallback<Void> written) {
        wholeFramesNext = true;
        try {
            WebSockets.sendBinary(frames, this, written);
        } finally {
            wholeFramesNext = false;
        }
    }

    @Override
    protected StreamSinkFrameChannel createStreamSinkChannel(WebSocketFrameType type) {
        if (wholeFramesNext && type == WebSocketFrameType.BINARY) {
            return new WholeFrames(this);
        }
        return switch (type) {
            case TEXT -> new Sink(this, type, FrameHeader.TEXT);
            case BINARY -> new Sink(this, type, FrameHeader.BINARY);
            default -> super.createStreamSinkChannel(type);
        };
    }

    /** Bytes that are complete frames already: written without a header of their own, nor any transform. */
    private static final class WholeFrames extends WebSocket07FrameSinkChannel {
        WholeFrames(WebSocket07Channel channel) {
            super(channel, WebSocketFrameType.BINARY);
        }

        @Override
        protected SendFrameHeader createFrameHeader() {
            return new SendFrameHeader(0, null);
        }
    }

    /** A text or binary frame, whole or a fragment, with its header in direct memory. */
    private static final class Sink extends WebSocket07FrameSinkChannel {
        private final byte opcode;
        /** Set once a fragment of this message was written: the next ones are continuations, as in Undertow. */
        private volatile boolean continued;

        Sink(WebSocket07Channel channel, WebSocketFrameType type, byte opcode) {
            super(channel, type);
            this.opcode = opcode;
        }

        @Override
        public boolean isFragmentationSupported() {
            return true;
        }

        @Override
        public boolean areExtensionsSupported() {
            return true;
        }

        @Override
        protected void handleFlushComplete(boolean finalFrame) {
            super.handleFlushComplete(finalFrame);
            continued = true;
        }

        @Override
        protected SendFrameHeader createFrameHeader() {
            PooledByteBuffer pooled = DirectFrameHeaders.allocate();
            ByteBuffer header = pooled.getBuffer();
            byte first = continued ? FrameHeader.CONTINUATION : (byte) (((getRsv() & 7) << 4) | opcode);
            if (isFinalFrameQueued()) {
                first |= FrameHeader.FIN;
            }
            FrameHeader.put(header, first, getBuffer().remaining());
            header.flip();
            return new SendFrameHeader(0, pooled);
        }
    }
}
