package io.switchboard.e2e.bench;

import io.switchboard.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of one mode on a fresh gateway process and fresh topics: connect and subscribe every client, warm up,
 * measure, check that every client got every message in the expected form.
 */
final class BenchRun {
    private static final long IDLE_MS = 5000;

    private final String bootstrap;
    private final Settings settings;
    private final Payloads payloads;
    private final Path logs;

    /** What every run uses: clients, messages, rate. */
    record Settings(int clients, int warmUp, int messages, int perSecond, int sampleEvery) {
        long intervalNanos() {
            return TimeUnit.SECONDS.toNanos(1) / perSecond;
        }
    }

    BenchRun(String bootstrap, Settings settings, Payloads payloads, Path logs) {
        this.bootstrap = bootstrap;
        this.settings = settings;
        this.payloads = payloads;
        this.logs = logs;
    }

    RunResult execute(Mode mode, int run) throws Exception {
        Topics topics = new Topics("bench" + run + mode.letter);
        Path log = logs.resolve("gateway-" + run + mode.letter + ".log");
        try (DeliveryWriter writer = new DeliveryWriter(bootstrap, topics);
                GatewayProcess gateway =
                        GatewayProcess.start(bootstrap, topics.prefix(), mode.permessageDeflate, log)) {
            try (Grants grants = new Grants(bootstrap, topics, DeliveryWriter.PARTITIONS);
                    WsClients clients = WsClients.connect(
                            gateway.port(), mode, settings.clients(), settings.sampleEvery(), payloads)) {
                expect(clients, WsClients.CONTROL_MESSAGES, Duration.ofSeconds(120), "welcome and subscribed");
                grants.stop();
                return measure(mode, run, writer, gateway, clients);
            } finally {
                long slow = gateway.logLinesContaining("slow-consumer");
                if (slow > 0) {
                    System.out.println("gateway closed " + slow + " slow connections; see " + log);
                }
            }
        }
    }

    private RunResult measure(Mode mode, int run, DeliveryWriter writer, GatewayProcess gateway, WsClients clients)
            throws Exception {
        int warmUp = settings.warmUp();
        int total = warmUp + settings.messages();
        writer.write(payloads, mode.stored, 0, warmUp, settings.intervalNanos());
        expect(clients, WsClients.CONTROL_MESSAGES + warmUp, Duration.ofSeconds(120), "warm-up");

        // what the gateway spends with every connection open and nothing to deliver (Kafka polls, timers, JIT)
        long idleStart = gateway.cpuNanos();
        Thread.sleep(IDLE_MS);
        double idleMsPerSecond = (gateway.cpuNanos() - idleStart) / 1e6 / (IDLE_MS / 1000.0);

        long bytesBefore = clients.bytes();
        long cpuBefore = gateway.cpuNanos();
        long windowStart = System.nanoTime();
        long[] sentAt = writer.write(payloads, mode.stored, warmUp, total, settings.intervalNanos());
        expect(clients, WsClients.CONTROL_MESSAGES + total, Duration.ofSeconds(120), "measured messages");
        Window window = new Window(
                gateway.cpuNanos() - cpuBefore,
                (System.nanoTime() - windowStart) / 1e9,
                clients.bytes() - bytesBefore,
                idleMsPerSecond);
        if (clients.messages() != (long) (WsClients.CONTROL_MESSAGES + total) * clients.size()) {
            throw new IllegalStateException("more messages than were sent: " + clients.messages());
        }
        checkForms(mode, clients, (long) total * clients.size());
        return summarize(mode, run, window, clients, sentAt);
    }

    /** What the measured phase used: gateway CPU, wall time, bytes read by the clients; and the idle CPU rate. */
    private record Window(long cpuNanos, double seconds, long bytes, double idleMsPerSecond) {}

    private RunResult summarize(Mode mode, int run, Window window, WsClients clients, long[] sentAt) {
        int warmUp = settings.warmUp();
        long deliveries = (long) settings.messages() * clients.size();
        double[] fanOut = new double[settings.messages()];
        for (int i = 0; i < fanOut.length; i++) {
            fanOut[i] = (clients.completedAt(warmUp + i) - sentAt[i]) / 1e6;
        }
        double totalMs = (clients.completedAt(warmUp + fanOut.length - 1) - sentAt[0]) / 1e6;
        Arrays.sort(fanOut);
        double thousands = deliveries / 1000.0;
        double cpuMs = window.cpuNanos() / 1e6;
        return new RunResult(
                mode,
                run,
                deliveries,
                (double) window.bytes() / deliveries,
                cpuMs / thousands,
                (cpuMs - window.idleMsPerSecond() * window.seconds()) / thousands,
                window.idleMsPerSecond(),
                fanOut[fanOut.length / 2],
                fanOut[fanOut.length - 1],
                totalMs,
                clients.verifiedSamples());
    }

    /** Every payload message of every client in the mode's form; samples checked the content itself. */
    private static void checkForms(Mode mode, WsClients clients, long payloadMessages) {
        long binary = clients.binaryPayloads();
        long compressed = clients.compressedPayloads();
        boolean right =
                switch (mode.expect) {
                    case TEXT -> binary == 0 && compressed == 0;
                    case DEFLATED_TEXT -> binary == 0 && compressed == payloadMessages;
                    case GZIP_BINARY -> binary == payloadMessages && compressed == 0;
                };
        if (!right) {
            throw new IllegalStateException(String.format(
                    "mode %s: of %d payload messages %d were binary and %d deflated",
                    mode.letter, payloadMessages, binary, compressed));
        }
    }

    private static void expect(WsClients clients, int perConnection, Duration timeout, String what) {
        if (!clients.await(perConnection, timeout)) {
            List<String> failures = clients.failures();
            throw new IllegalStateException("not every client got its " + what + ": "
                    + (failures.isEmpty()
                            ? ""
                            : failures.size() + " failures, first " + failures.subList(0, Math.min(5, failures.size()))
                                    + "; ")
                    + clients.messages() + " messages; connections (index:messages) " + clients.unlike(perConnection));
        }
    }
}
