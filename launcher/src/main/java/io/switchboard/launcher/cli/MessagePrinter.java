package io.switchboard.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.client.Message;
import java.io.PrintWriter;

/**
 * Prints to stdout, one whole entry at a time: each message in the chosen {@link MessageFormat}, and the replies to
 * frames typed on stdin (as JSON with {@code json}, marked {@code <<} otherwise).
 */
final class MessagePrinter {
    private final PrintWriter out;
    private final MessageFormat format;
    private final boolean colour;

    MessagePrinter(PrintWriter out, MessageFormat format, boolean colour) {
        this.out = out;
        this.format = format;
        this.colour = colour;
    }

    synchronized void print(Message message) {
        out.println(format.format(message, colour));
        out.flush();
    }

    synchronized void printReply(JsonNode frame) {
        out.println(format == MessageFormat.JSON ? frame.toString() : "<< " + frame);
        out.flush();
    }
}
