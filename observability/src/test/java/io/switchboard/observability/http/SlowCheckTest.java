package io.switchboard.observability.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.observability.ServiceMetrics;
import io.switchboard.observability.health.Health;
import io.switchboard.observability.health.HealthChecks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The standalone server has one I/O thread: were a check run on it, a check that waits would stall every other
 * request, /metrics included.
 */
class SlowCheckTest {

    @Test
    void aCheckThatWaitsDoesNotHoldUpOtherRequests() throws Exception {
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HealthChecks health = new HealthChecks().readiness("slow", () -> {
            checking.countDown();
            awaitUninterruptibly(release);
            return Health.up("done");
        });
        HttpClient http = HttpClient.newBuilder().build();
        try (ServiceMetrics metrics = ServiceMetrics.create("processor", "p-test");
                ObservabilityServer server = ObservabilityServer.start(
                        "127.0.0.1", 0, new ObservabilityEndpoints(metrics.registry(), health))) {
            CompletableFuture<HttpResponse<String>> ready =
                    http.sendAsync(get(server, "/health/ready"), HttpResponse.BodyHandlers.ofString());
            assertThat(checking.await(30, TimeUnit.SECONDS)).isTrue();

            HttpResponse<String> scrape = http.send(get(server, "/metrics"), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> live = http.send(get(server, "/health/live"), HttpResponse.BodyHandlers.ofString());

            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(ready).isNotDone();
            release.countDown();
            assertThat(ready.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        } finally {
            release.countDown();
        }
    }

    private static HttpRequest get(ObservabilityServer server, String path) {
        // a bound for a stalled server (the failure this test looks for), not a timing assertion
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(20))
                .GET()
                .build();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
