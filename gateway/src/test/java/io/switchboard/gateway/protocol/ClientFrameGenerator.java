package io.switchboard.gateway.protocol;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.schemas.ChannelName;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.Supplier;

/**
 * Turns fuzzer bytes into client text frames for {@link ClientMessageDecoderFuzzTest}: raw text for the JSON parser,
 * or JSON objects of a known type whose fields are left out, null, plausible or anything, so that mutations reach
 * every field check of the decoder rather than stopping at the parser.
 *
 * <p>The mode is read from the last byte (FuzzedDataProvider takes numbers from the end): a seed file whose last
 * byte is 0 is raw frame text, which is how the seeds under {@code ClientMessageDecoderFuzzTestInputs} are written.
 */
final class ClientFrameGenerator {
    /** Known types plus near misses, so the fuzzer starts at every branch of the type switch. */
    private static final String[] TYPES = {
        "subscribe",
        "unsubscribe",
        "publish",
        "presence",
        "ping",
        "get_reconnection_token",
        "ack",
        "refresh",
        "PING",
        "",
        "pong"
    };

    private static final String[] FAMILIES = {"user", "metrics", "forum_threads", "signals", "status"};
    /** Characters of valid channel names, and a few that are not valid anywhere or only in a key. */
    private static final char[] CHANNEL_CHARS = "abcxyz019_-.:@AZ /é".toCharArray();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClientFrameGenerator() {}

    /** Raw text for the JSON parser, or a structured frame (known type, mutated fields) for the deeper branches. */
    static String frame(FuzzedDataProvider data) throws JsonProcessingException {
        int mode = data.consumeInt(0, 2);
        if (mode == 0) {
            return data.consumeRemainingAsString();
        }
        String structured = JSON.writeValueAsString(structuredFrame(data));
        if (mode == 1) {
            return structured;
        }
        // splice text into a well-formed frame: broken JSON, trailing tokens, duplicate keys near valid input
        int at = data.consumeInt(0, structured.length());
        return structured.substring(0, at) + data.consumeRemainingAsString() + structured.substring(at);
    }

    private static ObjectNode structuredFrame(FuzzedDataProvider data) {
        ObjectNode frame = NODES.objectNode();
        putField(frame, "type", data, () -> NODES.textNode(data.pickValue(TYPES)));
        putField(frame, "id", data, () -> NODES.textNode(data.consumeString(70)));
        putField(frame, "channel", data, () -> NODES.textNode(channelLike(data)));
        putField(frame, "since", data, () -> since(data));
        putField(frame, "offset", data, () -> offsetLike(data));
        putField(frame, "event", data, () -> NODES.textNode(data.consumeString(205)));
        putField(frame, "data", data, () -> anyValue(data, 3));
        putField(frame, "token", data, () -> NODES.textNode(data.consumeString(100)));
        putField(frame, "presence", data, () -> NODES.booleanNode(data.consumeBoolean()));
        putField(frame, "receipts", data, () -> NODES.booleanNode(data.consumeBoolean()));
        putField(frame, "after", data, () -> NODES.textNode(channelChars(data, 70)));
        if (data.consumeBoolean()) {
            frame.set(data.consumeString(10), anyValue(data, 1));
        }
        return frame;
    }

    private static ObjectNode since(FuzzedDataProvider data) {
        ObjectNode since = NODES.objectNode();
        putField(since, "offset", data, () -> offsetLike(data));
        putField(since, "epoch", data, () -> NODES.textNode(data.consumeString(205)));
        return since;
    }

    /** Leaves the field out, or sets it to a plausible value, JSON null, or any JSON value at all. */
    private static void putField(ObjectNode node, String name, FuzzedDataProvider data, Supplier<JsonNode> plausible) {
        switch (data.consumeInt(0, 3)) {
            case 0 -> {}
            case 1 -> node.set(name, plausible.get());
            case 2 -> node.set(name, NODES.nullNode());
            default -> node.set(name, anyValue(data, 1));
        }
    }

    /** Names up to past the length limit, known families with a key, or any string at all. */
    private static String channelLike(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 2)) {
            case 0 -> channelChars(data, ChannelName.MAX_LENGTH + 5);
            case 1 -> data.pickValue(FAMILIES) + ":" + channelChars(data, 40);
            default -> data.consumeString(40);
        };
    }

    private static String channelChars(FuzzedDataProvider data, int maxLength) {
        int length = data.consumeInt(0, maxLength);
        StringBuilder chars = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            chars.append(data.pickValue(CHANNEL_CHARS));
        }
        return chars.toString();
    }

    private static JsonNode offsetLike(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> NODES.numberNode(data.consumeLong(-3, Long.MAX_VALUE));
            case 1 -> NODES.numberNode(BigInteger.valueOf(data.consumeLong()).shiftLeft(data.consumeInt(0, 70)));
            case 2 -> NODES.numberNode(BigDecimal.valueOf(data.consumeLong(), data.consumeInt(-3, 3)));
            default -> NODES.textNode(Long.toString(data.consumeLong()));
        };
    }

    private static JsonNode anyValue(FuzzedDataProvider data, int depth) {
        return switch (data.consumeInt(0, depth > 0 ? 8 : 6)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(data.consumeBoolean());
            case 2 -> NODES.numberNode(data.consumeLong());
            case 3 -> NODES.numberNode(decimal(data));
            case 4 -> NODES.numberNode(data.consumeRegularDouble());
            case 5 -> NODES.numberNode(BigInteger.valueOf(data.consumeLong()).shiftLeft(data.consumeInt(0, 200)));
            case 6 -> NODES.textNode(data.consumeString(50));
            case 7 -> arrayOf(data, depth - 1);
            default -> objectOf(data, depth - 1);
        };
    }

    /** Ordinary scales, or scales at the int limits: exponents out of an int's range are where parsers break. */
    private static BigDecimal decimal(FuzzedDataProvider data) {
        int scale =
                switch (data.consumeInt(0, 2)) {
                    case 0 -> data.consumeInt(-400, 400);
                    case 1 -> Integer.MAX_VALUE - data.consumeInt(0, 40);
                    default -> Integer.MIN_VALUE + data.consumeInt(0, 40);
                };
        return BigDecimal.valueOf(data.consumeLong(), scale);
    }

    private static ArrayNode arrayOf(FuzzedDataProvider data, int depth) {
        ArrayNode array = NODES.arrayNode();
        for (int i = data.consumeInt(0, 4); i > 0; i--) {
            array.add(anyValue(data, depth));
        }
        return array;
    }

    private static ObjectNode objectOf(FuzzedDataProvider data, int depth) {
        ObjectNode object = NODES.objectNode();
        for (int i = data.consumeInt(0, 4); i > 0; i--) {
            object.set(data.consumeString(10), anyValue(data, depth));
        }
        return object;
    }
}
