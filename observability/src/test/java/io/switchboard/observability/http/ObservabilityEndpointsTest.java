package io.switchboard.observability.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.switchboard.observability.ServiceMetrics;
import io.switchboard.observability.health.Health;
import io.switchboard.observability.health.HealthChecks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ObservabilityEndpointsTest {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicBoolean kafkaReachable = new AtomicBoolean(true);
    private ServiceMetrics metrics;
    private ObservabilityServer server;

    @BeforeEach
    void start() {
        metrics = ServiceMetrics.create("gateway", "g-test");
        HealthChecks health = new HealthChecks()
                .readiness(
                        "kafka",
                        () -> kafkaReachable.get() ? Health.up("connected") : Health.down("broker unreachable"))
                .readiness("draining", () -> Health.up("accepting connections"));
        server = ObservabilityServer.start("127.0.0.1", 0, new ObservabilityEndpoints(metrics.registry(), health));
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    @Test
    void listensOnThePortTheSystemChose() {
        assertThat(server.port()).isPositive();
    }

    @Test
    void exposesACounterWithItsValueAndTheCommonTags() throws Exception {
        Counter counter = Counter.builder("test.requests").register(metrics.registry());
        counter.increment(3);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(MetricsHandler.PROMETHEUS_TEXT);
        assertThat(response.body()).contains("test_requests_total{application=\"gateway\",instance_id=\"g-test\"} 3.0");

        counter.increment();
        assertThat(get("/metrics").body())
                .contains("test_requests_total{application=\"gateway\",instance_id=\"g-test\"} 4.0");
    }

    @Test
    void exposesJvmAndProcessMeters() throws Exception {
        String body = get("/metrics").body();

        assertThat(body)
                .contains(
                        "jvm_memory_used_bytes{",
                        "jvm_gc_",
                        "jvm_threads_live_threads{",
                        "jvm_classes_loaded_classes{",
                        "jvm_info{",
                        "system_cpu_count{",
                        "process_uptime_seconds{",
                        "process_files_open_files{");
    }

    @Test
    void answersOpenMetricsWhenTheScraperAsksForIt() throws Exception {
        HttpResponse<String> response = http.send(
                request("/metrics")
                        .header("Accept", "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(MetricsHandler.OPENMETRICS);
        assertThat(response.body()).endsWith("# EOF\n");
    }

    @Test
    void isLiveWhileServing() throws Exception {
        HttpResponse<String> response = get("/health/live");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\",\"failing\":[],\"checks\":[]}");
    }

    @Test
    void turnsNotReadyNamingTheFailingCheckAndReadyAgain() throws Exception {
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);

        kafkaReachable.set(false);
        HttpResponse<String> down = get("/health/ready");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(down.body())
                .startsWith("{\"status\":\"DOWN\",\"failing\":[\"kafka\"],")
                .contains("{\"name\":\"kafka\",\"status\":\"DOWN\",\"detail\":\"broker unreachable\"}")
                .contains("{\"name\":\"draining\",\"status\":\"UP\",\"detail\":\"accepting connections\"}");

        kafkaReachable.set(true);
        HttpResponse<String> up = get("/health/ready");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.body()).startsWith("{\"status\":\"UP\",\"failing\":[],");
    }

    @Test
    void refusesOtherMethodsWith405() throws Exception {
        for (String path : new String[] {"/metrics", "/health/live", "/health/ready"}) {
            HttpResponse<String> response = http.send(
                    request(path).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(path).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).as(path).hasValue("GET");
        }
    }

    @Test
    void answers404ForAnyOtherPath() throws Exception {
        assertThat(get("/health").statusCode()).isEqualTo(404);
        assertThat(get("/metrics/x").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        // a bound for a broken server, not a timing assertion
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30));
    }
}
