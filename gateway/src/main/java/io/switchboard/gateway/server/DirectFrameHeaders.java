package io.switchboard.gateway.server;

import io.undertow.connector.PooledByteBuffer;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * WebSocket frame headers in direct memory, reused. Undertow builds each frame's header in a new heap buffer, and the
 * JDK copies every heap buffer of a socket write into a temporary direct one first (a thread-local cache lookup and a
 * copy per frame: 5–10 % of the gateway's I/O-thread samples at 1 000 sockets). Each thread keeps its own free slots,
 * carved from larger direct chunks; a header goes back to the pool of the thread that frees it, once.
 */
final class DirectFrameHeaders {
    /** The longest RFC 6455 header: 2 bytes, an 8-byte length, a 4-byte mask key (a server never masks: 10 at most). */
    static final int MAX_HEADER_BYTES = 14;

    private static final int SLOT_BYTES = 16;
    private static final int CHUNK_BYTES = 64 * 1024;
    /** Slots a thread keeps free at most (1 MiB); beyond it freed slots are left to the GC with their chunk. */
    private static final int MAX_FREE_SLOTS = 64 * 1024;

    private static final ThreadLocal<ArrayDeque<ByteBuffer>> FREE = ThreadLocal.withInitial(ArrayDeque::new);

    private DirectFrameHeaders() {}

    /** An empty header buffer of {@link #MAX_HEADER_BYTES}, to fill, flip and hand to Undertow. */
    static PooledByteBuffer allocate() {
        ArrayDeque<ByteBuffer> free = FREE.get();
        ByteBuffer slot = free.pollFirst();
        if (slot == null) {
            slot = carve(free);
        }
        slot.clear();
        return new Header(slot);
    }

    /** Cuts a new chunk into slots: keeps the rest free, returns one. */
    private static ByteBuffer carve(ArrayDeque<ByteBuffer> free) {
        ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_BYTES);
        for (int offset = SLOT_BYTES; offset < CHUNK_BYTES; offset += SLOT_BYTES) {
            free.addLast(chunk.slice(offset, MAX_HEADER_BYTES));
        }
        return chunk.slice(0, MAX_HEADER_BYTES);
    }

    /** One header; closing it twice frees it once, so no two frames ever share a slot. */
    private static final class Header implements PooledByteBuffer {
        private final ByteBuffer buffer;
        private boolean open = true;

        Header(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public ByteBuffer getBuffer() {
            if (!open) {
                throw new IllegalStateException("frame header already freed");
            }
            return buffer;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            if (!open) {
                return;
            }
            open = false;
            ArrayDeque<ByteBuffer> free = FREE.get();
            if (free.size() < MAX_FREE_SLOTS) {
                free.addFirst(buffer);
            }
        }
    }
}
