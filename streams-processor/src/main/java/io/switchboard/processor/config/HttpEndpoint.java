package io.switchboard.processor.config;

import io.switchboard.config.ConfigException;

/**
 * Where the processor serves {@code /metrics}, {@code /health/live} and {@code /health/ready} (keys {@link
 * ProcessorKeys#HTTP_HOST} and {@link ProcessorKeys#HTTP_PORT}).
 *
 * @param host the address to bind, e.g. {@code 0.0.0.0} (every interface) or {@code 127.0.0.1}
 * @param port the port: 0 lets the OS choose one, {@value #DISABLED} serves nothing
 */
public record HttpEndpoint(String host, int port) {
    /** The port value that switches the endpoints off. */
    public static final int DISABLED = -1;

    public HttpEndpoint {
        if (host == null || host.isBlank()) {
            throw new ConfigException(ProcessorKeys.HTTP_HOST, "must not be empty");
        }
        host = host.trim();
        ConfigValidation.range(ProcessorKeys.HTTP_PORT, port);
    }

    /** The defaults: every interface, port 8081. */
    static HttpEndpoint defaults() {
        return new HttpEndpoint("0.0.0.0", 8081);
    }

    /** Loopback, a port the OS chooses: for tests that start several processors. */
    static HttpEndpoint loopbackAnyPort() {
        return new HttpEndpoint("127.0.0.1", 0);
    }

    /** False when {@link #port()} is {@value #DISABLED}. */
    public boolean enabled() {
        return port != DISABLED;
    }

    @Override
    public String toString() {
        return enabled() ? host + ":" + port : "disabled";
    }
}
