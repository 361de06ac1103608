package io.switchboard.load.loader;

import java.net.InetSocketAddress;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * What the scale and presence loader processes take besides {@link LoaderProcessOptions}: the gateways, and their
 * HS256 secret (from the environment, so that it is not on a command line) to mint each client's token.
 */
final class ClusterLoaderOptions {
    @Option(names = "--gateways", required = true, split = ",", description = "host:port of each gateway.")
    List<String> gateways;

    /** The gateways' addresses, in the order given. */
    List<InetSocketAddress> addresses() {
        return gateways.stream()
                .map(g -> new InetSocketAddress(
                        g.substring(0, g.lastIndexOf(':')), Integer.parseInt(g.substring(g.lastIndexOf(':') + 1))))
                .toList();
    }

    /** The gateways' HS256 secret, from {@code SCALE_JWT_SECRET}. */
    static String jwtSecret() {
        String secret = System.getenv("SCALE_JWT_SECRET");
        if (secret == null) {
            throw new IllegalArgumentException("SCALE_JWT_SECRET must hold the gateways' HS256 secret");
        }
        return secret;
    }
}
