package io.switchboard.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.client.ClientState;
import io.switchboard.client.ConnectionListener;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.client.SwitchboardException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard connect}: a terminal client built on the Java client library. Messages go to stdout in the
 * chosen format, and so do joins and leaves (with {@code --presence}), presence answers and delivery receipts;
 * connection events and errors to stderr (or {@code --log-file}); lines typed on stdin are sent as frames. Ctrl-C
 * closes with 1000 and exits 0; a first connection that fails exits 1 with one line saying why.
 */
@Command(
        name = "connect",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Connects to a gateway and prints the messages of the channels it subscribes to; lines typed on stdin "
                    + "are sent as frames (one JSON object a line). Reconnects and resumes by itself. Ctrl-C quits.",
            "Delivery receipts of what you publish with \"receipts\":true are printed as they come; "
                    + "{\"type\":\"presence\",\"channel\":\"…\"} prints who is on a channel.",
            "Example: switchboard connect ws://localhost:8080/ws --token \"$(switchboard token --user alice)\" "
                    + "--subscribe metrics,status --format json"
        })
final class ConnectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "URL", description = "The gateway's WebSocket endpoint, ws:// or wss://.")
    String url;

    @Option(
            names = "--token",
            paramLabel = "JWT",
            description = "A JWT, sent as Authorization: Bearer (default: anonymous).")
    String token;

    @Option(
            names = "--subscribe",
            split = ",",
            paramLabel = "CHANNEL",
            description = "Channels to subscribe to, comma-separated.")
    List<String> channels = new ArrayList<>();

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description =
                    "pretty (default; coloured on a terminal), json "
                            + "(one JSON object a line: channel, event, data, offset, epoch, ts, replayed) or compact (one short line).")
    MessageFormat format = MessageFormat.PRETTY;

    @Option(
            names = "--presence",
            description = "Subscribe with presence: print who is on each channel once subscribed, then each join and "
                    + "leave. A typed subscribe's own \"presence\" flag wins.")
    boolean presence;

    @Option(
            names = "--ack",
            description = "Acknowledge the messages printed (one ack per channel about every second, for the highest "
                    + "offset printed): their publishers get receipts, the personal channel's cursor moves.")
    boolean ack;

    @Option(names = "--verbose", description = "Also log every frame in and out.")
    boolean verbose;

    @Option(
            names = "--log-file",
            paramLabel = "FILE",
            description = "Write the log there (appended) instead of stderr.")
    Path logFile;

    @Option(
            names = "--proxy",
            paramLabel = "URL",
            description = "An HTTP proxy to tunnel through with CONNECT, http://host:port.")
    String proxy;

    @Spec
    CommandSpec spec;

    private final InputStream stdin;

    ConnectCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ConnectLog log = ConnectLog.open(logFile, spec.commandLine().getErr(), verbose)) {
            CountDownLatch ended = new CountDownLatch(1);
            MessagePrinter printer = new MessagePrinter(out, format, System.console() != null);
            SwitchboardClient client = client(log, new StatusLog(log, printer, ended), printer);
            ConnectAcks acks = ack ? new ConnectAcks(client) : null;
            ConnectChannels subscriptions =
                    new ConnectChannels(client, printer, log, presence, acks == null ? message -> {} : acks::printed);
            Thread hook = new Thread(() -> stopOnSignal(client, acks, log, out), "switchboard-connect-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                awaitOpen(client);
                channels.forEach(subscriptions::subscribe);
                startReadingStdin(client, subscriptions, log);
                if (!awaitEnd(ended)) {
                    return ExitCode.OK; // interrupted: stopped by whoever runs the command in-process
                }
                if (client.state() == ClientState.CLOSED) {
                    throw new CommandFailedException("The gateway closed the connection for good (see above).");
                }
                return ExitCode.OK;
            } finally {
                boolean interrupted = Thread.interrupted(); // close() waits for the close frame to go out
                if (acks != null) {
                    acks.close(); // what was printed is acknowledged before the connection closes
                }
                client.close();
                removeHook(hook);
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private SwitchboardClient client(ConnectLog log, StatusLog status, MessagePrinter printer) {
        SwitchboardClient.Builder builder;
        try {
            builder = SwitchboardClient.builder(url).token(token);
            if (proxy != null) {
                builder.proxy(proxy);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException("Cannot connect: " + e.getMessage(), e);
        }
        return builder.frameLogger(log)
                .connectionListener(status)
                .receiptListener(printer::printReceipt)
                .build();
    }

    /** Waits until the client is closed for good: true; or until this thread is interrupted: false. */
    private static boolean awaitEnd(CountDownLatch ended) {
        try {
            ended.await();
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static void awaitOpen(SwitchboardClient client) {
        try {
            client.opened().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("Interrupted while connecting", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
            throw new CommandFailedException("Cannot connect: " + cause.getMessage(), cause);
        }
    }

    private void startReadingStdin(SwitchboardClient client, ConnectChannels subscriptions, ConnectLog log) {
        StdinFrames frames = new StdinFrames(stdin, client, subscriptions, log::event);
        Thread reader = new Thread(frames, "switchboard-connect-stdin");
        reader.setDaemon(true); // a blocked read must not keep the JVM alive
        reader.start();
    }

    /** Ctrl-C or SIGTERM: close with 1000 and exit 0 (a JVM stopped by a signal would otherwise exit 130 or 143). */
    private static void stopOnSignal(SwitchboardClient client, ConnectAcks acks, ConnectLog log, PrintWriter out) {
        if (acks != null) {
            acks.close();
        }
        client.close();
        log.event("closed (1000)");
        out.flush();
        log.close();
        Runtime.getRuntime().halt(ExitCode.OK);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is stopping: the hook runs
        }
    }

    static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof SwitchboardException s ? s.code() + ": " + s.getMessage() : cause.toString();
    }

    /**
     * Connection events as log lines, replies to typed frames on stdout; counts down {@code ended} when the client is
     * closed for good.
     */
    private static final class StatusLog implements ConnectionListener {
        private final ConnectLog log;
        private final MessagePrinter printer;
        private final CountDownLatch ended;
        /** Before the first welcome only --verbose logs events: a failed first attempt is the one line of its error. */
        private volatile boolean opened;

        StatusLog(ConnectLog log, MessagePrinter printer, CountDownLatch ended) {
            this.log = log;
            this.printer = printer;
            this.ended = ended;
        }

        @Override
        public void onOpen(JsonNode welcome) {
            opened = true;
            log.event("connected as " + welcome.path("user_id") + " ("
                    + welcome.path("connection_id").asText() + ")");
        }

        @Override
        public void onResumed(JsonNode welcome) {
            log.event("resumed the previous session");
        }

        @Override
        public void onClose(int code, String reason) {
            event("connection closed: " + code + (reason == null || reason.isEmpty() ? "" : " " + reason));
        }

        @Override
        public void onReconnecting(int attempt, Duration delay) {
            event("reconnecting in " + delay.toMillis() + " ms (attempt " + attempt + ")");
        }

        @Override
        public void onError(SwitchboardException error) {
            event("error: " + error.code() + ": " + error.getMessage());
            if (error.code().equals("closed")) {
                ended.countDown();
            }
        }

        private void event(String line) {
            if (opened || log.verbose()) {
                log.event(line);
            }
        }

        @Override
        public void onUnhandledFrame(JsonNode frame) {
            printer.printReply(frame);
        }
    }
}
