package io.switchboard.load.loader;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The loopback address each client connects from: 127.0.0.2, 127.0.0.3, … with {@code perAddress} clients on each.
 * Spreading clients keeps each address within the gateway's default handshake bucket (20 upgrades, then 10 a
 * second per address), so the gateway runs with its defaults, and far below the ≈ 28k ephemeral ports of one
 * address. Every 127.x.y.z is loopback on Linux without setup.
 */
public final class SourceAddresses {
    private static final int FIRST = (127 << 24) | 2;
    private static final int LAST = (127 << 24) | 0x00FF_FFFE;

    private final int perAddress;

    public SourceAddresses(int perAddress) {
        if (perAddress < 1) {
            throw new IllegalArgumentException("at least one client per address");
        }
        this.perAddress = perAddress;
    }

    /** The source address of the client with this global index (counted over all loaders). */
    public InetAddress of(int client) {
        long address = FIRST + (long) client / perAddress;
        if (address > LAST) {
            throw new IllegalArgumentException("client " + client + " is past 127.255.255.254");
        }
        int a = (int) address;
        try {
            return InetAddress.getByAddress(
                    new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }
}
