package io.switchboard.gateway.protocol;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.PayloadDeflater;
import io.switchboard.schemas.avro.PayloadEncoding;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Turns fuzzer bytes into client binary frames for {@link BinaryPublishDecoderFuzzTest}: raw bytes, or a frame in
 * PROTOCOL.md's layout whose kind and encoding bytes, metadata fields and payload are chosen to reach every check of
 * the decoder (payloads really compressed in the frame's encoding, JSON or not, small or inflating past the limit),
 * then possibly corrupted in one place.
 *
 * <p>The mode is read from the last byte (FuzzedDataProvider takes numbers from the end): a seed file whose last byte
 * is 0 is a raw frame, which is how the seeds under {@code BinaryPublishDecoderFuzzTestInputs} are written.
 */
final class BinaryFrameGenerator {
    private static final String[] TYPES = {"publish", "subscribe", "PUBLISH", "", "ping"};
    private static final String[] CONTENT_TYPES = {
        "image/png", "application/json", "APPLICATION/JSON", "text/plain; charset=utf-8", "audio/ogg", "", "png", "a/b;"
    };
    private static final String[] FAMILIES = {"metrics", "forum_threads", "user", "status"};
    private static final char[] CHANNEL_CHARS = "abcxyz019_-.:@AZ /é".toCharArray();
    private static final String[] JSON_TEXTS = {
        "{\"n\":1}", "[1,2,3]", "\"text\"", "true", "null", "1.5e3", "1e99999", "{\"a\":", "[1] [2]", "", " "
    };
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BinaryFrameGenerator() {}

    /** A frame: raw bytes, or a well-laid-out frame, possibly corrupted in one place. */
    static byte[] frame(FuzzedDataProvider data, int limit) {
        int mode = data.consumeInt(0, 2);
        if (mode == 0) {
            return data.consumeRemainingAsBytes();
        }
        int kind = data.consumeInt(0, 6);
        int encoding = data.consumeInt(0, 4);
        byte[] metadata = metadata(data);
        byte[] payload = payload(data, kind, encoding, limit);
        byte[] frame = BinaryFrames.frame(kind, encoding, metadata, payload);
        return mode == 1 ? frame : corrupt(data, frame);
    }

    private static byte[] metadata(FuzzedDataProvider data) {
        if (data.consumeInt(0, 7) == 0) {
            return data.consumeBytes(200); // anything at all, UTF-8 or not
        }
        ObjectNode metadata = NODES.objectNode();
        putField(metadata, "type", data, () -> NODES.textNode(data.pickValue(TYPES)));
        putField(metadata, "id", data, () -> NODES.textNode(data.consumeString(70)));
        putField(metadata, "channel", data, () -> NODES.textNode(channelLike(data)));
        putField(metadata, "event", data, () -> NODES.textNode(eventLike(data)));
        putField(metadata, "content_type", data, () -> NODES.textNode(contentTypeLike(data)));
        if (data.consumeInt(0, 7) == 0) {
            metadata.put(data.consumeString(10), data.consumeInt());
        }
        return metadata.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Leaves the field out, or sets it to a plausible value, JSON null, or a number. */
    private static void putField(ObjectNode node, String name, FuzzedDataProvider data, Supplier<JsonNode> plausible) {
        switch (data.consumeInt(0, 5)) {
            case 0 -> {}
            case 1 -> node.set(name, NODES.nullNode());
            case 2 -> node.put(name, data.consumeLong());
            default -> node.set(name, plausible.get());
        }
    }

    private static String channelLike(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 2)) {
            case 0 -> data.pickValue(FAMILIES);
            case 1 -> data.pickValue(FAMILIES) + ":" + chars(data, 30);
            default -> chars(data, ChannelName.MAX_LENGTH + 5);
        };
    }

    /** Names, names past the length limit, and padding past the 4 KiB metadata limit. */
    private static String eventLike(FuzzedDataProvider data) {
        return data.consumeBoolean() ? data.consumeString(205) : "e".repeat(data.consumeInt(0, 5000));
    }

    private static String contentTypeLike(FuzzedDataProvider data) {
        return data.consumeBoolean() ? data.pickValue(CONTENT_TYPES) : data.consumeString(40);
    }

    private static String chars(FuzzedDataProvider data, int maxLength) {
        int length = data.consumeInt(0, maxLength);
        StringBuilder chars = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            chars.append(data.pickValue(CHANNEL_CHARS));
        }
        return chars.toString();
    }

    /** Raw bytes, or JSON text or bytes compressed in the frame's encoding, possibly past the inflate limit. */
    private static byte[] payload(FuzzedDataProvider data, int kind, int encoding, int limit) {
        int choice = data.consumeInt(0, 3);
        if (choice == 0 || encoding < 1 || encoding > 3) {
            return data.consumeBytes(300);
        }
        byte[] plain =
                switch (choice) {
                    case 1 -> data.pickValue(JSON_TEXTS).getBytes(StandardCharsets.UTF_8);
                    case 2 -> data.consumeBytes(300);
                    default -> repeated(data, kind, limit);
                };
        byte[] compressed = PayloadDeflater.compress(encodingOf(encoding), plain);
        if (data.consumeInt(0, 3) == 0 && compressed.length > 0) {
            compressed[data.consumeInt(0, compressed.length - 1)] ^= (byte) data.consumeInt(1, 255);
        }
        return compressed;
    }

    /** Around the limit: a JSON string or array for COMPRESSED_JSON, repeated bytes otherwise. */
    private static byte[] repeated(FuzzedDataProvider data, int kind, int limit) {
        int length = data.consumeInt(Math.max(0, limit - 8), 3 * limit);
        if (kind == 0x04) {
            String json =
                    data.consumeBoolean() ? "\"" + "a".repeat(length) + "\"" : "[" + "0,".repeat(length / 2) + "0]";
            return json.getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, data.consumeByte());
        return bytes;
    }

    private static PayloadEncoding encodingOf(int encoding) {
        return switch (encoding) {
            case 1 -> PayloadEncoding.GZIP;
            case 2 -> PayloadEncoding.DEFLATE;
            default -> PayloadEncoding.ZSTD;
        };
    }

    /** One header byte changed, the metadata length changed, or the frame cut short. */
    private static byte[] corrupt(FuzzedDataProvider data, byte[] frame) {
        switch (data.consumeInt(0, 2)) {
            case 0 -> frame[data.consumeInt(0, 7)] = data.consumeByte();
            case 1 -> java.nio.ByteBuffer.wrap(frame).putInt(4, data.consumeInt());
            default -> {
                return java.util.Arrays.copyOf(frame, data.consumeInt(0, frame.length));
            }
        }
        return frame;
    }
}
