package io.switchboard.gateway.server;

import io.switchboard.gateway.auth.Authentication;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.HeartbeatConfig;
import io.switchboard.gateway.config.OutboundConfig;
import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.protocol.ContentEncodings;
import io.switchboard.gateway.protocol.ServerMessageEncoder;
import io.switchboard.gateway.routing.ClientFrameHandler;
import io.switchboard.gateway.routing.ResumeOutcome;
import io.switchboard.gateway.session.ConnectionIds;
import io.switchboard.gateway.session.OutboundBacklog;
import io.switchboard.gateway.session.OutboundQueue;
import io.switchboard.gateway.session.Outgoing;
import io.switchboard.gateway.session.Session;
import io.switchboard.gateway.session.SessionRegistry;
import io.switchboard.gateway.session.StallWatch;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns an upgraded channel into a {@link Session}: registers it, welcomes it, wires its frames and close, and
 * watches its credentials' expiry and its heartbeat. A resumed connection keeps the id chosen when its resume started.
 */
final class ConnectionCallback implements WebSocketConnectionCallback {
    private final GatewayConfig config;
    private final HeartbeatConfig heartbeat;
    private final SessionRegistry sessions;
    private final ClientFrameHandler handler;
    private final Clock clock;
    private final GatewayMetrics metrics;
    private final IoThreadLag ioLag;
    private final OutboundBacklog backlog;
    private final WriteHook writeHook;
    private final Outgoing outgoing;
    private final WriteRounds rounds = new WriteRounds();

    ConnectionCallback(GatewayConfig config, ConnectionServices services, Outbound outbound, IoThreadLag ioLag) {
        this.config = config;
        this.heartbeat = config.operations().heartbeat();
        this.sessions = services.sessions();
        this.handler = services.handler();
        this.clock = services.clock();
        this.metrics = services.metrics();
        this.outgoing = new Outgoing(new ServerMessageEncoder(), metrics);
        this.ioLag = ioLag;
        this.backlog = outbound.backlog();
        this.writeHook = outbound.writeHook();
    }

    @Override
    public void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
        Authentication.Accepted authenticated = exchange.getAttachment(UpgradeHandler.AUTHENTICATED);
        ResumeOutcome.Restored resumed = exchange.getAttachment(UpgradeHandler.RESUMED);
        OutboundConfig outbound = config.outbound();
        OutboundQueue queue = new OutboundQueue(
                outbound.maxQueuedBytes(),
                outbound.maxQueuedFrames(),
                new StallWatch(outbound.stallGrace(), System::nanoTime, ioLag.of(channel.getIoThread())),
                backlog);
        UndertowTransport transport = new UndertowTransport(
                channel, queue, outbound.closeTimeout(), metrics, writeHook, rounds.of(channel.getIoThread()));
        Session session = new Session(
                resumed != null ? resumed.connectionId() : ConnectionIds.next(),
                authenticated.identity(),
                acceptEncodings(exchange.getRequestParameters().get("accept_encoding")),
                queue,
                transport,
                outgoing);
        sessions.add(session);
        long openedAt = System.nanoTime();
        metrics.connectionOpened();
        channel.addCloseTask(closed -> {
            metrics.connectionClosed(transport.closeCode(), Duration.ofNanos(System.nanoTime() - openedAt));
            transport.closed();
            session.markClosed();
            sessions.remove(session);
            handler.onClosed(session, transport.closeCode());
        });
        channel.getReceiveSetter().set(new FrameListener(session, handler, transport, config.maxMessageBytes()));
        if (resumed != null) {
            handler.onResumed(session, resumed.channels());
        } else {
            handler.onOpen(session);
        }
        transport.startHeartbeat(heartbeat);
        authenticated
                .expiresAt()
                .ifPresent(expiresAt -> session.watchExpiry(
                        expiresAt, clock, config.auth().jwt().clockSkew()));
        channel.resumeReceives();
        FinishedUpgrade.release(exchange);
    }

    /** {@code accept_encoding=gzip,zstd} (possibly repeated): the known encodings, lowercase, in order, once. */
    static List<String> acceptEncodings(List<String> values) {
        Set<String> encodings = new LinkedHashSet<>();
        if (values != null) {
            for (String value : values) {
                for (String encoding : value.split(",")) {
                    String name = encoding.trim().toLowerCase(Locale.ROOT);
                    if (ContentEncodings.named(name).isPresent()) { // others are ignored
                        encodings.add(name);
                    }
                }
            }
        }
        return List.copyOf(encodings);
    }
}
