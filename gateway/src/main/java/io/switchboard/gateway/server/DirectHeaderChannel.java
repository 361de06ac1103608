package io.switchboard.gateway.server;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.protocol.framed.SendFrameHeader;
import io.undertow.websockets.core.StreamSinkFrameChannel;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSocketFrameType;
import io.undertow.websockets.core.protocol.version07.WebSocket07Channel;
import io.undertow.websockets.core.protocol.version07.WebSocket07FrameSinkChannel;
import io.undertow.websockets.core.protocol.version13.WebSocket13Channel;
import io.undertow.websockets.extensions.ExtensionFunction;
import java.nio.ByteBuffer;
import java.util.Set;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;

/**
 * Undertow's RFC 6455 server channel, except that the headers of text and binary frames are built in direct memory
 * ({@link DirectFrameHeaders}) rather than in a new heap buffer each: the frames the gateway writes by the hundred
 * thousand a second. The header's bytes are those Undertow writes (FIN, RSV from the extensions, opcode, length; a
 * server never masks). Control frames are Undertow's own.
 */
final class DirectHeaderChannel extends WebSocket13Channel {
    private static final byte FIN = (byte) 0x80;
    private static final byte OPCODE_CONTINUATION = 0x0;
    private static final byte OPCODE_TEXT = 0x1;
    private static final byte OPCODE_BINARY = 0x2;

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

    @Override
    protected StreamSinkFrameChannel createStreamSinkChannel(WebSocketFrameType type) {
        return switch (type) {
            case TEXT -> new Sink(this, type, OPCODE_TEXT);
            case BINARY -> new Sink(this, type, OPCODE_BINARY);
            default -> super.createStreamSinkChannel(type);
        };
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
            byte first = continued ? OPCODE_CONTINUATION : (byte) (((getRsv() & 7) << 4) | opcode);
            if (isFinalFrameQueued()) {
                first |= FIN;
            }
            long length = getBuffer().remaining();
            header.put(first);
            if (length <= 125) {
                header.put((byte) length);
            } else if (length <= 0xFFFF) {
                header.put((byte) 126);
                header.putShort((short) length);
            } else {
                header.put((byte) 127);
                header.putLong(length);
            }
            header.flip();
            return new SendFrameHeader(0, pooled);
        }
    }
}
