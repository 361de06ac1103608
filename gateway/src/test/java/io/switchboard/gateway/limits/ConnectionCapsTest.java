package io.switchboard.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.limits.ConnectionCaps.Admitted;
import io.switchboard.gateway.limits.ConnectionCaps.Permit;
import io.switchboard.gateway.limits.ConnectionCaps.Refused;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConnectionCapsTest {

    @Test
    void refusesAUserOverItsCapUntilOneOfItsConnectionsCloses() {
        ConnectionCaps caps = new ConnectionCaps(2, 100);
        Permit first = admitted(caps, "alice");
        admitted(caps, "alice");

        assertThat(caps.tryAcquire("alice"))
                .isEqualTo(new Refused(ConnectionCaps.USER_CAP, "too many connections for this user"));
        assertThat(caps.tryAcquire("bob")).isInstanceOf(Admitted.class);
        first.release();
        assertThat(caps.tryAcquire("alice")).isInstanceOf(Admitted.class);
    }

    @Test
    void refusesEveryoneOverTheGatewayCapAnonymousConnectionsIncluded() {
        ConnectionCaps caps = new ConnectionCaps(100, 2);
        admitted(caps, null);
        Permit alice = admitted(caps, "alice");

        assertThat(caps.tryAcquire("bob"))
                .isEqualTo(new Refused(ConnectionCaps.GATEWAY_CAP, "too many connections on this gateway"));
        assertThat(caps.tryAcquire(null)).isInstanceOf(Refused.class);
        assertThat(caps.open()).isEqualTo(2);
        assertThat(caps.openOf("bob")).isZero();
        alice.release();
        assertThat(caps.tryAcquire("bob")).isInstanceOf(Admitted.class);
    }

    @Test
    void aPermitReleasedTwiceGivesItsPlaceBackOnce() {
        ConnectionCaps caps = new ConnectionCaps(5, 5);
        Permit permit = admitted(caps, "alice");
        admitted(caps, "alice");

        permit.release();
        permit.release();

        assertThat(permit.isReleased()).isTrue();
        assertThat(caps.openOf("alice")).isEqualTo(1);
        assertThat(caps.open()).isEqualTo(1);
    }

    @Test
    void zeroMeansNoCap() {
        ConnectionCaps caps = new ConnectionCaps(0, 0);

        for (int i = 0; i < 1000; i++) {
            admitted(caps, "alice");
        }
        assertThat(caps.openOf("alice")).isEqualTo(1000);
    }

    @Test
    void countsStayExactUnderConcurrentOpensAndCloses() throws Exception {
        ConnectionCaps caps = new ConnectionCaps(10, 50);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String user = "user-" + (t % 3);
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        if (caps.tryAcquire(user) instanceof Admitted admitted) {
                            assertThat(caps.openOf(user)).isBetween(1, 10);
                            admitted.permit().release();
                            admitted.permit().release();
                        }
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(caps.open()).isZero();
        assertThat(caps.openOf("user-0")).isZero();
    }

    private static Permit admitted(ConnectionCaps caps, String user) {
        return ((Admitted) caps.tryAcquire(user)).permit();
    }
}
