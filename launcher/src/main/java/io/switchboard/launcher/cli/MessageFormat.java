package io.switchboard.launcher.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.client.Message;
import java.time.Instant;
import java.util.Base64;

/**
 * How {@code switchboard connect} prints a message on stdout: {@code json}, one JSON object a line with the fields of
 * the SDK's {@code onMessage}; {@code pretty}, a header line and indented data for people (coloured only on a
 * terminal); {@code compact}, one short line.
 */
enum MessageFormat {
    PRETTY,
    JSON,
    COMPACT;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String BOLD = "\u001b[1m";
    static final String DIM = "\u001b[2m";
    static final String CYAN = "\u001b[36m";
    static final String GREEN = "\u001b[32m";
    static final String YELLOW = "\u001b[33m";
    static final String MAGENTA = "\u001b[35m";
    private static final String RESET = "\u001b[0m";

    /** The text printed for {@code message}, without the final newline. */
    String format(Message message, boolean colour) {
        return switch (this) {
            case JSON -> json(message).toString();
            case COMPACT ->
                message.channel() + " #" + message.offset() + (message.event() == null ? "" : " " + message.event())
                        + (message.replayed() ? " (replayed)" : "") + " " + dataText(message);
            case PRETTY -> pretty(message, colour);
        };
    }

    /** {@code channel, event, data, offset, epoch, ts, replayed}; binary media add content_type, kind and payload_base64. */
    static ObjectNode json(Message message) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("channel", message.channel());
        line.put("event", message.event());
        line.set("data", message.data());
        line.put("offset", message.offset());
        line.put("epoch", message.epoch());
        line.put("ts", message.ts());
        line.put("replayed", message.replayed());
        if (message.contentType() != null && message.payload().length > 0) {
            line.put("content_type", message.contentType());
            line.put("kind", message.kind().name().toLowerCase(java.util.Locale.ROOT));
            line.put("payload_base64", Base64.getEncoder().encodeToString(message.payload()));
        }
        return line;
    }

    private static String pretty(Message message, boolean colour) {
        String header = paint(colour, BOLD + CYAN, message.channel())
                + (message.event() == null ? "" : " " + paint(colour, BOLD, message.event()))
                + paint(
                        colour,
                        DIM,
                        "  #" + message.offset() + "  " + Instant.ofEpochMilli(message.ts())
                                + (message.replayed() ? "  replayed" : ""));
        String body;
        try {
            body = message.payload().length > 0
                    ? dataText(message)
                    : MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(message.data());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            body = message.data().toString();
        }
        return header + System.lineSeparator() + "  " + body.replace("\n", "\n  ");
    }

    private static String dataText(Message message) {
        if (message.payload().length > 0) {
            return "<" + message.payload().length + " bytes " + message.contentType() + ">";
        }
        return message.data().toString();
    }

    /** {@code text} in the ANSI {@code code} when {@code colour}, else as it is. */
    static String paint(boolean colour, String code, String text) {
        return colour ? code + text + RESET : text;
    }
}
