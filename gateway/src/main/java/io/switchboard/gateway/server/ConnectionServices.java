package io.switchboard.gateway.server;

import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.routing.ClientFrameHandler;
import io.switchboard.gateway.session.SessionRegistry;
import java.time.Clock;

/**
 * What every open connection is served by ({@link ConnectionCallback}).
 *
 * @param sessions the open connections, which the drain closes
 * @param handler what a connection's frames, open and close become
 * @param clock the clock credentials expire by
 */
public record ConnectionServices(
        SessionRegistry sessions, ClientFrameHandler handler, Clock clock, GatewayMetrics metrics) {}
