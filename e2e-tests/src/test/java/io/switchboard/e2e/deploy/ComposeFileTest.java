package io.switchboard.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.switchboard.config.Settings;
import io.switchboard.e2e.deploy.ComposeFile.Service;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.processor.config.ProcessorKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker-compose.yml configures Switchboard only with keys it reads, and wires every part to the others. */
class ComposeFileTest {
    private static final DeployFiles FILES = DeployFiles.ofRepository();
    private static final ComposeFile COMPOSE = ComposeFile.read(FILES.compose());

    @Test
    void setsOnlySwitchboardVariablesThatAreRealKeys() {
        Map<String, String> problems = new TreeMap<>();
        int checked = 0;
        for (String part : List.of("gateway", "processor")) {
            SwitchboardVariables variables = SwitchboardVariables.of(part);
            for (Service service : COMPOSE.running(part)) {
                for (String variable : service.environment().keySet()) {
                    checked += variable.startsWith("SWITCHBOARD_") ? 1 : 0;
                    variables.problem(variable).ifPresent(why -> problems.put(service.name() + ": " + variable, why));
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).as("SWITCHBOARD_* variables found").isGreaterThan(10);
    }

    @Test
    void namesAVariableNoPartReads(@TempDir Path dir) throws IOException {
        Path compose = dir.resolve("docker-compose.yml");
        Files.writeString(compose, """
                x-env: &env
                  SWITCHBOARD_GATEWAY_HEARTBEAT_INTERVAL: 1000
                services:
                  gateway:
                    image: switchboard:dev
                    command: ["gateway"]
                    environment:
                      <<: *env
                      SWITCHBOARD_GATEWAY_PORT: 8080
                      SWITCHBOARD_KAFKA_LINGER_MS: 5
                      SWITCHBOARD_STREAMS_NUM_STANDBY_REPLICAS: 1
                  processor:
                    image: switchboard:dev
                    command: processor
                    environment:
                      - SWITCHBOARD_STREAMS_NUM_STANDBY_REPLICAS=1
                      - SWITCHBOARD_STREAMS_CONSUMER_SESSION_TIMEOUT_MS=10000
                      - SWITCHBOARD_STREAMS_NUM_STANDBY_REPLICA=1
                      - SWITCHBOARD_KAFKA_LINGER=5
                """);
        ComposeFile file = ComposeFile.read(compose);
        SwitchboardVariables gateway = SwitchboardVariables.of("gateway");
        SwitchboardVariables processor = SwitchboardVariables.of("processor");

        Map<String, String> gatewayEnv = file.running("gateway").get(0).environment();
        assertThat(gatewayEnv).containsKey("SWITCHBOARD_GATEWAY_HEARTBEAT_INTERVAL"); // through the merge key
        assertThat(gateway.problem("SWITCHBOARD_GATEWAY_HEARTBEAT_INTERVAL")).isPresent(); // -MS is missing
        assertThat(gateway.problem("SWITCHBOARD_GATEWAY_PORT")).isEmpty();
        assertThat(gateway.problem("SWITCHBOARD_KAFKA_LINGER_MS")).isEmpty();
        assertThat(gateway.problem("SWITCHBOARD_STREAMS_NUM_STANDBY_REPLICAS"))
                .hasValueSatisfying(why -> assertThat(why).contains("no Kafka Streams"));

        Map<String, String> processorEnv = file.running("processor").get(0).environment();
        assertThat(processorEnv.keySet())
                .filteredOn(name -> processor.problem(name).isPresent())
                .containsExactly("SWITCHBOARD_STREAMS_NUM_STANDBY_REPLICA", "SWITCHBOARD_KAFKA_LINGER");
    }

    @Test
    void refusesToStartWithoutAJwtSecret() {
        List<Service> gateways = COMPOSE.running("gateway");
        assertThat(gateways).hasSizeGreaterThanOrEqualTo(2);
        // ${VAR:?message}: compose stops with the message when VAR is unset or empty
        assertThat(gateways)
                .allSatisfy(gateway -> assertThat(gateway.environment().get("SWITCHBOARD_GATEWAY_AUTH_JWT_SECRET"))
                        .startsWith("${SWITCHBOARD_JWT_SECRET:?"));
    }

    @Test
    void givesEveryGatewayItsOwnId() {
        Set<String> ids = new TreeSet<>();
        COMPOSE.running("gateway")
                .forEach(gateway -> ids.add(gateway.environment().get("SWITCHBOARD_GATEWAY_ID")));
        assertThat(ids).doesNotContainNull().hasSize(COMPOSE.running("gateway").size());
    }

    @Test
    void runsTwoProcessorsOfOneApplication() {
        List<Service> processors = COMPOSE.running("processor");
        assertThat(processors).hasSize(2);
        assertThat(processors.get(0).environment()).isEqualTo(processors.get(1).environment());
    }

    @Test
    void scrapesEveryGatewayAndProcessorAndNothingElse() throws IOException {
        List<String> expected = new ArrayList<>();
        COMPOSE.running("gateway").forEach(g -> expected.add(g.name() + ":" + gatewayPort(g)));
        COMPOSE.running("processor")
                .forEach(p -> expected.add(p.name() + ":"
                        + p.environment()
                                .getOrDefault(
                                        Settings.envName(ProcessorKeys.HTTP_PORT),
                                        ProcessorKeys.defaults().get(ProcessorKeys.HTTP_PORT))));

        List<String> targets = new ArrayList<>();
        JsonNode config = new YAMLMapper().readTree(FILES.prometheusConfig().toFile());
        for (JsonNode job : config.path("scrape_configs")) {
            job.path("static_configs").forEach(c -> c.path("targets").forEach(t -> targets.add(t.asText())));
        }
        assertThat(targets).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void balancesOverEveryGateway() {
        HaproxyConfig haproxy = HaproxyConfig.read(FILES.haproxyConfig());
        List<String> servers = haproxy.section("backend gateways").stream()
                .filter(words -> words.get(0).equals("server"))
                .map(words -> words.get(2))
                .toList();
        assertThat(servers)
                .containsExactlyInAnyOrderElementsOf(COMPOSE.running("gateway").stream()
                        .map(g -> g.name() + ":" + gatewayPort(g))
                        .toList());
    }

    private static String gatewayPort(Service gateway) {
        return gateway.environment()
                .getOrDefault(
                        Settings.envName(GatewayConfig.PORT),
                        GatewayConfig.defaults().get(GatewayConfig.PORT));
    }
}
