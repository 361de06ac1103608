package io.switchboard.launcher.cli;

import static io.switchboard.launcher.cli.MessageFormat.BOLD;
import static io.switchboard.launcher.cli.MessageFormat.CYAN;
import static io.switchboard.launcher.cli.MessageFormat.DIM;
import static io.switchboard.launcher.cli.MessageFormat.GREEN;
import static io.switchboard.launcher.cli.MessageFormat.MAGENTA;
import static io.switchboard.launcher.cli.MessageFormat.YELLOW;
import static io.switchboard.launcher.cli.MessageFormat.paint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.client.Receipt;
import java.time.Instant;

/**
 * How {@code switchboard connect} prints what is not a message (PROTOCOL.md v1.1): a {@code join} or {@code leave}, the
 * answer to a {@code presence} question (every page joined) and a delivery {@code receipt}. With {@code json} each is
 * its frame, one JSON object a line with a {@code type} (which a message line never has); {@code pretty} and {@code
 * compact} print readable lines, the members of a presence answer one a line in {@code pretty}.
 */
final class NoticeLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MessageFormat format;
    private final boolean colour;

    NoticeLines(MessageFormat format, boolean colour) {
        this.format = format;
        this.colour = colour;
    }

    /** A {@code join} or {@code leave} frame: {@code channel, user_id, ts}. */
    String presenceChange(JsonNode frame) {
        boolean join = frame.path("type").asText().equals("join");
        String channel = frame.path("channel").asText();
        String user = frame.path("user_id").asText();
        return switch (format) {
            case JSON -> frame.toString();
            case COMPACT -> channel + (join ? " join " : " leave ") + user;
            case PRETTY ->
                paint(colour, BOLD + CYAN, channel)
                        + " "
                        + paint(colour, join ? GREEN : YELLOW, join ? "+ " + user + " joined" : "- " + user + " left")
                        + paint(colour, DIM, "  " + time(frame.path("ts")));
        };
    }

    /** A presence answer: {@code channel, members [{user_id, connections}], count}, and {@code anonymous} if any. */
    String members(JsonNode answer) {
        String channel = answer.path("channel").asText();
        JsonNode members = answer.path("members");
        int anonymous = answer.path("anonymous").asInt(0);
        return switch (format) {
            case JSON -> answer.toString();
            case COMPACT -> {
                StringBuilder line = new StringBuilder(
                        channel + " presence " + answer.path("count").asInt() + ":");
                members.forEach(member -> line.append(' ')
                        .append(member.path("user_id").asText())
                        .append(connections(member) > 1 ? "(" + connections(member) + ")" : ""));
                yield line + (anonymous > 0 ? " +" + anonymous + " anonymous" : "");
            }
            case PRETTY -> {
                int count = answer.path("count").asInt();
                StringBuilder text = new StringBuilder(paint(colour, BOLD + CYAN, channel) + "  "
                        + (count == 0 ? "nobody here" : count + (count == 1 ? " user here" : " users here"))
                        + (anonymous > 0 ? paint(colour, DIM, ", " + plural(anonymous, "anonymous connection")) : ""));
                members.forEach(member -> text.append(System.lineSeparator())
                        .append("  ")
                        .append(member.path("user_id").asText())
                        .append(paint(colour, DIM, "  " + plural(connections(member), "connection"))));
                yield text.toString();
            }
        };
    }

    /** A receipt: who acknowledged which event, and when. */
    String receipt(Receipt receipt) {
        return switch (format) {
            case JSON -> frame(receipt).toString();
            case COMPACT -> "receipt " + receipt.eventId() + " " + receipt.userId() + " " + receipt.ackedAtInstant();
            case PRETTY ->
                paint(colour, BOLD + MAGENTA, "receipt")
                        + " " + receipt.userId() + " acknowledged " + paint(colour, BOLD, receipt.eventId())
                        + paint(colour, DIM, "  " + receipt.ackedAtInstant());
        };
    }

    /** The receipt as its frame, {@code {"type":"receipt","event_id","user_id","acked_at"}}. */
    static ObjectNode frame(Receipt receipt) {
        return JSON.createObjectNode()
                .put("type", "receipt")
                .put("event_id", receipt.eventId())
                .put("user_id", receipt.userId())
                .put("acked_at", receipt.ackedAt());
    }

    private static int connections(JsonNode member) {
        return member.path("connections").asInt(1);
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static String time(JsonNode ts) {
        return ts.canConvertToLong() ? Instant.ofEpochMilli(ts.asLong()).toString() : "";
    }
}
