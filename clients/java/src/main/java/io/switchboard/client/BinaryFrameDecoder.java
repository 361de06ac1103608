package io.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.switchboard.client.PayloadInflater.Encoding;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a binary frame (PROTOCOL.md, "Binary frames"): {@code 0x53 0x01 kind encoding}, the metadata length as four
 * big-endian bytes, the metadata (UTF-8 JSON), then the payload. A {@code COMPRESSED_JSON} payload becomes the JSON
 * value; the other kinds keep their bytes, inflated when they came compressed.
 */
final class BinaryFrameDecoder {
    private static final int HEADER_BYTES = 8;
    private static final int MAGIC = 0x53;
    private static final int VERSION = 0x01;
    /** Kinds by their byte; index 0 is not a kind. */
    private static final Message.Kind[] KINDS = {
        null,
        Message.Kind.IMAGE,
        Message.Kind.AUDIO,
        Message.Kind.VIDEO,
        Message.Kind.COMPRESSED_JSON,
        Message.Kind.CUSTOM
    };

    private final ObjectMapper json;
    private final PayloadInflater inflater;

    BinaryFrameDecoder(ObjectMapper json, PayloadInflater inflater) {
        this.json = json;
        this.inflater = inflater;
    }

    /** The header and metadata of a frame, without its payload inflated. */
    record Header(Message.Kind kind, Encoding encoding, JsonNode metadata, int payloadStart) {}

    /** Reads the header and metadata; {@code bad_frame} when the frame does not follow the layout. */
    Header header(byte[] frame) {
        if (frame.length < HEADER_BYTES || (frame[0] & 0xff) != MAGIC || (frame[1] & 0xff) != VERSION) {
            throw badFrame("a binary frame must start with 0x53 0x01 and an 8-byte header");
        }
        int kindByte = frame[2] & 0xff;
        Message.Kind kind = kindByte < KINDS.length ? KINDS[kindByte] : null;
        Encoding encoding = Encoding.ofByte(frame[3] & 0xff);
        if (kind == null) {
            throw badFrame(String.format("unknown kind byte 0x%02x", kindByte));
        }
        if (encoding == null) {
            throw badFrame(String.format("unknown encoding byte 0x%02x", frame[3] & 0xff));
        }
        long metadataLength = ByteBuffer.wrap(frame, 4, 4).getInt() & 0xffffffffL;
        if (metadataLength > frame.length - HEADER_BYTES) {
            throw badFrame("metadata length " + metadataLength + " beyond the frame");
        }
        JsonNode metadata = parseJson(Arrays.copyOfRange(frame, HEADER_BYTES, HEADER_BYTES + (int) metadataLength));
        if (metadata == null || !metadata.isObject()) {
            throw badFrame("metadata is not a JSON object");
        }
        return new Header(kind, encoding, metadata, HEADER_BYTES + (int) metadataLength);
    }

    /** The message a binary {@code message} frame carries. */
    Message decode(byte[] frame) {
        Header header = header(frame);
        JsonNode meta = header.metadata();
        if (!"message".equals(meta.path("type").asText())) {
            throw badFrame("a binary frame of type '" + meta.path("type").asText() + "'");
        }
        byte[] payload =
                inflater.inflate(Arrays.copyOfRange(frame, header.payloadStart(), frame.length), header.encoding());
        boolean isJson = header.kind() == Message.Kind.COMPRESSED_JSON;
        JsonNode data = isJson ? parseJson(payload) : NullNode.getInstance();
        if (data == null) {
            throw badFrame("a COMPRESSED_JSON payload is empty");
        }
        return MessageFrames.message(
                meta, data, header.kind(), meta.path("content_type").asText(null), isJson ? null : payload);
    }

    private JsonNode parseJson(byte[] utf8) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
            return json.readTree(text);
        } catch (CharacterCodingException e) {
            throw badFrame("not UTF-8", e);
        } catch (IOException e) {
            throw badFrame("not one JSON value: " + e.getMessage(), e);
        }
    }

    private static SwitchboardException badFrame(String message) {
        return new SwitchboardException("bad_frame", message);
    }

    private static SwitchboardException badFrame(String message, Throwable cause) {
        return new SwitchboardException("bad_frame", message, cause);
    }
}
