package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.kafka.embedded.EmbeddedKafkaExtension;
import io.switchboard.schemas.Topics;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The browser SDK as a started gateway serves it from its jar (PROTOCOL.md, "The browser SDK and console page"), through
 * real HTTP: content type, content-hash ETag and 304, HEAD, 404, no way out of the folder, and the other endpoints of
 * the port unchanged.
 */
@Timeout(120)
class StaticFilesIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static ProcessorStandIn processor;
    private static SwitchboardGateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        Topics topics = new Topics("static-files-it");
        processor = new ProcessorStandIn(KAFKA.bootstrapServers(), topics, "metrics");
        gateway = SwitchboardGateway.start(
                GatewayConfig.forTests(KAFKA.bootstrapServers(), Map.of(GatewayConfig.TOPIC_PREFIX, topics.prefix())));
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
        if (processor != null) {
            processor.close();
        }
    }

    @Test
    void servesTheSdkModuleFromTheJarAsJavaScript() throws Exception {
        HttpResponse<String> sdk = send(request("/sdk/switchboard.js"));
        assertThat(sdk.statusCode()).isEqualTo(200);
        assertThat(sdk.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(sdk.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(sdk.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(sdk.headers().firstValue("Access-Control-Allow-Origin"))
                .as("pages of other origins may import it")
                .hasValue("*");
        assertThat(sdk.body()).isEqualTo(classpathText("io/switchboard/gateway/web/sdk/switchboard.js"));
        assertThat(sdk.body()).contains("export function connect(");

        HttpResponse<String> types = send(request("/sdk/switchboard.d.ts"));
        assertThat(types.statusCode()).isEqualTo(200);
        assertThat(types.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(types.body()).contains("export function connect(");
    }

    @Test
    void revalidatesByContentHashWith304() throws Exception {
        HttpResponse<String> first = send(request("/sdk/switchboard.js"));
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Last-Modified")).isEmpty();

        HttpResponse<String> again = send(HttpRequest.newBuilder(uri("/sdk/switchboard.js"))
                .header("If-None-Match", etag)
                .build());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();

        HttpResponse<String> changed = send(HttpRequest.newBuilder(uri("/sdk/switchboard.js"))
                .header("If-None-Match", "\"another-version\"")
                .header("If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT")
                .build());
        assertThat(changed.statusCode()).as("a stale tag gets the file").isEqualTo(200);
        assertThat(changed.body()).isEqualTo(first.body());
        assertThat(send(request("/sdk/switchboard.d.ts")).headers().firstValue("ETag"))
                .isPresent()
                .get()
                .isNotEqualTo(etag);
    }

    @Test
    void answersHeadWithTheHeadersAndNoBody() throws Exception {
        HttpResponse<String> head = send(HttpRequest.newBuilder(uri("/sdk/switchboard.js"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(head.headers().firstValue("ETag")).isPresent();
        assertThat(head.body()).isEmpty();
    }

    @Test
    void answersUnknownPathsAndFoldersWith404() throws Exception {
        for (String path : new String[] {"/sdk/", "/sdk", "/sdk/nope.js", "/console/", "/nope", "/sdk/README.md"}) {
            assertThat(send(request(path)).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void neverServesAFileOutsideItsFolder() throws Exception {
        String[] escapes = {
            "/sdk/../sdk/../../SwitchboardGateway.class",
            "/sdk/../../../../../io/switchboard/gateway/SwitchboardGateway.class",
            "/sdk/%2e%2e/%2e%2e/SwitchboardGateway.class",
            "/sdk/..%2f..%2fSwitchboardGateway.class",
            "/sdk/%2e%2e%2f%2e%2e%2fSwitchboardGateway.class",
            "/console/../../../../../logback-test.xml",
            "/sdk//../../../../../../logback-test.xml",
        };
        for (String path : escapes) {
            HttpResponse<String> response = send(request(path));
            assertThat(response.statusCode()).as(path).isIn(400, 404);
            assertThat(response.body())
                    .as(path)
                    .doesNotContain("SwitchboardGateway")
                    .doesNotContain("<configuration");
        }
    }

    @Test
    void leavesTheOtherEndpointsOfThePortAsTheyWere() throws Exception {
        assertThat(send(request("/health/live")).statusCode()).isEqualTo(200);
        assertThat(send(request("/metrics")).body()).contains("switchboard_gateway_connections_active");
        assertThat(send(request("/ws")).statusCode())
                .as("a GET without an upgrade is not a WebSocket handshake")
                .isNotEqualTo(200);
    }

    private static String classpathText(String name) throws Exception {
        try (InputStream in = StaticFilesIT.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " is in the gateway's jar").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static HttpRequest request(String path) {
        return HttpRequest.newBuilder(uri(path)).build();
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
