package io.switchboard.processor.topology;

import io.switchboard.processor.actions.GatewayLeases;
import io.switchboard.processor.metrics.ProcessorMetrics;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.GatewayLease;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global store {@code gateways-store} equal to the valid records of {@code switchboard.gateways}: each
 * gateway's latest {@code GatewayLease} under its gateway id; a tombstone (a gateway that stopped gracefully, after
 * its Disconnects) removes it. It also keeps the newest renewal read, under {@link GatewayLeases#NEWEST_RENEWAL}. A record without a gateway id or whose value is not a {@code GatewayLease} is logged
 * ({@code gateway-lease-ignored}), counted and skipped, leaving the lease it would have replaced in force: a bad
 * record must never stop the processor. It also runs when the store is restored at start.
 */
final class GatewayLeaseStoreProcessor implements Processor<byte[], byte[], Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayLeaseStoreProcessor.class);

    private final String storeName;
    private KeyValueStore<String, GatewayLease> store;
    private ProcessorMetrics.Counter ignored;

    GatewayLeaseStoreProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(storeName);
        this.ignored = ProcessorMetrics.counter(context.metrics(), "gateway-leases", "ignored");
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String gatewayId = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (gatewayId == null || gatewayId.isBlank()) {
            ignore(gatewayId, "no gateway id");
            return;
        }
        if (record.value() == null) {
            store.delete(gatewayId);
            return;
        }
        GatewayLease lease;
        try {
            lease = SwitchboardSerdes.gatewayLease().decode(record.value());
        } catch (SerializationException e) {
            ignore(gatewayId, e.getMessage());
            return;
        }
        store.put(gatewayId, lease);
        GatewayLease newest = store.get(GatewayLeases.NEWEST_RENEWAL);
        if (newest == null || lease.getRenewedAt().isAfter(newest.getRenewedAt())) {
            store.put(GatewayLeases.NEWEST_RENEWAL, new GatewayLease(lease.getRenewedAt(), lease.getRenewedAt()));
        }
    }

    private void ignore(String gatewayId, String reason) {
        LOG.warn("gateway-lease-ignored: lease record with key '{}' skipped: {}", gatewayId, reason);
        ignored.increment();
    }
}
