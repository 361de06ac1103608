package io.switchboard.gateway.kafka;

/**
 * This gateway's lease on the gateways topic ({@link GatewayLeaseWriter}), or {@link #OFF} when the lease interval
 * is 0 (the processor never purges this gateway's connections).
 */
public interface Lease extends AutoCloseable {
    /** No lease: starting and closing do nothing. */
    Lease OFF = new Lease() {
        @Override
        public void start() {}

        @Override
        public void close() {}
    };

    /** Writes the first lease (before the gateway accepts connections), then keeps renewing it. */
    void start();

    /** Withdraws the lease; call it after the Disconnects of the drained connections were flushed. */
    @Override
    void close();
}
