package io.switchboard.load.loader;

/**
 * One simulated user of the scale test across its connections: its token, its channel and personal channel
 * streams, and the state of its reconnection. The current socket is {@link #socket} (null while waiting to
 * reconnect). Touched by the loader's selector thread only.
 */
final class ScaleClient extends GatewayClient {
    final String user;
    final String channel;
    final ChannelStream topic = new ChannelStream();
    final ChannelStream personal = new ChannelStream();

    /** Subscribed once at the start; false for a client whose first connection never got there. */
    boolean subscribedOnce;
    /** Lost a connection at least once (then its latencies are not a survivor's). */
    boolean disconnected;
    /** Waiting to reconnect, or reconnecting and not yet recovered. */
    boolean recovering;

    long disconnectedAtMicros;
    long recoveredAtMicros;
    int attempt;
    long retryAtNanos;
    /** Replies still awaited on a reconnect before the client counts as back. */
    int awaitedReplies;

    ScaleClient(int index, String user, String channel, String token, int gateway) {
        super(index, token, gateway);
        this.user = user;
        this.channel = channel;
    }

    String personalChannel() {
        return "user:" + user;
    }

    boolean live() {
        return socket != null && socket.phase == ClientConnection.Phase.SUBSCRIBED && !recovering;
    }
}
