package io.switchboard.load.coordinator;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The servers under test: started by the harness from the launcher script, or already running.
 *
 * @param startServers whether the harness starts a broker, a processor and a gateway for each run
 * @param floor whether the harness starts the floor server instead of the processor and the gateway
 * @param switchboard the {@code switchboard} script the servers are started with
 * @param settings {@code SWITCHBOARD_*} variables given to both servers (each reads its own keys)
 * @param gatewayJavaOpts JVM options of the gateway ({@code SWITCHBOARD_JAVA_OPTS}); empty for none
 * @param processorJavaOpts JVM options of the processor
 * @param gatewayUrl with running servers: the gateway's WebSocket URL
 * @param bootstrap with running servers: the Kafka bootstrap servers
 * @param pids with running servers: PIDs to measure, by role (gateway, processor, broker), any of them
 */
record Target(
        boolean startServers,
        boolean floor,
        Path switchboard,
        Map<String, String> settings,
        String gatewayJavaOpts,
        String processorJavaOpts,
        URI gatewayUrl,
        String bootstrap,
        Map<String, Long> pids) {}
