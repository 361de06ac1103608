package io.switchboard.load.floor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The floor server's process: one selector thread that accepts, upgrades and answers each client's subscribe, and
 * writes the frames the feed built since its last round to every subscribed client; a second thread reads Kafka. Prints {@code READY}
 * once it reads the topic from its end. Arguments: host, port, bootstrap servers, topic, channel, batch wait in ms.
 */
public final class FloorServer {
    private final Selector selector;
    private final RecordFeed feed;
    private final ByteBuffer subscribedFrame;
    private final List<FloorConnection> subscribers = new ArrayList<>();

    private FloorServer(Selector selector, RecordFeed feed, String channel) {
        this.selector = selector;
        this.feed = feed;
        this.subscribedFrame = ServerFrames.text(("{\"type\":\"subscribed\",\"id\":\"1\",\"channel\":\"" + channel
                        + "\",\"position\":{\"offset\":0,\"epoch\":\"floor\"}}")
                .getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 6) {
            System.err.println("usage: FloorServer <host> <port> <bootstrap> <topic> <channel> <batch-wait-ms>");
            System.exit(2);
        }
        Selector selector = Selector.open();
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(args[0], Integer.parseInt(args[1])), 4096);
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        RecordFeed feed = new RecordFeed(args[2], args[3], args[4], Integer.parseInt(args[5]), selector);
        new Thread(feed, "floor-feed").start();
        new FloorServer(selector, feed, args[4]).serve();
    }

    private void serve() throws IOException {
        while (true) {
            selector.select();
            Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
            while (ready.hasNext()) {
                SelectionKey key = ready.next();
                ready.remove();
                if (key.isValid() && key.isAcceptable()) {
                    accept((ServerSocketChannel) key.channel());
                } else if (key.attachment() instanceof FloorConnection c) {
                    handle(key, c);
                }
            }
            List<ByteBuffer> frames = new ArrayList<>();
            for (List<ByteBuffer> batch = feed.nextBatch(); batch != null; batch = feed.nextBatch()) {
                frames.addAll(batch);
            }
            if (!frames.isEmpty()) {
                broadcast(frames);
            }
        }
    }

    private void accept(ServerSocketChannel listener) throws IOException {
        for (SocketChannel socket = listener.accept(); socket != null; socket = listener.accept()) {
            socket.configureBlocking(false);
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            SelectionKey key = socket.register(selector, SelectionKey.OP_READ);
            key.attach(new FloorConnection(socket, key));
        }
    }

    private void handle(SelectionKey key, FloorConnection c) {
        try {
            if (key.isValid() && key.isWritable()) {
                c.drain();
            }
            if (key.isValid() && key.isReadable()) {
                boolean wasSubscribed = c.subscribed();
                if (!c.read(subscribedFrame)) {
                    drop(c);
                } else if (!wasSubscribed && c.subscribed()) {
                    subscribers.add(c);
                }
            }
        } catch (IOException e) {
            drop(c);
        }
    }

    /** Every frame to every subscriber, each subscriber's in one gathering write when its socket takes them. */
    private void broadcast(List<ByteBuffer> frames) {
        for (int i = subscribers.size() - 1; i >= 0; i--) {
            FloorConnection c = subscribers.get(i);
            try {
                c.send(frames);
            } catch (IOException e) {
                drop(c);
            }
        }
    }

    private void drop(FloorConnection c) {
        subscribers.remove(c);
        c.close();
    }
}
