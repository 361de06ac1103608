package io.switchboard.gateway.protocol;

import static io.switchboard.gateway.protocol.ClientMessageDecoder.bad;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.switchboard.gateway.protocol.ClientMessage.BinaryPublish;
import io.switchboard.schemas.PayloadInflater;
import io.switchboard.schemas.avro.PayloadEncoding;
import io.switchboard.schemas.avro.PayloadKind;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decodes and validates one client binary frame: a publish in the layout of PROTOCOL.md ("Binary frames"), with
 * metadata {@code {"type":"publish","id":…,"channel":…,"event":…,"content_type":…,"receipts":…}}. Ids, channels and event names
 * follow the rules of text frames ({@link ClientMessageDecoder}). Anything invalid becomes an {@link
 * InvalidFrameException} carrying the error frame to send, with the client's id once the metadata is readable:
 * {@code bad_request}, {@code unknown_type} for another metadata type, {@code message_too_large} for a payload that
 * inflates beyond the limit.
 *
 * <p>The payload is forwarded as sent; a compressed one is only inflated to check it, through a stream that stops at
 * the first byte beyond the limit (a decompression bomb costs no more than the limit) without keeping the output,
 * except that a {@code COMPRESSED_JSON} payload is parsed as it inflates and must be one valid UTF-8 JSON value.
 */
public final class BinaryPublishDecoder {
    /** Largest metadata object, in bytes. */
    static final int MAX_METADATA_BYTES = 4096;
    /** Longest accepted {@code content_type}. */
    static final int MAX_CONTENT_TYPE_LENGTH = 200;

