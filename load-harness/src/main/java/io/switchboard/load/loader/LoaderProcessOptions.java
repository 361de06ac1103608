package io.switchboard.load.loader;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every loader process takes from its coordinator, whichever test it runs: which loader it is, the range
 * of clients it holds, how they spread over source addresses, how fast it opens them, its read buffer and where its
 * result goes.
 */
final class LoaderProcessOptions {
    @Option(names = "--index", required = true)
    int index;

    @Option(names = "--first-client", required = true)
    int firstClient;

    @Option(names = "--clients", required = true)
    int clients;

    @Option(names = "--per-address", defaultValue = "16")
    int perAddress;

    @Option(names = "--max-in-flight", defaultValue = "200")
    int maxInFlight;

    @Option(names = "--read-buffer-kib", defaultValue = "256")
    int readBufferKib;

    @Option(names = "--result", required = true)
    Path result;
}
