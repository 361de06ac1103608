package io.switchboard.gateway.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.Payload;
import io.switchboard.schemas.avro.PayloadKind;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Builds the frame of one delivered record, once per gateway (the fan-out rule: every subscriber gets the same
 * immutable frame). A JSON payload becomes a {@code message} text frame with the payload bytes written as {@code
 * data} untouched; any other kind becomes a binary frame as in PROTOCOL.md, "Binary frames". Compressed payloads
 * are inflated here (negotiating compressed delivery with clients is a later step), so every frame carries
 * encoding none. A recovery encodes the records it replays for its one session, with an encoder of its own.
 */
public final class DeliveryFrameEncoder {
    /** Largest payload after inflation; a record that inflates beyond it is not delivered. */
    public static final int MAX_INFLATED_BYTES = 16 * 1024 * 1024;

    static final byte MAGIC = 0x53;
    static final byte VERSION = 0x01;
    static final byte ENCODING_NONE = 0x00;

    private final PayloadInflater inflater = new PayloadInflater(MAX_INFLATED_BYTES);

    /**
     * The frame of one record, carrying its channel position ({@link Frame#position()}).
     *
     * @throws IllegalArgumentException when the payload cannot be inflated
     */
    public Frame encode(Delivery delivery, long offset, String epoch) {
        Payload payload = delivery.getPayload();
        byte[] data = inflater.inflate(payload.getEncoding(), bytes(payload.getData()));
        Frame frame = payload.getKind() == PayloadKind.JSON
                ? Frame.text(textFrame(delivery, offset, epoch, data))
                : Frame.binary(binaryFrame(delivery, offset, epoch, data));
        return frame.at(delivery.getChannel(), new Position(offset, epoch));
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

    private static byte[] binaryFrame(Delivery delivery, long offset, String epoch, byte[] data) {
        ByteArrayOutputStream meta = new ByteArrayOutputStream(192);
        header(meta, delivery, offset, epoch);
        trailer(meta, delivery);
        ascii(meta, ",\"content_type\":");
        string(meta, delivery.getPayload().getContentType());
        meta.write('}');
        byte[] metadata = meta.toByteArray();
        ByteBuffer frame = ByteBuffer.allocate(8 + metadata.length + data.length);
        frame.put(MAGIC)
                .put(VERSION)
                .put(kindByte(delivery.getPayload().getKind()))
                .put(ENCODING_NONE);
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

    static byte kindByte(PayloadKind kind) {
        return switch (kind) {
            case IMAGE -> 0x01;
            case AUDIO -> 0x02;
            case VIDEO -> 0x03;
            case JSON -> 0x04; // COMPRESSED_JSON: only used once compressed delivery is negotiated
            case CUSTOM -> 0x05;
        };
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

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
