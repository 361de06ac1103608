package io.switchboard.load.loader;

/**
 * A simulated user of the scale or presence test as a {@link ClientLoop} sees it: its global index (its source
 * address), its token, the gateway it connects to and its current socket (null while it has none). Touched by the
 * loader's selector thread only.
 */
abstract class GatewayClient {
    final int index;
    final String token;
    /** Index in the loader's gateway list. */
    int gateway;

    ClientConnection socket;

    GatewayClient(int index, String token, int gateway) {
        this.index = index;
        this.token = token;
        this.gateway = gateway;
    }
}
