package io.switchboard.load.loader;

/**
 * One simulated user of the presence test: besides its token, gateway and socket, whether it holds the channel
 * now. Touched by the loader's selector thread only.
 */
final class PresenceMember extends GatewayClient {
    /** Granted and not unsubscribed since. */
    boolean member;
    /** A subscribe or unsubscribe is on its way and not yet answered. */
    boolean pending;
    /** A refused resubscribe is not tried again before this (System.nanoTime), so as not to hit the rate limit. */
    long retryAtNanos;
    /** When the first subscribe was sent (epoch µs), 0 before. */
    long firstSubscribeMicros;

    PresenceMember(int index, String token, int gateway) {
        super(index, token, gateway);
    }

    /** Connected and upgraded, with nothing awaited: ready for the next subscribe or unsubscribe. */
    boolean idle() {
        return socket != null && socket.phase == ClientConnection.Phase.SUBSCRIBED && !pending;
    }

    /** Idle, and past the wait after a refused resubscribe: may subscribe again now. */
    boolean mayReturn(long nowNanos) {
        return idle() && nowNanos >= retryAtNanos;
    }
}
