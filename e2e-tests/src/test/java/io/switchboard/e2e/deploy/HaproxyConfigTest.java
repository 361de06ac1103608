package io.switchboard.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.Settings;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.observability.http.ObservabilityEndpoints;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/haproxy/haproxy.cfg agrees with the gateways it balances, as docker-compose.yml configures them: it checks
 * their readiness path, outlasts their heartbeat timeout, and takes a draining gateway out before its clients come
 * back.
 */
class HaproxyConfigTest {
    private static final String BACKEND = "backend gateways";
    /** The least delay before a client's first reconnect (docs/clients.md; the SDK's and the Java client's default). */
    private static final Duration FIRST_RECONNECT = Duration.ofMillis(500);

    private static final DeployFiles FILES = DeployFiles.ofRepository();
    private static final HaproxyConfig HAPROXY = HaproxyConfig.read(FILES.haproxyConfig());
    private static final GatewayConfig GATEWAY = composedGateway();

    @Test
    void checksTheGatewaysReadiness() {
        assertThat(HAPROXY.directive(BACKEND, "option", "httpchk")).isPresent();
        assertThat(HAPROXY.directive(BACKEND, "http-check", "send"))
                .hasValueSatisfying(send ->
                        assertThat(HaproxyConfig.after(send, "uri")).contains(ObservabilityEndpoints.READY_PATH));
        assertThat(HAPROXY.directive(BACKEND, "http-check", "expect"))
                .contains(List.of("http-check", "expect", "status", "200"));
        assertThat(HAPROXY.directive(BACKEND, "default-server"))
                .hasValueSatisfying(words -> assertThat(words).contains("check"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tunnel", "client", "server"})
    void idleTimeoutOutlastsTheHeartbeatTimeout(String timeout) {
        Duration heartbeatTimeout = GATEWAY.operations().heartbeat().timeout();
        assertThat(heartbeatTimeout)
                .as("the gateway closes silent clients itself")
                .isPositive();
        assertThat(HAPROXY.timeout(BACKEND, timeout))
                .hasValueSatisfying(idle -> assertThat(idle).isGreaterThan(heartbeatTimeout));
    }

    @Test
    void takesADrainingGatewayOutBeforeItsClientsReturn() {
        List<String> server = HAPROXY.directive(BACKEND, "default-server").orElseThrow();
        Duration interval =
                HaproxyConfig.time(HaproxyConfig.after(server, "inter").orElse("2s"));
        int fall = Integer.parseInt(HaproxyConfig.after(server, "fall").orElse("3"));
        Duration outAfter = interval.multipliedBy(fall);

        // readiness turns down as the drain starts; the first client is closed with 1001 after the drain delay
        assertThat(outAfter.plus(interval))
                .as("the worst case: the last check passed just before readiness turned down")
                .isLessThan(GATEWAY.operations().drainDelay());
        assertThat(outAfter).isLessThan(FIRST_RECONNECT);
        // what still reaches it (a 503 while draining, a refused connect once it exited) goes to another gateway
        assertThat(HAPROXY.directive(BACKEND, "retry-on"))
                .hasValueSatisfying(words -> assertThat(words).contains("503", "conn-failure"));
        assertThat(HAPROXY.directive(BACKEND, "option", "redispatch")).isPresent();
    }

    @Test
    void sendsNewClientsToTheLeastLoadedGateway() {
        assertThat(HAPROXY.directive(BACKEND, "balance")).contains(List.of("balance", "leastconn"));
    }

    /** The first gateway's configuration: its defaults, with the variables docker-compose.yml sets. */
    private static GatewayConfig composedGateway() {
        Map<String, String> env =
                ComposeFile.read(FILES.compose()).running("gateway").get(0).environment();
        return GatewayConfig.from(
                Settings.load(GatewayConfig.defaults(), Set.of(GatewayConfig.KAFKA_PREFIX), null, env, Map.of()));
    }
}
