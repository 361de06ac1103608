package io.switchboard.load.loader;

import io.switchboard.load.loader.ClientConnection.Phase;
import io.switchboard.load.ws.Upgrade;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Opens a client's sockets: from its own source address, to its current gateway, with its token. */
final class ClientSockets {
    private final Selector selector;
    private final List<InetSocketAddress> gateways;
    private final SourceAddresses addresses;

    ClientSockets(Selector selector, List<InetSocketAddress> gateways, int perAddress) {
        this.selector = selector;
        this.gateways = gateways;
        this.addresses = new SourceAddresses(perAddress);
    }

    /** A non-blocking connect to {@code c}'s gateway; the socket is CONNECTING, or UPGRADING if it connected at once. */
    ClientConnection open(GatewayClient c, long nowNanos) throws IOException {
        InetSocketAddress gateway = gateways.get(c.gateway);
        SocketChannel channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.bind(new InetSocketAddress(addresses.of(c.index), 0));
            Upgrade upgrade =
                    Upgrade.to(gateway.getHostString() + ":" + gateway.getPort(), "/ws?access_token=" + c.token);
            ClientConnection s = new ClientConnection(c.index, channel, upgrade, nowNanos);
            boolean connected = channel.connect(gateway);
            s.key = channel.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c);
            if (connected) {
                s.enter(Phase.UPGRADING, nowNanos);
            }
            return s;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** A gateway other than {@code gateway}, chosen at random: where a client goes after losing one. */
    int otherGateway(int gateway) {
        int n = gateways.size();
        if (n == 1) {
            return gateway;
        }
        return (gateway + 1 + ThreadLocalRandom.current().nextInt(n - 1)) % n;
    }
}
