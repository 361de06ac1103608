package io.switchboard.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.observability.ServiceMetrics;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The names an operator sees at /metrics, as the Prometheus registry writes them. */
class PrometheusNamesTest {

    @Test
    void scrapesEveryGatewayMeterInSnakeCaseWithUnits() {
        try (ServiceMetrics service = ServiceMetrics.create("gateway", "g-1")) {
            GatewayMetrics metrics = new GatewayMetrics(service.registry());
            metrics.bindSubscriptions(() -> 5, () -> 2);
            metrics.connectionOpened();
            metrics.connectionClosed(1000, Duration.ofMinutes(2));
            metrics.fannedOut(5, 2_000);
            metrics.deliveryFrameBuilt(300);
            metrics.messageWritten(System.currentTimeMillis());
            metrics.outboundBatchTaken(3);
            metrics.heartbeatAnswered(1_000_000);

            String scrape = service.registry().scrape();

            // labels come sorted by name
            String app = "application=\"gateway\"";
            String instance = "instance_id=\"g-1\"";
            String tags = app + "," + instance;
            assertThat(scrape)
                    .contains(
                            "switchboard_gateway_connections_active{" + tags + "} 0.0",
                            "switchboard_gateway_connections_opened_total{" + tags + "} 1.0",
                            "switchboard_gateway_connections_closed_total{" + app + ",code=\"1000\"," + instance
                                    + ",reason=\"normal\"} 1.0",
                            "switchboard_gateway_connection_duration_seconds_bucket{" + tags + ",le=\"600.0\"} 1",
                            "switchboard_gateway_messages_sent_total{" + tags + ",type=\"message\"} 5.0",
                            "switchboard_gateway_messages_received_total{" + tags + ",type=\"subscribe\"} 0.0",
                            "switchboard_gateway_message_size_bytes_count{" + app + ",direction=\"out\"," + instance
                                    + "} 1",
                            "switchboard_gateway_delivery_latency_seconds_count{" + tags + "} 1",
                            "switchboard_gateway_delivery_latency_seconds_bucket{" + tags + ",le=\"0.001\"}",
                            "switchboard_gateway_fanout_duration_seconds_count{" + tags + "} 1",
                            "switchboard_gateway_channel_subscribers_sum{" + tags + "} 5.0",
                            "switchboard_gateway_outbound_queue_depth_frames_max{" + tags + "} 3.0",
                            "switchboard_gateway_heartbeat_rtt_seconds_count{" + tags + "} 1",
                            "switchboard_gateway_subscriptions{" + tags + "} 5.0",
                            "switchboard_gateway_channels{" + tags + "} 2.0",
                            "switchboard_gateway_errors_total{" + app + ",code=\"rate_limited\"," + instance + "} 0.0",
                            "switchboard_gateway_resumes_total{" + tags + ",outcome=\"resumed\"} 0.0",
                            "switchboard_gateway_recoveries_total{" + tags + ",outcome=\"recovered\"} 0.0",
                            "switchboard_gateway_handshakes_rejected_total{" + tags + ",status=\"429\"} 0.0");
        }
    }
}
