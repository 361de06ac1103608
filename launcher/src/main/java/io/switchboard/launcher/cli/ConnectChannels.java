package io.switchboard.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.client.Message;
import io.switchboard.client.SubscribeOptions;
import io.switchboard.client.SwitchboardClient;
import java.util.function.Consumer;

/**
 * The channels of {@code switchboard connect}, given with {@code --subscribe} or typed: subscribes through the client
 * (with presence under {@code --presence}, or as a typed frame's own {@code presence} flag says) and asks who is on a
 * channel. Messages, joins, leaves and the members go to the printer; what cannot be done goes to the log.
 */
final class ConnectChannels implements StdinFrames.Subscriber {
    private final SwitchboardClient client;
    private final MessagePrinter printer;
    private final ConnectLog log;
    private final boolean presenceByDefault;
    private final Consumer<Message> afterPrinting;

    /**
     * @param presenceByDefault whether a channel is subscribed with presence when nothing else says (--presence)
     * @param afterPrinting what to do with each message once printed (acknowledge it, under --ack)
     */
    ConnectChannels(
            SwitchboardClient client,
            MessagePrinter printer,
            ConnectLog log,
            boolean presenceByDefault,
            Consumer<Message> afterPrinting) {
        this.client = client;
        this.printer = printer;
        this.log = log;
        this.presenceByDefault = presenceByDefault;
        this.afterPrinting = afterPrinting;
    }

    /** A channel of {@code --subscribe}. */
    void subscribe(String channel) {
        subscribe(channel, null);
    }

    /**
     * Subscribes to {@code channel}, with presence when {@code presence} says so (null: as {@code --presence} says);
     * with presence, prints who is there once subscribed, then each join and leave.
     */
    @Override
    public void subscribe(String channel, Boolean presence) {
        boolean withPresence = presence == null ? presenceByDefault : presence;
        SubscribeOptions options = withPresence
                ? SubscribeOptions.presence(printer::printPresenceChange, printer::printPresenceChange)
                : SubscribeOptions.none();
        client.subscribe(channel, this::print, options).whenComplete((subscribed, error) -> {
            if (error != null) {
                log.event("cannot subscribe to " + channel + ": " + ConnectCommand.describe(error));
                return;
            }
            log.event("subscribed to " + channel + " at " + subscribed.path("position")
                    + (withPresence ? " with presence" : ""));
            if (withPresence) {
                presence(channel);
            }
        });
    }

    /** Asks who is on {@code channel} (every page) and prints the members. */
    @Override
    public void presence(String channel) {
        client.presence(channel).whenComplete((answer, error) -> {
            if (error != null) {
                log.event("cannot ask who is on " + channel + ": " + ConnectCommand.describe(error));
            } else {
                printer.printMembers(withoutId(answer));
            }
        });
    }

    private void print(Message message) {
        printer.print(message);
        afterPrinting.accept(message);
    }

    /** The answer without the client's own request id, which says nothing to whoever reads the output. */
    private static JsonNode withoutId(JsonNode answer) {
        ObjectNode copy = answer.deepCopy();
        copy.remove("id");
        return copy;
    }
}
