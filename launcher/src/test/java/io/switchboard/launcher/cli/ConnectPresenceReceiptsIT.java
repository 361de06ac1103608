package io.switchboard.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.client.Message;
import io.switchboard.client.PublishOptions;
import io.switchboard.client.Receipt;
import io.switchboard.client.SubscribeOptions;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.config.Settings;
import io.switchboard.gateway.auth.DevTokens;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.kafka.embedded.FreePorts;
import io.switchboard.launcher.dev.DevAccess;
import io.switchboard.launcher.dev.DevCluster;
import io.switchboard.launcher.dev.DevConfig;
import io.switchboard.processor.config.ProcessorKeys;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * {@code switchboard connect} and the Java client with presence and delivery receipts, against a dev cluster (embedded
 * Kafka, the processor and a gateway, in this JVM): the command runs in-process with its stdin, stdout and stderr
 * captured, the other side of each conversation is a {@link SwitchboardClient}.
 */
@Timeout(240)
class ConnectPresenceReceiptsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static DevCluster cluster;
    private static String url;
    private static String secret;

    @BeforeAll
    static void startCluster() {
        int kafkaPort = FreePorts.pick();
        int webSocketPort = FreePorts.pick();
        while (webSocketPort == kafkaPort) {
            webSocketPort = FreePorts.pick();
        }
        Map<String, String> values = new HashMap<>(DevConfig.defaults());
        values.put(DevConfig.KAFKA_PORT, String.valueOf(kafkaPort));
        values.put(GatewayConfig.PORT, String.valueOf(webSocketPort));
        values.put(ProcessorKeys.HTTP_PORT, "0");
        values.put(DevConfig.DEMO, "false");
        DevConfig config = DevConfig.from(Settings.of(values));
        secret = DevAccess.of(config).secret();
        cluster = DevCluster.start(config);
        url = "ws://127.0.0.1:" + webSocketPort + "/ws";
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void connectWithPresencePrintsWhoIsThereJoinsLeavesAndTheReceiptsOfATypedPublish() throws Exception {
        String thread = "forum_threads:" + UUID.randomUUID();
        try (Connect alice = Connect.start(
                "connect", url, "--token", token("alice"), "--subscribe", thread, "--presence", "--format", "json")) {
            JsonNode here = alice.awaitLine("who is on " + thread, type("presence", thread));
            assertThat(here.has("id"))
                    .as("the client's own request id is left out")
                    .isFalse();

            List<Message> bobsMessages = new CopyOnWriteArrayList<>();
            JsonNode bobJoined;
            try (SwitchboardClient bob = client("bob")) {
                bob.subscribe(thread, bobsMessages::add).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                bobJoined = alice.awaitLine("bob's join", type("join", thread).and(user("bob")));

                alice.type("{\"type\":\"presence\",\"channel\":\"" + thread + "\"}");
                JsonNode both = alice.awaitLine(
                        "an answer naming bob",
                        type("presence", thread)
                                .and(line -> line.path("members").toString().contains("\"bob\"")));
                assertThat(both.path("members").findValuesAsText("user_id")).contains("alice", "bob");

                alice.type("{\"type\":\"publish\",\"id\":\"p1\",\"channel\":\"" + thread
                        + "\",\"event\":\"said\",\"data\":{\"text\":\"hi\"},\"receipts\":true}");
                JsonNode published =
                        alice.awaitLine("published", type("published").and(id("p1")));
                await().atMost(WAIT).until(() -> !bobsMessages.isEmpty());
                assertThat(bobsMessages.get(0).offset())
                        .isEqualTo(published.path("offset").asLong());

                bob.ack(thread, bobsMessages.get(0).offset());
                JsonNode receipt =
                        alice.awaitLine("bob's receipt", type("receipt").and(user("bob")));
                assertThat(receipt.path("event_id").asText()).isNotBlank();
                assertThat(receipt.path("acked_at").asLong()).isPositive();
                assertThat(receipt.has("channel")).isFalse();
            }
            JsonNode bobLeft =
                    alice.awaitLine("bob's leave", type("leave", thread).and(user("bob")));

            assertThat(bobJoined.path("ts").asLong()).isPositive();
            assertThat(bobLeft.path("ts").asLong())
                    .isGreaterThanOrEqualTo(bobJoined.path("ts").asLong());
            JsonNode ownMessage = alice.awaitLine("alice's own message", line -> !line.has("type"));
            assertThat(fieldNames(ownMessage))
                    .as("a message line keeps the documented fields")
                    .containsExactly("channel", "event", "data", "offset", "epoch", "ts", "replayed");
            assertThat(alice.stop()).isZero();
        }
    }

    @Test
    void aJavaClientPublishingWithReceiptsHearsFromAConnectThatAcknowledges() throws Exception {
        String thread = "forum_threads:" + UUID.randomUUID();
        List<Receipt> receipts = new CopyOnWriteArrayList<>();
        List<JsonNode> joins = new CopyOnWriteArrayList<>();
        try (SwitchboardClient carol = SwitchboardClient.builder(url)
                .token(token("carol"))
                .receiptListener(receipts::add)
                .build()) {
            carol.opened().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            carol.subscribe(thread, message -> {}, SubscribeOptions.presence(joins::add, leave -> {}))
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            try (Connect dave = Connect.start(
                    "connect", url, "--token", token("dave"), "--subscribe", thread, "--ack", "--format", "compact")) {
                dave.awaitLog("subscribed to " + thread);
                await().atMost(WAIT).until(() -> joins.stream().anyMatch(user("dave")));
                JsonNode who = carol.presence(thread).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(who.path("members").findValuesAsText("user_id")).contains("carol", "dave");

                JsonNode published = carol.publish(
                                thread, JSON.readTree("{\"text\":\"read me\"}"), "said", PublishOptions.withReceipts())
                        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
                dave.awaitOut(thread + " #" + published.path("offset").asLong() + " said");
                await().atMost(WAIT).until(() -> !receipts.isEmpty());

                assertThat(receipts).hasSize(1);
                assertThat(receipts.get(0).userId()).isEqualTo("dave");
                assertThat(receipts.get(0).eventId()).isNotBlank();
                assertThat(receipts.get(0).ackedAt()).isPositive();
                assertThat(dave.stop()).isZero();
            }
        }
    }

    private static SwitchboardClient client(String user) throws Exception {
        SwitchboardClient client =
                SwitchboardClient.builder(url).token(token(user)).build();
        client.opened().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return client;
    }

    private static String token(String user) {
        return DevTokens.mint(secret, user, List.of("viewer"), Duration.ofHours(1));
    }

    private static Predicate<JsonNode> type(String type) {
        return line -> type.equals(line.path("type").asText());
    }

    private static Predicate<JsonNode> type(String type, String channel) {
        return type(type).and(line -> channel.equals(line.path("channel").asText()));
    }

    private static Predicate<JsonNode> user(String user) {
        return line -> user.equals(line.path("user_id").asText());
    }

    private static Predicate<JsonNode> id(String id) {
        return line -> id.equals(line.path("id").asText());
    }

    private static List<String> fieldNames(JsonNode line) {
        List<String> names = new ArrayList<>();
        line.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** One {@code switchboard connect} running in this JVM, stdin typed by the test, stdout and stderr kept. */
    private record Connect(
            Thread running,
            CompletableFuture<Integer> exit,
            PipedOutputStream typing,
            StringWriter out,
            StringWriter err)
            implements AutoCloseable {
        static Connect start(String... args) throws IOException {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            PipedOutputStream typing = new PipedOutputStream();
            CommandLine cli = SwitchboardCli.create(Map.of(), new PipedInputStream(typing));
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            Thread running = new Thread(() -> exit.complete(cli.execute(args)), "connect-under-test");
            running.start();
            return new Connect(running, exit, typing, out, err);
        }

        void type(String line) throws IOException {
            typing.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            typing.flush();
        }

        /** The first stdout line (one JSON object) that matches. */
        JsonNode awaitLine(String description, Predicate<JsonNode> match) {
            return await(description + " in " + out + err)
                    .atMost(WAIT)
                    .until(() -> firstLine(match), Optional::isPresent)
                    .orElseThrow();
        }

        void awaitOut(String text) {
            await("'" + text + "' in " + out + err).atMost(WAIT).until(() -> out.toString()
                    .contains(text));
        }

        void awaitLog(String text) {
            await("'" + text + "' in " + err).atMost(WAIT).until(() -> err.toString()
                    .contains(text));
        }

        private Optional<JsonNode> firstLine(Predicate<JsonNode> match) throws IOException {
            for (String line : out.toString().split("\\R")) {
                if (!line.isBlank()) {
                    JsonNode parsed = JSON.readTree(line);
                    if (match.test(parsed)) {
                        return Optional.of(parsed);
                    }
                }
            }
            return Optional.empty();
        }

        /** Stops the command as an embedding would (interrupt) and returns its exit code. */
        int stop() throws Exception {
            running.interrupt();
            return exit.get(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws IOException {
            running.interrupt();
            typing.close();
        }
    }
}
