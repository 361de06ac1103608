package io.switchboard.client;

/**
 * Options of {@link SwitchboardClient#publish(String, com.fasterxml.jackson.databind.JsonNode, String,
 * PublishOptions)}: with receipts, the publish carries {@code "receipts": true} and each user who acknowledges the
 * message answers once with a {@code receipt} frame on the publisher's personal channel (PROTOCOL.md, "Delivery
 * receipts"), handed to the client's {@link ReceiptListener}s.
 *
 * @param receipts whether to ask for delivery receipts
 */
public record PublishOptions(boolean receipts) {
    private static final PublishOptions NONE = new PublishOptions(false);
    private static final PublishOptions RECEIPTS = new PublishOptions(true);

    /** A plain publish: no {@code receipts} field is sent. */
    public static PublishOptions none() {
        return NONE;
    }

    /** A publish that asks for delivery receipts. */
    public static PublishOptions withReceipts() {
        return RECEIPTS;
    }
}
