package io.switchboard.gateway.metrics;

import static io.switchboard.gateway.metrics.GatewayMeterNames.*;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.gateway.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The gateway's counter families, with the tag values registered up front (their series read 0 from the start). */
final class GatewayCounters {
    /** The server frame types (PROTOCOL.md); a new one is counted on first use. */
    private static final List<String> SERVER_TYPES = List.of(
            "welcome",
            "subscribed",
            "unsubscribed",
            "message",
            "published",
            "pong",
            "refreshed",
            "reconnection_token",
            "presence",
            "join",
            "leave",
            "error");

    private GatewayCounters() {}

    static Counter opened(MeterRegistry registry) {
        return Counter.builder(CONNECTIONS_OPENED)
                .description("connections opened")
                .register(registry);
    }

    static CloseCodes closed(MeterRegistry registry) {
        return new CloseCodes(registry, CONNECTIONS_CLOSED, "connections closed, by close code");
    }

    static TaggedCounters handshakesRejected(MeterRegistry registry) {
        return new TaggedCounters(
                registry,
                HANDSHAKES_REJECTED,
                "upgrade requests refused",
                "status",
                List.of("400", "401", "403", "429", "503"));
    }

    static TaggedCounters resumes(MeterRegistry registry) {
        return new TaggedCounters(
                registry, RESUMES, "resume handshakes", "outcome", List.of("resumed", "refused", "unavailable"));
    }

    /** By client message type, and {@code invalid} for a frame that could not be decoded. */
    static TaggedCounters received(MeterRegistry registry) {
        List<String> types = new ArrayList<>(MessageTypes.clientTypes());
        types.add("invalid");
        return new TaggedCounters(registry, MESSAGES_RECEIVED, "client frames received", "type", types);
    }

    static TaggedCounters sent(MeterRegistry registry) {
        return new TaggedCounters(registry, MESSAGES_SENT, "server frames queued to connections", "type", SERVER_TYPES);
    }

    /** One counter per error code, indexed by the code's ordinal. */
    static Counter[] errors(MeterRegistry registry) {
        return Arrays.stream(ErrorCode.values())
                .map(code -> Counter.builder(ERRORS)
                        .description("error frames sent, by code")
                        .tag("code", code.wireName())
                        .register(registry))
                .toArray(Counter[]::new);
    }

    static TaggedCounters rateLimited(MeterRegistry registry) {
        return new TaggedCounters(
                registry, RATE_LIMITED, "actions or handshakes refused by a limit", "limit", List.of());
    }

    static TaggedCounters failures(MeterRegistry registry) {
        return new TaggedCounters(registry, FAILURES, "failures caught, logged once and counted", "key", List.of());
    }

    static TaggedCounters recoveries(MeterRegistry registry) {
        return new TaggedCounters(
                registry, RECOVERIES, "subscribes with since", "outcome", List.of("recovered", "not_recovered"));
    }
}
