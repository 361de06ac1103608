package io.switchboard.load.coordinator;

import io.switchboard.kafka.embedded.FreePorts;
import io.switchboard.load.broker.BrokerMain;
import io.switchboard.load.floor.FloorServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the servers as a user would: the broker as its own process on the load core, once for all runs, and for
 * each run {@code switchboard processor} and {@code switchboard gateway} on the server core with their defaults,
 * except addresses, ports, the bootstrap servers, a fresh state directory, anonymous access (so clients need no
 * token) and what {@code --set} adds. Waits until both answer {@code /health/ready}.
 */
final class Servers {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** The gateway's default {@code gateway.outbound.batch-wait-ms}, so that both wait for records alike. */
    private static final int FLOOR_BATCH_WAIT_MS = 20;

    private final Children children;
    private final Placement placement;
    private final Target target;

    Servers(Children children, Placement placement, Target target) {
        this.children = children;
        this.placement = placement;
        this.target = target;
    }

    /** The broker shared by every run, started by {@code owner} so that it outlives each run's processes. */
    static Broker startBroker(Children owner, Placement placement, Path dir) throws InterruptedException {
        int kafkaPort = FreePorts.pick();
        int controllerPort = pickOther(kafkaPort);
        Child broker = owner.start(
                "broker",
                placement.loadCpu(),
                Jvm.command(
                        List.of("-Xmx1g"),
                        BrokerMain.class,
                        List.of(
                                Integer.toString(kafkaPort),
                                Integer.toString(controllerPort),
                                dir.resolve("kafka").toString())),
                Map.of(),
                dir);
        String bootstrap = broker.await(l -> l.startsWith("READY"), START_TIMEOUT, "READY")
                .substring(6)
                .trim();
        return new Broker(bootstrap, broker.pid());
    }

    /** One run's processor and gateway on {@code broker}, or the floor server in their place. */
    Endpoints start(Broker broker, Path runDir) throws InterruptedException, IOException {
        if (target.floor()) {
            return startFloor(broker, runDir);
        }
        int gatewayPort = FreePorts.pick();
        int processorPort = pickOther(gatewayPort);
        String bootstrap = broker.bootstrap();

        Map<String, String> processorEnv = env(
                Map.of(
                        "SWITCHBOARD_PROCESSOR_HTTP_HOST",
                        "127.0.0.1",
                        "SWITCHBOARD_PROCESSOR_STATE_DIR",
                        runDir.resolve("processor-state").toString()),
                target.processorJavaOpts());
        Child processor = children.start(
                "processor",
                placement.serverCpu(),
                List.of(
                        script(),
                        "processor",
                        "--bootstrap",
                        bootstrap,
                        "--http-port",
                        Integer.toString(processorPort)),
                processorEnv,
                runDir);
        Map<String, String> gatewayEnv =
                env(Map.of("SWITCHBOARD_GATEWAY_AUTH_ANONYMOUS", "true"), target.gatewayJavaOpts());
        Child gateway = children.start(
                "gateway",
                placement.serverCpu(),
                List.of(
                        script(),
                        "gateway",
                        "--bootstrap",
                        bootstrap,
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(gatewayPort)),
                gatewayEnv,
                runDir);
        Readiness.await(processor, processorPort, START_TIMEOUT);
        Readiness.await(gateway, gatewayPort, START_TIMEOUT);
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("gateway", gateway.pid());
        pids.put("processor", processor.pid());
        pids.put("broker", broker.pid());
        return new Endpoints(bootstrap, "127.0.0.1", gatewayPort, "/ws", pids);
    }

    /** The floor server, reading what the producer writes, batching its reads like the gateway's default. */
    private Endpoints startFloor(Broker broker, Path runDir) throws InterruptedException {
        int port = FreePorts.pick();
        Child floor = children.start(
                "gateway",
                placement.serverCpu(),
                Jvm.command(
                        target.gatewayJavaOpts().isBlank()
                                ? List.of()
                                : List.of(target.gatewayJavaOpts().trim().split("\\s+")),
                        FloorServer.class,
                        List.of(
                                "127.0.0.1",
                                Integer.toString(port),
                                broker.bootstrap(),
                                "switchboard.events",
                                "metrics",
                                Integer.toString(FLOOR_BATCH_WAIT_MS))),
                Map.of(),
                runDir);
        floor.await("READY"::equals, START_TIMEOUT, "READY");
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("gateway", floor.pid());
        pids.put("broker", broker.pid());
        return new Endpoints(broker.bootstrap(), "127.0.0.1", port, "/ws", pids);
    }

    private String script() {
        return target.switchboard().toString();
    }

    /** {@code defaults}, the JVM options, then the settings given with {@code --set}, which win. */
    private Map<String, String> env(Map<String, String> defaults, String javaOpts) {
        Map<String, String> env = new HashMap<>(defaults);
        if (!javaOpts.isBlank()) {
            env.put("SWITCHBOARD_JAVA_OPTS", javaOpts);
        }
        env.putAll(target.settings());
        return env;
    }

    private static int pickOther(int... taken) {
        List<Integer> used = new ArrayList<>();
        for (int t : taken) {
            used.add(t);
        }
        int port;
        do {
            port = FreePorts.pick();
        } while (used.contains(port));
        return port;
    }
}
