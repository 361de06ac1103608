package io.switchboard.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * What {@link SwitchboardClient.Builder} collected, checked.
 *
 * @param token a fixed JWT, or null
 * @param tokenSupplier gives a fresh JWT when asked (at connect, before expiry, after 4001), or null
 * @param acceptEncoding payload encodings to announce ({@code gzip}, {@code deflate}, {@code zstd})
 * @param proxy an HTTP proxy reached with CONNECT, or null
 * @param frameLogger sees every frame, or null
 */
record ClientOptions(
        GatewayUrl url,
        String token,
        Supplier<String> tokenSupplier,
        List<String> acceptEncoding,
        Duration minDelay,
        Duration maxDelay,
        InetSocketAddress proxy,
        FrameLogger frameLogger,
        Duration connectTimeout) {

    static final List<String> ENCODINGS = List.of("gzip", "deflate", "zstd");

    ClientOptions {
        acceptEncoding = List.copyOf(acceptEncoding);
        for (String encoding : acceptEncoding) {
            if (!ENCODINGS.contains(encoding)) {
                throw new IllegalArgumentException(
                        "unknown encoding '" + encoding + "': acceptEncoding takes gzip, deflate and zstd");
            }
        }
        if (token != null && tokenSupplier != null) {
            throw new IllegalArgumentException("give a token or a token supplier, not both");
        }
        new Backoff(minDelay, maxDelay, () -> 0); // checks the bounds
    }
}
