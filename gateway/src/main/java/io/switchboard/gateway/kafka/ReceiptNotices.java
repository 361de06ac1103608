package io.switchboard.gateway.kafka;

import io.switchboard.gateway.protocol.Frame;
import io.switchboard.gateway.protocol.ServerMessage;
import io.switchboard.gateway.protocol.ServerMessageEncoder;
import io.switchboard.schemas.AvroSerde;
import io.switchboard.schemas.ReceiptHeaders;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.Receipt;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receipts the processor writes to a socket publisher's personal channel (a {@code Receipt} with the {@link
 * ReceiptHeaders#NOTICE} header, not a {@code Delivery}): each becomes one {@code receipt} frame, encoded once for
 * every local connection of the publisher, live ({@link RecordFanOut}) and in a recovery of the personal channel
 * ({@link RecoveryReader}), so a publisher away when the ack came gets the frame when it comes back. A receipt has no
 * channel position: one after the last message a connection was handed comes again to a connection that resumes or
 * recovers from there.
 */
final class ReceiptNotices {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptNotices.class);

    private final AvroSerde<Receipt> serde = SwitchboardSerdes.receipt();
    private final ServerMessageEncoder encoder = new ServerMessageEncoder();

    static boolean isNotice(ConsumerRecord<byte[], byte[]> record) {
        return ReceiptHeaders.isNotice(record.headers());
    }

    /** The receipt frame of a notice record, built once for all its subscribers; null when it cannot be read. */
    Frame frameOf(ConsumerRecord<byte[], byte[]> record) {
        try {
            Receipt receipt = serde.decode(record.value());
            return encoder.encode(new ServerMessage.Receipt(
                    receipt.getEventId(),
                    receipt.getUserId(),
                    receipt.getAckedAt().toEpochMilli()));
        } catch (RuntimeException e) {
            LOG.warn(
                    "delivery-invalid: skipping receipt {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.toString());
            return null;
        }
    }
}
