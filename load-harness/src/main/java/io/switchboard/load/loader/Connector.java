package io.switchboard.load.loader;

import io.switchboard.load.loader.ClientConnection.Phase;
import io.switchboard.load.ws.Upgrade;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens a loader's connections a bounded number at a time (non-blocking connect from each client's own source
 * address, then the upgrade), and gives up on those stuck in a phase for too long. Selector thread only.
 */
final class Connector {
    private static final long UPGRADE_TIMEOUT = TimeUnit.SECONDS.toNanos(30);
    private static final long SUBSCRIBE_TIMEOUT = TimeUnit.SECONDS.toNanos(60);

    private final Loader loader;
    private final Selector selector;
    private final LoaderSettings settings;
    private final SourceAddresses addresses;
    private final List<ClientConnection> connections;
    private int next;
    private int inFlight;

    Connector(Loader loader, Selector selector, LoaderSettings settings, List<ClientConnection> connections) {
        this.loader = loader;
        this.selector = selector;
        this.settings = settings;
        this.addresses = new SourceAddresses(settings.perAddress());
        this.connections = connections;
    }

    /** Starts connections until {@code maxInFlight} are between their connect and their grant (or failure). */
    void startMore(long nowNanos) {
        while (inFlight < settings.maxInFlight() && next < settings.clients()) {
            open(next++, nowNanos);
        }
    }

    /** Every connection either subscribed or failed. */
    boolean settled() {
        return next == settings.clients() && inFlight == 0;
    }

    /** A connection left the in-flight set: granted, refused, closed or timed out. */
    void leftFlight() {
        inFlight--;
    }

    private void open(int i, long nowNanos) {
        inFlight++;
        SocketChannel channel;
        try {
            channel = SocketChannel.open();
        } catch (IOException e) {
            loader.failed(null, "socket: " + e.getMessage());
            return;
        }
        ClientConnection c = new ClientConnection(
                settings.firstClient() + i, channel, Upgrade.to(settings.hostHeader(), settings.path()), nowNanos);
        connections.add(c);
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.bind(new InetSocketAddress(addresses.of(c.index), 0));
            boolean connected = channel.connect(settings.target());
            c.key = channel.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c);
            if (connected) {
                upgrade(c, nowNanos);
            }
        } catch (IOException e) {
            loader.failed(c, "connect: " + e.getMessage());
        }
    }

    /** The socket is connectable: finish the connect and send the upgrade. */
    void finishConnect(ClientConnection c, long nowNanos) {
        try {
            c.channel.finishConnect();
            c.key.interestOps(SelectionKey.OP_READ);
            upgrade(c, nowNanos);
        } catch (IOException e) {
            loader.failed(c, "connect: " + e.getMessage());
        }
    }

    private void upgrade(ClientConnection c, long nowNanos) {
        c.enter(Phase.UPGRADING, nowNanos);
        loader.send(c, ByteBuffer.wrap(c.upgrade.request()));
    }

    /** Fails the connections stuck before their grant for too long; they count as never subscribed. */
    void expire(long nowNanos) {
        for (ClientConnection c : connections) {
            long age = nowNanos - c.phaseSinceNanos;
            boolean stuck =
                    switch (c.phase) {
                        case CONNECTING, UPGRADING -> age > UPGRADE_TIMEOUT;
                        case SUBSCRIBING -> age > SUBSCRIBE_TIMEOUT;
                        default -> false;
                    };
            if (stuck) {
                loader.failed(c, "timeout while " + c.phase.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }
}
