package io.switchboard.gateway.server;

import io.switchboard.gateway.auth.Authentication;
import io.switchboard.gateway.auth.Authenticator;
import io.switchboard.gateway.auth.Credentials;
import io.switchboard.gateway.auth.OriginPolicy;
import io.switchboard.gateway.limits.ConnectionCaps;
import io.switchboard.gateway.limits.HandshakeLimits;
import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.routing.PendingResumes;
import io.switchboard.gateway.routing.ResumeOutcome;
import io.switchboard.gateway.session.ConnectionIds;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import io.undertow.util.StatusCodes;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides an upgrade request before the upgrade, as plain HTTP (PROTOCOL.md, "Connecting"), in this order: 503 while
 * the gateway is not accepting, 429 (with {@code Retry-After}) when the client address has used up its handshake
 * bucket, 403 for an Origin the allowlist refuses, then the authenticator's status (401) for refused credentials, and
 * 429 when the user or the gateway is at its connection cap; otherwise the authentication is attached to the exchange
 * and the WebSocket handshake proceeds. The client address is the peer's, or, from a trusted proxy, the one its
 * {@code X-Forwarded-For} names. Authentication may block (a JWKS fetch), so it runs on a worker thread, never the I/O
 * thread. Credentials are never logged: they are taken out of the query string before anything else can see it.
 *
 * <p>A connection admitted under the caps holds its place until its TCP connection closes (upgraded or not), or
 * until its exchange ends without the upgrade; the permit counts only its first release.
 *
 * <p>A well-formed {@code resume=} token is decided by the processor: the connection id is chosen now, the exchange
 * is held (dispatched, so Undertow does not end it) while no thread waits, and {@link PendingResumes} completes it
 * with the handshake as the restored session, a 401, or a 503 when the answer does not come in time.
 */
final class UpgradeHandler implements HttpHandler {
    static final AttachmentKey<Authentication.Accepted> AUTHENTICATED =
            AttachmentKey.create(Authentication.Accepted.class);
    /** Set, beside {@link #AUTHENTICATED}, when the connection resumes a session. */
    static final AttachmentKey<ResumeOutcome.Restored> RESUMED = AttachmentKey.create(ResumeOutcome.Restored.class);

    /** Query parameters that carry credentials. */
    static final Set<String> SECRET_PARAMETERS = Set.of("access_token", "resume");

    private static final Logger LOG = LoggerFactory.getLogger(UpgradeHandler.class);
    private static final String BEARER = "bearer ";

    private final Authenticator authenticator;
    private final OriginPolicy origins;
    private final BooleanSupplier accepting;
    private final PendingResumes resumes;
    private final HandshakeLimits limits;
    private final HttpHandler handshake;
    private final GatewayMetrics metrics;

