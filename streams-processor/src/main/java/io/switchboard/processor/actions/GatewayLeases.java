package io.switchboard.processor.actions;

import io.switchboard.schemas.avro.GatewayLease;
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
 */
final class GatewayLeases {
    private final ReadOnlyKeyValueStore<String, GatewayLease> store;

    GatewayLeases(ReadOnlyKeyValueStore<String, GatewayLease> store) {
        this.store = store;
    }

    /**
     * The gateways whose lease expired before {@code now} (the processor's wall clock), with the time it expired,
     * ordered by gateway id. One small record per gateway, so reading them all is cheap.
     */
    Map<String, Instant> expiredBefore(Instant now) {
        Map<String, Instant> expired = new TreeMap<>();
        try (KeyValueIterator<String, GatewayLease> leases = store.all()) {
            while (leases.hasNext()) {
                KeyValue<String, GatewayLease> lease = leases.next();
                if (lease.value.getExpiresAt().isBefore(now)) {
                    expired.put(lease.key, lease.value.getExpiresAt());
                }
            }
        }
        return expired;
    }
}
