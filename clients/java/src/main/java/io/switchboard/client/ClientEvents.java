package io.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Calls the application's connection and receipt listeners, on the event thread. What a listener throws is reported to the
 * error listeners as {@code listener_failed} and never stops the frames after it; with no error listener, errors go to
 * the {@link System.Logger} named after this client.
 */
final class ClientEvents {
    private static final System.Logger LOG = System.getLogger(SwitchboardClient.class.getName());

    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final List<ReceiptListener> receiptListeners = new CopyOnWriteArrayList<>();

    void add(ConnectionListener listener) {
        listeners.add(listener);
    }

    void remove(ConnectionListener listener) {
        listeners.remove(listener);
    }

    void addReceiptListener(ReceiptListener listener) {
        receiptListeners.add(listener);
    }

    void removeReceiptListener(ReceiptListener listener) {
        receiptListeners.remove(listener);
    }

    /** Hands a receipt to every receipt listener; with none, it is dropped (the application did not ask to hear). */
    void receipt(Receipt receipt) {
        for (ReceiptListener listener : receiptListeners) {
            call(() -> listener.onReceipt(receipt));
        }
    }

    void open(JsonNode welcome) {
        each(listener -> listener.onOpen(welcome));
    }

    void close(int code, String reason) {
        each(listener -> listener.onClose(code, reason));
    }

    void reconnecting(int attempt, Duration delay) {
        each(listener -> listener.onReconnecting(attempt, delay));
    }

    void resumed(JsonNode welcome) {
        each(listener -> listener.onResumed(welcome));
    }

    void unhandled(JsonNode frame) {
        each(listener -> listener.onUnhandledFrame(frame));
    }

    void error(SwitchboardException error) {
        if (listeners.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "switchboard client: " + error.code() + ": " + error.getMessage());
            return;
        }
        for (ConnectionListener listener : listeners) {
            try {
                listener.onError(error);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "switchboard client: an error listener threw", e);
            }
        }
    }

    /** Runs application code: what it throws is reported as an error. */
    void call(Runnable applicationCode) {
        try {
            applicationCode.run();
        } catch (RuntimeException e) {
            error(new SwitchboardException("listener_failed", "a listener threw " + e, e));
        }
    }

    private void each(Consumer<ConnectionListener> event) {
        for (ConnectionListener listener : listeners) {
            call(() -> event.accept(listener));
        }
    }
}