    /** @param accepting whether upgrades are accepted now; each gets 503 while not */
    UpgradeHandler(
            Admission admission,
            BooleanSupplier accepting,
            HandshakeLimits limits,
            HttpHandler handshake,
            GatewayMetrics metrics) {
        this.authenticator = admission.authenticator();
        this.origins = admission.origins();
        this.accepting = accepting;
        this.resumes = admission.resumes();
        this.limits = limits;
        this.handshake = handshake;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (!accepting.getAsBoolean()) {
            reject(exchange, 503, "the gateway is not accepting connections");
            return;
        }
        InetAddress client = clientAddress(exchange);
        long retryAfterMs = limits.tryHandshake(client);
        if (retryAfterMs > 0) {
            metrics.rateLimited(HandshakeLimits.HANDSHAKE_LIMIT);
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString((retryAfterMs + 999) / 1000));
            reject(
                    exchange,
                    StatusCodes.TOO_MANY_REQUESTS,
                    "too many connection attempts from " + client.getHostAddress());
            return;
        }
        HeaderValues origin = exchange.getRequestHeaders().get(Headers.ORIGIN);
        if (!origins.allows(
                origin == null ? List.of() : List.copyOf(origin),
                clientScheme(exchange),
                exchange.getRequestHeaders().getFirst(Headers.HOST))) {
            reject(exchange, 403, "origin not allowed");
            return;
        }
        exchange.dispatch(this::authenticate);
    }

    private void authenticate(HttpServerExchange exchange) throws Exception {
        Credentials credentials = credentials(exchange);
        redactCredentials(exchange);
        Authentication outcome = authenticator.authenticate(credentials);
        if (outcome instanceof Authentication.Rejected rejected) {
            refuse(exchange, rejected.status(), rejected.reason());
        } else if (outcome instanceof Authentication.Resume resume) {
            String connectionId = ConnectionIds.next();
            // Started only after this call has returned: an outcome that comes at once, on another thread, must find
            // the call over to dispatch the exchange again; until then the dispatch keeps Undertow from ending it.
            exchange.dispatch(
                    SameThreadExecutor.INSTANCE,
                    () -> resumes.start(
                            connectionId,
                            resume.tokenHash(),
                            resumed -> exchange.dispatch(held -> finishResume(held, resumed))));
        } else if (outcome instanceof Authentication.Accepted accepted && admitted(exchange, accepted)) {
            exchange.putAttachment(AUTHENTICATED, accepted);
            FinishedUpgrade.track(exchange);
            handshake.handleRequest(exchange);
        }
    }

    /** Runs on a worker thread, like {@link #authenticate}, once the processor answered or the wait timed out. */
    private void finishResume(HttpServerExchange exchange, ResumeOutcome outcome) throws Exception {
        if (outcome instanceof ResumeOutcome.Refused refused) {
            metrics.resumeRefused(refused.status());
            refuse(exchange, refused.status(), refused.reason());
        } else if (outcome instanceof ResumeOutcome.Restored restored) {
            if (!accepting.getAsBoolean()) {
                reject(exchange, 503, "the gateway is not accepting connections");
                return;
            }
            Authentication.Accepted accepted =
                    new Authentication.Accepted(restored.identity(), restored.credentialsExpireAt());
            if (!admitted(exchange, accepted)) {
                return;
            }
            exchange.putAttachment(AUTHENTICATED, accepted);
            exchange.putAttachment(RESUMED, restored);
            metrics.resumed();
            FinishedUpgrade.track(exchange);
            handshake.handleRequest(exchange);
        }
    }

    /**
     * The scheme the client used: the request's own, or, from a trusted proxy that ended TLS (a load balancer), the
     * one its {@code X-Forwarded-Proto} names last. Without it a browser on {@code https://app} would never pass the
     * same-origin check of a gateway that the proxy reaches over plain HTTP.
     */
    private String clientScheme(HttpServerExchange exchange) {
        String forwarded = exchange.getRequestHeaders().getLast(Headers.X_FORWARDED_PROTO);
        if (forwarded == null || !limits.trustsProxy(exchange.getSourceAddress().getAddress())) {
            return exchange.getRequestScheme();
        }
        String[] hops = forwarded.split(",", -1);
        String scheme = hops[hops.length - 1].trim().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || scheme.equals("http") ? scheme : exchange.getRequestScheme();
    }

    /** The peer, or the client a trusted proxy forwards for. */
    private InetAddress clientAddress(HttpServerExchange exchange) {
        HeaderValues forwarded = exchange.getRequestHeaders().get(Headers.X_FORWARDED_FOR);
        return limits.clientAddress(
                exchange.getSourceAddress().getAddress(), forwarded == null ? List.of() : List.copyOf(forwarded));
    }

    /**
     * Counts the connection against the caps, or answers 429. The place is given back when the exchange ends without
     * an upgrade, or when the TCP connection closes: close listeners run on the connection's I/O thread, so the one
     * here is added there, where the connection cannot close meanwhile.
     */
    private boolean admitted(HttpServerExchange exchange, Authentication.Accepted accepted) {
        ConnectionCaps.Admission admission = limits.admit(accepted.identity().userId());
        if (admission instanceof ConnectionCaps.Refused refused) {
            metrics.rateLimited(refused.limit());
            reject(exchange, StatusCodes.TOO_MANY_REQUESTS, refused.reason());
            return false;
        }
        ConnectionCaps.Permit permit = ((ConnectionCaps.Admitted) admission).permit();
        exchange.addExchangeCompleteListener((ended, next) -> {
            if (ended.getStatusCode() != StatusCodes.SWITCHING_PROTOCOLS) {
                permit.release();
            }
            next.proceed();
        });
        ServerConnection connection = exchange.getConnection();
        exchange.getIoThread().execute(() -> {
            if (connection.isOpen()) {
                connection.addCloseListener(closed -> permit.release());
            } else {
                permit.release();
            }
        });
        return true;
    }

    private void refuse(HttpServerExchange exchange, int status, String reason) {
        if (status == 401) {
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer");
        }
        reject(exchange, status, reason);
    }

    static Credentials credentials(HttpServerExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        Optional<String> bearer = Optional.ofNullable(authorization)
                .filter(value -> value.toLowerCase(Locale.ROOT).startsWith(BEARER))
                .map(value -> value.substring(BEARER.length()).trim())
                .filter(token -> !token.isEmpty());
        return new Credentials(bearer, query(exchange, "access_token"), query(exchange, "resume"));
    }

    static Optional<String> query(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null
                ? Optional.empty()
                : Optional.ofNullable(values.peekFirst()).filter(value -> !value.isBlank());
    }

    /** Drops credential parameters from the exchange, so no later handler or log line can show them. */
    private static void redactCredentials(HttpServerExchange exchange) {
        SECRET_PARAMETERS.forEach(exchange.getQueryParameters()::remove);
        exchange.setQueryString(redactQuery(exchange.getQueryString()));
    }

    /** The query string with the value of every credential parameter replaced by {@code REDACTED}. */
    static String redactQuery(String query) {
        if (query == null || query.isEmpty()) {
            return query;
        }
        return Stream.of(query.split("&", -1))
                .map(part -> {
                    int equals = part.indexOf('=');
                    String name = equals < 0 ? part : part.substring(0, equals);
                    return SECRET_PARAMETERS.contains(decoded(name)) ? name + "=REDACTED" : part;
                })
                .collect(Collectors.joining("&"));
    }

    private static String decoded(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }

    /** Answers the upgrade request with this status; every refusal passes here, so it is counted here. */
    private void reject(HttpServerExchange exchange, int status, String reason) {
        metrics.handshakeRejected(status);
        LOG.debug("upgrade-refused: {} from {}: {}", status, exchange.getSourceAddress(), reason);
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send(reason);
    }
}
