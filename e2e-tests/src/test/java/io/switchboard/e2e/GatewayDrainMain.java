package io.switchboard.e2e;

import io.switchboard.gateway.SwitchboardGateway;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.OperationsConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * A gateway in a child JVM that stops the way a deployment stops it, on SIGTERM: {@code GatewayDrainMain <bootstrap>
 * <drain grace ms> [key=value ...]} (more gateway settings, e.g. its lease). Accepts tokens signed with {@link SwitchboardCluster#JWT_SECRET}; prints {@link ChildJvm#READY}
 * and its port once it serves. The shutdown hook drains it (readiness off, 503 for upgrades, 1001 for clients, the
 * producer flushed) within the grace.
 */
public final class GatewayDrainMain {
    /** The line the child prints once it has drained and stopped. */
    static final String STOPPED = "GATEWAY STOPPED";

    private GatewayDrainMain() {}

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> settings = new HashMap<>(Map.of(OperationsConfig.DRAIN_GRACE_MS, args[1]));
        for (int i = 2; i < args.length; i++) {
            String[] setting = args[i].split("=", 2);
            settings.put(setting[0], setting[1]);
        }
        GatewayConfig config = SwitchboardCluster.gatewayConfig(args[0], settings);
        SwitchboardGateway gateway = SwitchboardGateway.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            System.out.println(STOPPED);
            System.out.flush();
        }));
        System.out.println(ChildJvm.READY + " " + gateway.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
