package io.switchboard.e2e.bench;

import io.switchboard.gateway.SwitchboardGateway;
import io.switchboard.gateway.config.GatewayConfig;
import java.util.Map;

/**
 * The gateway alone in a child JVM, so that its CPU time can be read apart from the clients': {@code GatewayMain
 * <bootstrap> <topic prefix> <permessage-deflate true|false>}. Prints {@link GatewayProcess#READY} with its port,
 * serves until its stdin closes, then stops.
 */
public final class GatewayMain {
    private GatewayMain() {}

    public static void main(String[] args) throws Exception {
        // No server pings and no closing of silent connections: the benchmark's clients only read, and heartbeats
        // are not what is measured. Keys by name, as Settings takes them (the constants move between classes).
        Map<String, String> settings = Map.of(
                "gateway.heartbeat.interval-ms", "0",
                "gateway.heartbeat.timeout-ms", "0",
                "gateway.topic-prefix", args[1],
                "gateway.ws.permessage-deflate", args[2],
                "gateway.ws.deflate-level", "6");
        GatewayConfig config = GatewayConfig.forTests(args[0], settings);
        try (SwitchboardGateway gateway = SwitchboardGateway.start(config)) {
            System.out.println(GatewayProcess.READY + " " + gateway.port() + " " + gateway.gatewayId());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the parent closes our stdin
            }
        }
    }
}
