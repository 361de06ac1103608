package io.switchboard.client;

import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One socket's life: the client makes a new one for every (re)connection. It assembles the JDK's partial frames into
 * whole messages and hands each to the client's event thread, asking the socket for the next one only once that one
 * was handled (so a slow application slows the socket down instead of filling the heap). Sends are chained: the JDK
 * allows one outstanding send at a time.
 */
final class SocketConnection implements WebSocket.Listener {
    /** Larger messages abort the socket: the gateway bounds its payloads at 16 MiB. */
    static final int MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

    /** What a connection reports, always on the event thread. */
    interface Events {
        void onText(SocketConnection connection, String text);

        void onBinary(SocketConnection connection, byte[] bytes);

        void onSocketClose(SocketConnection connection, int code, String reason);
    }

    private final Events events;
    private final Executor eventThread;
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private volatile WebSocket socket;
    /** Event thread only, from here on. */
    private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);

    boolean welcomed;
    boolean closed;
    boolean resumeAttempt;
    /** Channels a {@code resume=} handshake should bring back by itself; empty for a fresh connection. */
    Set<String> restoring = Set.of();

    SocketConnection(Events events, Executor eventThread) {
        this.events = events;
        this.eventThread = eventThread;
    }

    boolean isOpen() {
        return socket != null && !closed && !socket.isOutputClosed();
    }

    /** Queues a text frame after those before it; a failed send aborts the socket, whose end is then reported. */
    void send(String frame) {
        WebSocket ws = socket;
        if (ws == null) {
            return;
        }
        sends = sends.thenCompose(done -> ws.sendText(frame, true)).exceptionally(error -> {
            abort("a send failed: " + error.getMessage());
            return null;
        });
    }

    /** Sends a close frame after the queued frames; the gateway's echo ends the connection. */
    void close(int code, String reason) {
        WebSocket ws = socket;
        if (ws != null) {
            sends = sends.thenCompose(done -> ws.sendClose(code, reason)).exceptionally(error -> null);
        }
    }

    /** Ends the socket at once, and reports it as 1006 (the JDK calls no listener after an abort). */
    void abort(String reason) {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        post(() -> events.onSocketClose(this, 1006, reason));
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (text.length() > MAX_MESSAGE_BYTES) {
            abort("a text message over " + MAX_MESSAGE_BYTES + " characters");
            return null;
        }
        if (!last) {
            webSocket.request(1);
            return null;
        }
        String whole = text.toString();
        text.setLength(0);
        post(() -> handleThenRequest(webSocket, () -> events.onText(this, whole)));
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        if (binary.size() + data.remaining() > MAX_MESSAGE_BYTES) {
            abort("a binary message over " + MAX_MESSAGE_BYTES + " bytes");
            return null;
        }
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        binary.writeBytes(chunk);
        if (!last) {
            webSocket.request(1);
            return null;
        }
        byte[] whole = binary.toByteArray();
        binary.reset();
        post(() -> handleThenRequest(webSocket, () -> events.onBinary(this, whole)));
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        post(() -> events.onSocketClose(this, statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        String reason = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        post(() -> events.onSocketClose(this, 1006, reason));
    }

    private static void handleThenRequest(WebSocket webSocket, Runnable handler) {
        try {
            handler.run();
        } finally {
            webSocket.request(1);
        }
    }

    private void post(Runnable task) {
        try {
            eventThread.execute(task);
        } catch (RejectedExecutionException e) {
            // the client is closed for good: nothing is listening any more
        }
    }
}
