package io.switchboard.client;

/**
 * Receives the delivery receipts of the messages this client's user published with {@link
 * PublishOptions#withReceipts()}: one per user who acknowledged each. Called on the client's event thread; an
 * exception it throws is reported to {@link ConnectionListener#onError} as {@code listener_failed}. Receipts never
 * reach a {@link MessageListener} (they are not messages of the personal channel and carry no position).
 */
@FunctionalInterface
public interface ReceiptListener {
    void onReceipt(Receipt receipt);
}
