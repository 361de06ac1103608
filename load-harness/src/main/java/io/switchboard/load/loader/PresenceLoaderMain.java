package io.switchboard.load.loader;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * One presence loader process. On standard output: {@code READY <subscribed> <failed>} once every first connection is
 * subscribed or failed; {@code CHURNED <subscribes> <unsubscribes>} when a churn is over and every member holds the
 * channel again. On standard input: {@code STATE} (answered {@code STATE <members> <lost> <unsettled>}), {@code CHURN
 * <operations a second> <seconds>}, {@code STOP} (writes the result, prints {@code DONE}, exits).
 */
@Command(name = "presence-loader", mixinStandardHelpOptions = true)
public final class PresenceLoaderMain implements Callable<Integer> {
    @Mixin
    LoaderProcessOptions process;

    @Mixin
    ClusterLoaderOptions cluster;

    @Option(names = "--channel", required = true, description = "The presence-enabled channel.")
    String channel;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PresenceLoaderMain()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        String secret = ClusterLoaderOptions.jwtSecret();
        PresenceLoader loader = new PresenceLoader(new PresenceLoaderSettings(
                process.index,
                cluster.addresses(),
                process.firstClient,
                process.clients,
                process.perAddress,
                channel,
                secret,
                process.maxInFlight,
                process.readBufferKib * 1024));
        Thread control = new Thread(() -> control(loader), "presence-loader-control");
        control.setDaemon(true);
        control.start();
        new ObjectMapper().writeValue(process.result.toFile(), loader.run());
        System.out.println("DONE");
        return 0;
    }

    private static void control(PresenceLoader loader) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] words = line.trim().split(" ");
                switch (words[0]) {
                    case "STATE" -> System.out.println(loader.state());
                    case "CHURN" -> loader.churn(Double.parseDouble(words[1]), Double.parseDouble(words[2]));
                    case "STOP" -> {
                        loader.stop();
                        return;
                    }
                    default -> System.err.println("presence loader: unknown command " + Arrays.toString(words));
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("presence loader control: " + e);
        }
        loader.stop();
    }
}
