package io.switchboard.gateway.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.switchboard.schemas.ByteBuffers;
import io.switchboard.schemas.PayloadInflater;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.Payload;
import io.switchboard.schemas.avro.PayloadKind;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Builds the frames of delivered records (PROTOCOL.md, "Frames from the server" and "Binary frames"). A record has at
 * most two forms, each built once per gateway by {@link DeliveryFrames} and only when a subscriber needs it:
 *
 * <ul>
 *   <li>inflated: a JSON payload becomes a {@code message} text frame with the payload bytes written as {@code data}
 *       untouched; any other kind a binary frame with encoding {@code 0x00};
 *   <li>as stored, for a payload the processor compressed: the compressed bytes in a binary frame with kind {@code
 *       COMPRESSED_JSON} for JSON (the payload's own kind otherwise) and the payload's encoding byte, for the
 *       sessions that announced that encoding in {@code accept_encoding}.
 * </ul>
 *
 * Not thread-safe: one encoder per thread (the delivery thread, the recovery thread).
 */
public final class DeliveryFrameEncoder {
    /** Largest payload after inflation; a record that inflates beyond it is not delivered inflated. */
    static final int MAX_INFLATED_BYTES = 16 * 1024 * 1024;

    private final PayloadInflater inflater = new PayloadInflater(MAX_INFLATED_BYTES);

    /** The forms of one record at this channel position, none of them built yet. */
    public DeliveryFrames frames(Delivery delivery, long offset, String epoch) {
        return new DeliveryFrames(this, delivery, offset, epoch);
    }

    /**
     * The inflated form, carrying its channel position ({@link Frame#position()}).
     *
     * @throws IllegalArgumentException when the payload cannot be inflated within {@link #MAX_INFLATED_BYTES}
     */
    Frame inflated(Delivery delivery, long offset, String epoch) {
        Payload payload = delivery.getPayload();
        byte[] data = inflater.inflate(payload.getEncoding(), ByteBuffers.bytes(payload.getData()));
        Frame frame = payload.getKind() == PayloadKind.JSON
                ? Frame.text(textFrame(delivery, offset, epoch, data))
                : Frame.binary(binaryFrame(delivery, offset, epoch, BinaryFrameFormat.ENCODING_NONE, data));
        return frame.at(delivery.getChannel(), new Position(offset, epoch));
    }

    /** The form as stored: the payload's bytes and encoding byte in a binary frame, with its channel position. */
    Frame asStored(Delivery delivery, long offset, String epoch) {
        Payload payload = delivery.getPayload();
        byte encoding = BinaryFrameFormat.encodingByte(payload.getEncoding());
        byte[] frame = binaryFrame(delivery, offset, epoch, encoding, ByteBuffers.bytes(payload.getData()));
        return Frame.binary(frame).at(delivery.getChannel(), new Position(offset, epoch));
    }

    private static byte[] textFrame(Delivery delivery, long offset, String epoch, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(160 + data.length);
        header(out, delivery, offset, epoch);
        ascii(out, ",\"data\":");
        out.writeBytes(data.length == 0 ? "null".getBytes(StandardCharsets.US_ASCII) : data);
        trailer(out, delivery);
        out.write('}');
        return out.toByteArray();
    }

    private static byte[] binaryFrame(Delivery delivery, long offset, String epoch, byte encoding, byte[] data) {
        ByteArrayOutputStream meta = new ByteArrayOutputStream(192);
        header(meta, delivery, offset, epoch);
        trailer(meta, delivery);
        ascii(meta, ",\"content_type\":");
        string(meta, delivery.getPayload().getContentType());
        meta.write('}');
        byte[] metadata = meta.toByteArray();
        ByteBuffer frame = ByteBuffer.allocate(BinaryFrameFormat.HEADER_BYTES + metadata.length + data.length);
        frame.put(BinaryFrameFormat.MAGIC)
                .put(BinaryFrameFormat.VERSION)
                .put(BinaryFrameFormat.kindByte(delivery.getPayload().getKind()))
                .put(encoding);
        frame.putInt(metadata.length).put(metadata).put(data);
        return frame.array();
    }

    /** {@code {"type":"message","channel":…,"offset":…,"epoch":…,"event":…} without the closing brace. */
    private static void header(ByteArrayOutputStream out, Delivery delivery, long offset, String epoch) {
        ascii(out, "{\"type\":\"message\",\"channel\":");
        string(out, delivery.getChannel());
        ascii(out, ",\"offset\":" + offset + ",\"epoch\":");
        string(out, epoch);
        ascii(out, ",\"event\":");
        string(out, delivery.getEvent());
    }

    private static void trailer(ByteArrayOutputStream out, Delivery delivery) {
        ascii(out, ",\"ts\":" + delivery.getTime().toEpochMilli());
        if (delivery.getReplayed()) {
            ascii(out, ",\"replayed\":true");
        }
    }

    private static void string(ByteArrayOutputStream out, String value) {
        if (value == null) {
            ascii(out, "null");
            return;
        }
        out.write('"');
        out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(value));
        out.write('"');
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
