package io.switchboard.processor.topology;

import static io.switchboard.processor.topology.TopologyFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.processor.actions.GatewayLeases;
import io.switchboard.schemas.avro.GatewayLease;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code gateways-store} follows {@code switchboard.gateways} and skips what is not a lease, without stopping. */
class GatewayLeaseStoreTopologyTest {
    private final TopologyFixture fixture = new TopologyFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void holdsTheLatestLeaseOfEachGateway() {
        fixture.lease("gw-1", NOW.plusSeconds(10));
        fixture.lease("gw-1", NOW.plusSeconds(20));
        fixture.lease("gw-2", NOW.plusSeconds(30));

        assertThat(fixture.gatewaysStore().get("gw-1")).isEqualTo(new GatewayLease(NOW, NOW.plusSeconds(20)));
        assertThat(fixture.gatewaysStore().get("gw-2")).isEqualTo(new GatewayLease(NOW, NOW.plusSeconds(30)));
    }

    @Test
    void dropsALeaseOnATombstone() {
        fixture.lease("gw-1", NOW.plusSeconds(10));
        fixture.lease("gw-2", NOW.plusSeconds(10));
        fixture.gateways.pipeInput("gw-1", (byte[]) null);

        assertThat(fixture.gatewaysStore().get("gw-1")).isNull();
        assertThat(fixture.gatewaysStore().get("gw-2")).isNotNull();
    }

    @Test
    void keepsTheLeaseInForceWhenAnInvalidRecordArrivesAndCountsIt() {
        fixture.lease("gw-1", NOW.plus(Duration.ofMinutes(1)));
        fixture.gateways.pipeInput("gw-1", "{\"expiresAt\":0}".getBytes(StandardCharsets.UTF_8));
        fixture.gateways.pipeInput((String) null, new byte[] {1, 2, 3});
        fixture.gateways.pipeInput("", new byte[] {1, 2, 3});

        assertThat(fixture.gatewaysStore().get("gw-1"))
                .isEqualTo(new GatewayLease(NOW, NOW.plus(Duration.ofMinutes(1))));
        // gw-1's lease and the newest renewal read (an empty gateway id, "", is refused above, so it cannot clash)
        assertThat(fixture.gatewaysStore().approximateNumEntries()).isEqualTo(2);
        assertThat(fixture.counter("gateway-leases", "ignored")).isEqualTo(3.0);
    }

    @Test
    void keepsTheNewestRenewalReadAcrossGateways() {
        fixture.lease("gw-1", NOW.plusSeconds(5), NOW.plusSeconds(25));
        fixture.lease("gw-2", NOW.plusSeconds(9), NOW.plusSeconds(29));
        fixture.lease("gw-1", NOW.plusSeconds(7), NOW.plusSeconds(27)); // late, older than gw-2's

        assertThat(fixture.gatewaysStore().get(GatewayLeases.NEWEST_RENEWAL).getRenewedAt())
                .isEqualTo(NOW.plusSeconds(9));
    }
}
