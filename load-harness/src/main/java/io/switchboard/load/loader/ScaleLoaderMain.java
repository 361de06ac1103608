package io.switchboard.load.loader;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.load.scale.ProducedSequences;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * One scale loader process. On standard output: {@code READY <subscribed> <failed>} once every first connection is
 * subscribed or failed. On standard input: {@code STATE} (answered {@code STATE …}, see {@link ScaleLoader#state()}),
 * {@code PHASE <n>} (survivors' latencies go to histogram n), {@code STOP <producer result file>} (writes the result,
 * prints {@code DONE}, exits).
 */
@Command(name = "scale-loader", mixinStandardHelpOptions = true)
public final class ScaleLoaderMain implements Callable<Integer> {
    @Mixin
    LoaderProcessOptions process;

    @Mixin
    ClusterLoaderOptions cluster;

    @Option(names = "--channels", required = true)
    int channels;

    @Option(names = "--backoff-base-ms", defaultValue = "1000")
    long backoffBase;

    @Option(names = "--backoff-cap-ms", defaultValue = "15000")
    long backoffCap;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ScaleLoaderMain()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        String secret = ClusterLoaderOptions.jwtSecret();
        ScaleSettings settings = new ScaleSettings(
                process.index,
                cluster.addresses(),
                process.firstClient,
                process.clients,
                process.perAddress,
                channels,
                secret,
                backoffBase,
                backoffCap,
                process.maxInFlight,
                process.readBufferKib * 1024);
        ScaleLoader loader = new ScaleLoader(settings);
        Thread control = new Thread(() -> control(loader), "scale-loader-control");
        control.setDaemon(true);
        control.start();
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(process.result.toFile(), loader.run());
        System.out.println("DONE");
        return 0;
    }

    private static void control(ScaleLoader loader) {
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] words = line.split(" ", 2);
                switch (words[0]) {
                    case "STATE" -> System.out.println(loader.state());
                    case "PHASE" -> loader.latencyPhase(Integer.parseInt(words[1].trim()));
                    case "STOP" -> {
                        loader.stop(json.readValue(Path.of(words[1].trim()).toFile(), ProducedSequences.class));
                        return;
                    }
                    default -> System.err.println("scale loader: unknown command " + Arrays.toString(words));
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("scale loader control: " + e);
        }
        loader.stop(new ProducedSequences(0, 0, 0, Map.of()));
    }
}
