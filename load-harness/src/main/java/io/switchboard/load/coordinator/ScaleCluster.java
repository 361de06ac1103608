package io.switchboard.load.coordinator;

import io.switchboard.kafka.embedded.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The servers of the scale and presence tests: a broker, N {@code switchboard processor} processes (one application,
 * each with its own state directory and HTTP port) and M {@code switchboard gateway} processes (JWT auth with a shared
 * HS256 secret, no anonymous access), started as a user would, on the server core.
 */
final class ScaleCluster {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    /** The gateways' HS256 secret, from which every client's token is minted. */
    final String jwtSecret;

    final Broker broker;
    final List<Child> processors = new ArrayList<>();
    final List<Integer> processorPorts = new ArrayList<>();
    final List<Child> gateways = new ArrayList<>();
    final List<Integer> gatewayPorts = new ArrayList<>();
    private final Set<Integer> taken = new HashSet<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * Starts the broker, then {@code processorCount} processors and {@code gatewayCount} gateways that share a fresh
     * JWT secret, and waits until each server answers {@code /health/ready}.
     */
    static ScaleCluster start(
            Children children,
            Placement placement,
            ClusterOptions options,
            int processorCount,
            int gatewayCount,
            Path dir)
            throws IOException, InterruptedException {
        ScaleCluster cluster = new ScaleCluster(randomSecret(), Servers.startBroker(children, placement, dir));
        cluster.startServers(
                children, placement, options.script(), processorCount, gatewayCount, options.settings, dir);
        return cluster;
    }

    private ScaleCluster(String jwtSecret, Broker broker) {
        this.jwtSecret = jwtSecret;
        this.broker = broker;
    }

    private void startServers(
            Children children,
            Placement placement,
            Path script,
            int processorCount,
            int gatewayCount,
            Map<String, String> settings,
            Path dir)
            throws IOException, InterruptedException {
        for (int i = 0; i < processorCount; i++) {
            int port = port();
            Map<String, String> env = new HashMap<>(Map.of(
                    "SWITCHBOARD_PROCESSOR_HTTP_HOST",
                    "127.0.0.1",
                    "SWITCHBOARD_PROCESSOR_STATE_DIR",
                    dir.resolve("processor-" + i + "-state").toString()));
            env.putAll(settings);
            processors.add(children.start(
                    "processor-" + i,
                    placement.serverCpu(),
                    List.of(
                            script.toString(),
                            "processor",
                            "--bootstrap",
                            broker.bootstrap(),
                            "--http-port",
                            "" + port),
                    env,
                    dir));
            processorPorts.add(port);
        }
        for (int i = 0; i < gatewayCount; i++) {
            int port = port();
            Map<String, String> env = new HashMap<>(Map.of(
                    "SWITCHBOARD_GATEWAY_AUTH_JWT_SECRET", jwtSecret, "SWITCHBOARD_GATEWAY_ID", "gw-scale-" + i));
            env.putAll(settings);
            gateways.add(children.start(
                    "gateway-" + i,
                    placement.serverCpu(),
                    List.of(
                            script.toString(),
                            "gateway",
                            "--bootstrap",
                            broker.bootstrap(),
                            "--host",
                            "127.0.0.1",
                            "--port",
                            "" + port),
                    env,
                    dir));
            gatewayPorts.add(port);
        }
        for (int i = 0; i < processorCount; i++) {
            Readiness.await(processors.get(i), processorPorts.get(i), START_TIMEOUT);
        }
        for (int i = 0; i < gatewayCount; i++) {
            Readiness.await(gateways.get(i), gatewayPorts.get(i), START_TIMEOUT);
        }
    }

    /** Saves {@code /metrics} of every server still running to {@code dir/<name>-<label>.prom}. */
    void scrape(Path dir, String label) {
        for (int i = 0; i < gateways.size(); i++) {
            scrape(
                    gateways.get(i),
                    gatewayPorts.get(i),
                    dir.resolve(gateways.get(i).name() + "-" + label + ".prom"));
        }
        for (int i = 0; i < processors.size(); i++) {
            scrape(
                    processors.get(i),
                    processorPorts.get(i),
                    dir.resolve(processors.get(i).name() + "-" + label + ".prom"));
        }
    }

    private void scrape(Child child, int port, Path file) {
        if (!child.alive()) {
            return;
        }
        try {
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(10))
                    .build();
            Files.writeString(
                    file, http.send(get, HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            System.err.println("scale-test: could not scrape " + child.name() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The gateways' address list, {@code 127.0.0.1:port,…}, as the loaders take it. */
    String gatewayAddresses() {
        return gatewayPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private int port() {
        int port;
        do {
            port = FreePorts.pick();
        } while (!taken.add(port));
        return port;
    }
}
