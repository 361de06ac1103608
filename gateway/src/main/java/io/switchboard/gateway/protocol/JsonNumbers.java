package io.switchboard.gateway.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Checks on the numbers of client JSON. A decimal like {@code 1.5E+2147483647} parses, but its exact text form has
 * an exponent beyond int, which no JSON parser (Jackson included) reads back: it would poison every reader of the
 * channel (found by ClientMessageDecoderFuzzTest). No real payload needs a magnitude near that.
 */
final class JsonNumbers {
    /** Largest decimal exponent accepted: far beyond double's 308, far below what breaks parsers. */
    static final int MAX_EXPONENT = 9_999;

    private JsonNumbers() {}

    /** Whether {@code value} holds a number whose decimal exponent is beyond ±{@link #MAX_EXPONENT}. */
    static boolean hasExtremeExponent(JsonNode value) {
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.push(value);
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isContainerNode()) {
                node.forEach(pending::push);
            } else if (node.isBigDecimal() && isExtreme(node.decimalValue())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the JSON number written as {@code text} has a decimal exponent beyond ±{@link #MAX_EXPONENT}. */
    static boolean isExtreme(String text) {
        try {
            return isExtreme(new BigDecimal(text));
        } catch (NumberFormatException e) {
            return true; // an exponent beyond int: BigDecimal cannot even hold it
        }
    }

    private static boolean isExtreme(BigDecimal number) {
        long exponent = (long) number.precision() - number.scale() - 1;
        return Math.abs(exponent) > MAX_EXPONENT;
    }
}