    static final String JSON_CONTENT_TYPE = "application/json";
    private static final Set<String> FIELDS = Set.of("type", "id", "channel", "event", "content_type", "receipts");
    /** A MIME type (RFC 6838 names), optionally with parameters: {@code image/png}, {@code text/plain; charset=x}. */
    private static final Pattern CONTENT_TYPE =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*"
                    + "(?: *; *[A-Za-z0-9!#$&^_.+-]+=(?:[A-Za-z0-9!#$&^_.+-]+|\"[ !#-\\[\\]-~]*\"))*");

    private static final ObjectMapper METADATA = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final int maxInflatedBytes;
    private final PayloadCheck payloads;

    /** @param maxInflatedBytes the most a compressed payload may inflate to: {@code gateway.ws.max-message-bytes} */
    public BinaryPublishDecoder(int maxInflatedBytes) {
        this.maxInflatedBytes = maxInflatedBytes;
        this.payloads = new PayloadCheck(
                new PayloadInflater(maxInflatedBytes, PayloadInflater.CLIENT_ZSTD_WINDOW_LOG_MAX), maxInflatedBytes);
    }

    public BinaryPublish decode(byte[] frame) throws InvalidFrameException {
        if (frame.length < BinaryFrameFormat.HEADER_BYTES
                || frame[0] != BinaryFrameFormat.MAGIC
                || frame[1] != BinaryFrameFormat.VERSION) {
            throw bad(null, "a binary frame starts with 0x53 0x01, kind, encoding and a 4-byte metadata length");
        }
        long metadataLength =
                Integer.toUnsignedLong(ByteBuffer.wrap(frame, 4, 4).getInt());
        if (metadataLength > MAX_METADATA_BYTES) {
            throw bad(null, "the metadata is longer than " + MAX_METADATA_BYTES + " bytes");
        }
        if (metadataLength > frame.length - BinaryFrameFormat.HEADER_BYTES) {
            throw bad(null, "the metadata length is beyond the end of the frame");
        }
        int payloadStart = BinaryFrameFormat.HEADER_BYTES + (int) metadataLength;
        JsonNode metadata = metadata(frame, (int) metadataLength);
        String id = ClientMessageDecoder.id(metadata);
        PayloadKind kind = BinaryFrameFormat.kindOf(frame[2]);
        PayloadEncoding encoding = BinaryFrameFormat.encodingOf(frame[3]);
        if (kind == null) {
            throw bad(id, "unknown kind byte " + hex(frame[2]) + "; expected 0x01 to 0x05");
        }
        if (encoding == null) {
            throw bad(id, "unknown encoding byte " + hex(frame[3]) + "; expected 0x00 to 0x03");
        }
        checkType(metadata, id);
        String channel = ClientMessageDecoder.channel(metadata, id);
        Optional<String> event = ClientMessageDecoder.event(metadata, id);
        String contentType = contentType(metadata, kind, encoding, id);
        boolean receipts = ClientMessageDecoder.receipts(metadata, id);
        payloads.check(kind, encoding, frame, payloadStart, id);
        ByteBuffer data = ByteBuffer.wrap(frame, payloadStart, frame.length - payloadStart)
                .slice()
                .asReadOnlyBuffer();
        return new BinaryPublish(id, channel, event, kind, contentType, encoding, data, receipts);
    }

    /** The most a compressed payload may inflate to. */
    public int maxInflatedBytes() {
        return maxInflatedBytes;
    }

    /** The metadata: strict UTF-8, one JSON object. */
    private static JsonNode metadata(byte[] frame, int length) throws InvalidFrameException {
        CharBuffer text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(frame, BinaryFrameFormat.HEADER_BYTES, length));
        } catch (CharacterCodingException e) {
            throw bad(null, "the metadata is not valid UTF-8");
        }
        JsonNode root;
        try {
            root = METADATA.readTree(text.toString());
        } catch (JacksonException e) {
            throw bad(null, "the metadata is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw bad(null, "the metadata must be one JSON object");
        }
        return root;
    }

    private static void checkType(JsonNode metadata, String id) throws InvalidFrameException {
        JsonNode type = metadata.get("type");
        if (type == null || !type.isTextual()) {
            throw bad(id, "metadata field 'type' must be a string");
        }
        if (!type.textValue().equals("publish")) {
            throw new InvalidFrameException(ErrorReply.of(
                    id,
                    ErrorCode.UNKNOWN_TYPE,
                    "unknown binary frame type '" + ClientMessageDecoder.abbreviate(type.textValue())
                            + "'; clients send binary frames only to publish"));
        }
        for (Iterator<String> names = metadata.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw bad(id, "unknown metadata field '" + ClientMessageDecoder.abbreviate(name) + "'");
            }
        }
    }

    /** Required except for COMPRESSED_JSON, which is application/json and needs a compressed encoding. */
    private static String contentType(JsonNode metadata, PayloadKind kind, PayloadEncoding encoding, String id)
            throws InvalidFrameException {
        JsonNode contentType = metadata.get("content_type");
        boolean absent = contentType == null || contentType.isNull();
        if (kind == PayloadKind.JSON) {
            if (encoding == PayloadEncoding.NONE) {
                throw bad(
                        id,
                        "a COMPRESSED_JSON payload needs encoding gzip, deflate or zstd; "
                                + "publish uncompressed JSON in a text frame");
            }
            if (!absent && !(contentType.isTextual() && contentType.textValue().equalsIgnoreCase(JSON_CONTENT_TYPE))) {
                throw bad(id, "metadata field 'content_type' of COMPRESSED_JSON must be application/json or left out");
            }
            return JSON_CONTENT_TYPE;
        }
        if (absent
                || !contentType.isTextual()
                || contentType.textValue().length() > MAX_CONTENT_TYPE_LENGTH
                || !CONTENT_TYPE.matcher(contentType.textValue()).matches()) {
            throw bad(
                    id,
                    "metadata field 'content_type' must be a MIME type such as image/png, at most "
                            + MAX_CONTENT_TYPE_LENGTH + " characters");
        }
        return contentType.textValue();
    }

    private static String hex(byte value) {
        return String.format("0x%02x", value);
    }
}
