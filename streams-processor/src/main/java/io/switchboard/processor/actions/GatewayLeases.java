package io.switchboard.processor.actions;

import io.switchboard.schemas.avro.GatewayLease;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The gateways' liveness leases, read from the global store {@code gateways-store} (key: gateway id). A running
 * gateway renews its lease every few seconds; one that crashed stops renewing, so its lease expires. A gateway
 * without a lease (one that predates leases, has them switched off, or stopped gracefully and wrote its tombstone)
 * is never considered dead here.
 *
 * <p>An expired lease alone proves nothing: while Kafka is away no gateway can renew, and when it returns every lease
 * looks expired although the gateways kept their sockets. So a gateway counts as dead only once another lease was
 * renewed a full lease period (the dead lease's own {@code expiresAt - renewedAt}) after its expiry: the leases were
 * flowing again and it did not renew. The store keeps the newest renewal it has read under {@link #NEWEST_RENEWAL}.
 */
public final class GatewayLeases {
    /** The key, no gateway's id, under which the store keeps the newest renewal read so far (in renewedAt). */
    public static final String NEWEST_RENEWAL = "";

    private final ReadOnlyKeyValueStore<String, GatewayLease> store;

    GatewayLeases(ReadOnlyKeyValueStore<String, GatewayLease> store) {
        this.store = store;
    }

    /**
     * The gateways presumed dead at {@code now} (the processor's wall clock), with the time their lease expired,
     * ordered by gateway id: the lease expired before now, and another was renewed a full lease period after that.
     * One small record per gateway, so reading them all is cheap.
     */
    Map<String, Instant> expiredBefore(Instant now) {
        GatewayLease newest = store.get(NEWEST_RENEWAL);
        Map<String, Instant> expired = new TreeMap<>();
        if (newest == null) {
            return expired;
        }
        try (KeyValueIterator<String, GatewayLease> leases = store.all()) {
            while (leases.hasNext()) {
                KeyValue<String, GatewayLease> lease = leases.next();
                if (!lease.key.equals(NEWEST_RENEWAL) && presumedDead(lease.value, now, newest.getRenewedAt())) {
                    expired.put(lease.key, lease.value.getExpiresAt());
                }
            }
        }
        return expired;
    }

    private static boolean presumedDead(GatewayLease lease, Instant now, Instant newestRenewal) {
        Duration period = Duration.between(lease.getRenewedAt(), lease.getExpiresAt());
        return lease.getExpiresAt().isBefore(now)
                && newestRenewal.isAfter(lease.getExpiresAt().plus(period));
    }
}
