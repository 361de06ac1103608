package io.switchboard.launcher.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.client.SwitchboardClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Sends what is typed on stdin, one JSON object a line: {@code subscribe} and {@code unsubscribe} through the client
 * (so a typed subscription is printed like the others and survives reconnections; its {@code presence} flag is kept),
 * a {@code presence} question without {@code after} through the client too (every page asked, the members printed),
 * any other frame as it is. A line that is not a JSON object is refused locally, with a message, and nothing is sent.
 */
final class StdinFrames implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InputStream in;
    private final SwitchboardClient client;
    private final Subscriber subscriber;
    private final Consumer<String> problems;

    /** What the command does itself for the typed frames it does not send as they are. */
    interface Subscriber {
        /** A typed {@code subscribe}; {@code presence} is its own {@code presence} flag, or null when it has none. */
        void subscribe(String channel, Boolean presence);

        /** A typed {@code presence} question without {@code after}: print who is on {@code channel}. */
        void presence(String channel);
    }

    StdinFrames(InputStream in, SwitchboardClient client, Subscriber subscriber, Consumer<String> problems) {
        this.in = in;
        this.client = client;
        this.subscriber = subscriber;
        this.problems = problems;
    }

    @Override
    public void run() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    handle(line.trim());
                }
            }
        } catch (IOException e) {
            problems.accept("stdin: " + e.getMessage());
        }
    }

    void handle(String line) {
        JsonNode frame;
        try {
            frame = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            problems.accept("not sent: the line is not JSON (" + e.getOriginalMessage() + "); type one JSON object a "
                    + "line, e.g. {\"type\":\"subscribe\",\"channel\":\"metrics\"}");
            return;
        }
        if (frame == null || !frame.isObject()) {
            problems.accept("not sent: a frame is one JSON object, e.g. {\"type\":\"ping\"}");
            return;
        }
        String type = frame.path("type").asText();
        String channel = frame.path("channel").asText("");
        if (type.equals("subscribe") && !channel.isBlank()) {
            JsonNode presence = frame.path("presence");
            subscriber.subscribe(channel, presence.isBoolean() ? presence.booleanValue() : null);
        } else if (type.equals("presence") && !channel.isBlank() && !frame.has("after")) {
            subscriber.presence(channel);
        } else if (type.equals("unsubscribe") && !channel.isBlank()) {
            client.unsubscribe(channel);
        } else {
            client.send((ObjectNode) frame).exceptionally(error -> {
                problems.accept("not sent: " + error.getMessage());
                return null;
            });
        }
    }
}
