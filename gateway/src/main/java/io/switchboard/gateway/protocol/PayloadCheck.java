package io.switchboard.gateway.protocol;

import static io.switchboard.gateway.protocol.ClientMessageDecoder.bad;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.switchboard.schemas.PayloadInflater;
import io.switchboard.schemas.avro.PayloadEncoding;
import io.switchboard.schemas.avro.PayloadKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks the payload of a client binary publish without keeping anything of it: a compressed payload must inflate
 * within the limit (the inflating stream stops at the first byte beyond it), and a JSON one must be exactly one JSON
 * value in UTF-8, read token by token as it inflates, with no number whose exponent no parser reads back ({@link
 * JsonNumbers}, as for text publishes).
 */
final class PayloadCheck {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final PayloadInflater inflater;
    private final int maxInflatedBytes;

    PayloadCheck(PayloadInflater inflater, int maxInflatedBytes) {
        this.inflater = inflater;
        this.maxInflatedBytes = maxInflatedBytes;
    }

    /** Checks the payload {@code frame[offset..]}; {@code id} goes into the error. */
    void check(PayloadKind kind, PayloadEncoding encoding, byte[] frame, int offset, String id)
            throws InvalidFrameException {
        if (encoding == PayloadEncoding.NONE) {
            return; // media as sent: its size is the frame's, already within the limit
        }
        try (InputStream inflated = inflater.open(encoding, frame, offset, frame.length - offset)) {
            if (kind == PayloadKind.JSON) {
                requireOneJsonValue(inflated, id);
            } else {
                drain(inflated);
            }
        } catch (PayloadInflater.TooLargeException e) {
            throw new InvalidFrameException(ErrorReply.of(
                    id,
                    ErrorCode.MESSAGE_TOO_LARGE,
                    "the payload inflates to more than " + maxInflatedBytes + " bytes"));
        } catch (CharacterCodingException e) {
            throw bad(id, "the JSON payload is not valid UTF-8");
        } catch (JacksonException e) {
            throw bad(id, "the JSON payload is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw bad(
                    id,
                    "the payload is not valid " + encoding.name().toLowerCase(java.util.Locale.ROOT) + ": "
                            + e.getMessage());
        }
    }

    private static void requireOneJsonValue(InputStream inflated, String id) throws IOException, InvalidFrameException {
        Reader utf8 = new InputStreamReader(
                inflated,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
        try (JsonParser parser = JSON.createParser(utf8)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw bad(id, "the JSON payload is empty");
            }
            int depth = 0;
            do {
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token == JsonToken.VALUE_NUMBER_FLOAT && JsonNumbers.isExtreme(parser.getText())) {
                    throw bad(
                            id, "the JSON payload holds a number with an exponent beyond ±" + JsonNumbers.MAX_EXPONENT);
                }
            } while (depth > 0 && (token = parser.nextToken()) != null);
            if (parser.nextToken() != null) {
                throw bad(id, "the JSON payload holds more than one JSON value");
            }
        }
    }

    private static void drain(InputStream inflated) throws IOException {
        byte[] chunk = new byte[8192];
        while (inflated.read(chunk) != -1) {
            // counted by the bounded stream; nothing is kept
        }
    }
}
