package io.switchboard.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.client.Message;
import io.switchboard.client.Receipt;
import java.io.PrintWriter;

/**
 * Prints to stdout, one whole entry at a time: each message in the chosen {@link MessageFormat}; joins, leaves,
 * presence answers and receipts as {@link NoticeLines}; and the replies to frames typed on stdin (as JSON with {@code
 * json}, marked {@code <<} otherwise).
 */
final class MessagePrinter {
    private final PrintWriter out;
    private final MessageFormat format;
    private final boolean colour;
    private final NoticeLines notices;

    MessagePrinter(PrintWriter out, MessageFormat format, boolean colour) {
        this.out = out;
        this.format = format;
        this.colour = colour;
        this.notices = new NoticeLines(format, colour);
    }

    synchronized void print(Message message) {
        println(format.format(message, colour));
    }

    /** A {@code join} or {@code leave} frame. */
    synchronized void printPresenceChange(JsonNode frame) {
        println(notices.presenceChange(frame));
    }

    /** Who is on a channel: a presence answer, every page joined. */
    synchronized void printMembers(JsonNode answer) {
        println(notices.members(answer));
    }

    synchronized void printReceipt(Receipt receipt) {
        println(notices.receipt(receipt));
    }

    synchronized void printReply(JsonNode frame) {
        println(format == MessageFormat.JSON ? frame.toString() : "<< " + frame);
    }

    private void println(String entry) {
        out.println(entry);
        out.flush();
    }
}
