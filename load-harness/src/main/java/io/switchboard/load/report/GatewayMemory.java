package io.switchboard.load.report;

/**
 * The gateway's resident memory (VmRSS) before the clients connected and once all of them were subscribed and idle.
 * The difference per connection includes whatever else the JVM grew meanwhile (heap expansion, JIT), so it is an
 * upper bound that becomes tight with many connections.
 */
public record GatewayMemory(long beforeBytes, long afterBytes, long connections) {
    public static final GatewayMemory UNKNOWN = new GatewayMemory(0, 0, 0);

    public boolean known() {
        return beforeBytes > 0 && afterBytes > 0 && connections > 0;
    }

    public double perConnectionKib() {
        return known() ? (afterBytes - beforeBytes) / 1024.0 / connections : 0;
    }
}
