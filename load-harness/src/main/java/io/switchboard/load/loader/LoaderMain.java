package io.switchboard.load.loader;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * One loader process, started by the coordinator. It talks on standard streams: it prints {@code STATUS …} while
 * connecting and {@code READY <subscribed> <failed>} once every client is subscribed or failed; it answers {@code
 * COUNT} with {@code COUNT <measured messages> <open connections>}; on {@code STOP <last sequence produced>} (or when
 * its input ends, i.e. the coordinator is gone) it writes its result file, prints {@code DONE} and exits.
 */
@Command(name = "loader", mixinStandardHelpOptions = true)
public final class LoaderMain implements Callable<Integer> {
    @Mixin
    LoaderProcessOptions process;

    @Option(names = "--host", required = true)
    String host;

    @Option(names = "--port", required = true)
    int port;

    @Option(names = "--path", defaultValue = "/ws")
    String path;

    @Option(names = "--channel", defaultValue = "metrics")
    String channel;

    @Option(names = "--warmup-events", defaultValue = "0")
    long warmupEvents;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoaderMain()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        LoaderSettings settings = new LoaderSettings(
                process.index,
                new InetSocketAddress(host, port),
                path,
                channel,
                process.firstClient,
                process.clients,
                process.perAddress,
                process.maxInFlight,
                warmupEvents,
                process.readBufferKib * 1024);
        Loader loader = new Loader(settings);
        Thread control = new Thread(() -> control(loader), "loader-control");
        control.setDaemon(true);
        control.start();
        LoaderOutcome outcome = loader.run();
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(process.result.toFile(), outcome.result());
        System.out.println("DONE");
        return 0;
    }

    /** Reads the coordinator's commands; the selector thread does all the work. */
    private static void control(Loader loader) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("COUNT")) {
                    System.out.println("COUNT " + loader.measuredReceived() + " " + loader.openCount());
                } else if (line.startsWith("STOP")) {
                    loader.stop(Long.parseLong(line.substring(4).trim()));
                    return;
                }
            }
        } catch (IOException | NumberFormatException e) {
            System.err.println("loader control: " + e);
        }
        loader.stop(0);
    }
}
