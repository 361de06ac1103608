package io.switchboard.gateway;

import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.kafka.embedded.EmbeddedKafkaBroker;
import io.switchboard.schemas.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Memory per connection of the gateway with and without permessage-deflate (docs/benchmarks.md). Not a test: run
 * {@code main} with the connection count and the rounds in order ({@code plain,deflate} by default; a round in a
 * fresh JVM gives the cleanest RSS, as memory freed by an earlier round is reused without showing). The gateway (and an embedded broker) run in this process; the clients run
 * in a child process, so only the server's side is measured: RSS and heap after GC, before and after the
 * connections open, for plain clients and for clients negotiating permessage-deflate, each on a fresh gateway.
 */
public final class DeflateMemoryBenchmark {
    private DeflateMemoryBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("clients")) {
            runClients(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Boolean.parseBoolean(args[3]));
            return;
        }
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
            int round = 0;
            for (String mode : (args.length > 1 ? args[1] : "plain,deflate").split(",")) {
                boolean deflate = mode.equals("deflate");
                Topics topics = new Topics("bench" + round++);
                try (ProcessorStandIn processor = new ProcessorStandIn(broker.bootstrapServers(), topics, "metrics")) {
                    measure(broker.bootstrapServers(), topics, connections, deflate);
                }
            }
        }
    }

    private static void measure(String bootstrap, Topics topics, int connections, boolean deflate) throws Exception {
        // The option is on in both rounds: whether a connection pays for the extension is the client's choice.
        GatewayConfig config = GatewayConfig.forTests(
                bootstrap,
                Map.of(
                        GatewayConfig.TOPIC_PREFIX, topics.prefix(),
                        GatewayConfig.WS_PERMESSAGE_DEFLATE, "true",
                        GatewayConfig.WS_DEFLATE_LEVEL, "6"));
        try (SwitchboardGateway gateway = SwitchboardGateway.start(config)) {
            long[] before = settledMemory();
            Process clients = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            DeflateMemoryBenchmark.class.getName(),
                            "clients",
                            String.valueOf(gateway.port()),
                            String.valueOf(connections),
                            String.valueOf(deflate))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(clients.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            long[] after = settledMemory();
            clients.getOutputStream().close();
            clients.waitFor();
            System.out.printf(
                    "%s: %s; per connection: RSS %.1f KB, heap %.1f KB%n",
                    deflate ? "permessage-deflate" : "plain",
                    ready,
                    (after[0] - before[0]) / 1024.0 / connections,
                    (after[1] - before[1]) / 1024.0 / connections);
        }
    }

    /** Opens the connections, prints one line when all are welcomed, and holds them until stdin closes. */
    private static void runClients(int port, int connections, boolean deflate) throws Exception {
        List<UndertowWsClient> open = new ArrayList<>();
        int negotiated = 0;
        try (UndertowWsClient.Clients clients = new UndertowWsClient.Clients()) {
            for (int i = 0; i < connections; i++) {
                UndertowWsClient client = clients.connect(port, deflate);
                open.add(client);
                negotiated += client.acceptedExtensions().isEmpty() ? 0 : 1;
                if (client.next() == null) {
                    throw new IOException("no welcome on connection " + i);
                }
            }
            System.out.println(connections + " connections, " + negotiated + " with permessage-deflate");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the connections until the parent closes our stdin
            }
            open.forEach(UndertowWsClient::close);
        }
    }

    /** {RSS, heap used} in bytes after GC and a moment to settle. */
    private static long[] settledMemory() throws Exception {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(500);
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new long[] {rssBytes(), heap};
    }

    private static long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }
}
