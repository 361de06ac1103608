package io.switchboard.gateway;

import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.observability.ServiceMetrics;
import io.switchboard.observability.health.HealthChecks;
import io.switchboard.observability.http.ObservabilityEndpoints;
import io.switchboard.observability.kafka.KafkaMeters;

/**
 * What operators read: the registry behind {@code /metrics} with the gateway's meters and its Kafka clients', and the
 * checks behind {@code /health/*}.
 */
record Telemetry(ServiceMetrics service, GatewayMetrics gateway, KafkaMeters kafka, HealthChecks health) {

    /** The meters, tracked so they are closed last. */
    static Telemetry start(String gatewayId, Teardown teardown) {
        ServiceMetrics service = teardown.track(ServiceMetrics.create("gateway", gatewayId));
        GatewayMetrics gateway = new GatewayMetrics(service.registry());
        KafkaMeters kafka = teardown.track(new KafkaMeters(service.registry()));
        return new Telemetry(service, gateway, kafka, new HealthChecks());
    }

    /** {@code /metrics} and the health endpoints, served on the WebSocket port. */
    ObservabilityEndpoints endpoints() {
        return new ObservabilityEndpoints(service.registry(), health);
    }
}
