package io.switchboard.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.Handlers;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The routes of {@link StaticFiles} over a fixture folder (src/test/resources/.../web-fixture), through real HTTP. */
class StaticFilesTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Undertow server;
    private int port;

    @BeforeEach
    void start() {
        server = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(StaticFiles.addTo(Handlers.path(), "io/switchboard/gateway/web-fixture/"))
                .build();
        server.start();
        port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void servesTheConsolePageAtTheRootAndItsAssetsUnderConsole() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("fixture console");
        assertThat(get("/console/index.html").body()).isEqualTo(page.body());

        HttpResponse<String> css = get("/console/css/app.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(page.headers().firstValue("Access-Control-Allow-Origin"))
                .as("the console is for its own origin")
                .isEmpty();
    }

    @Test
    void servesModulesAsJavaScript() throws Exception {
        HttpResponse<String> module = get("/sdk/fixture.js");
        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(module.body()).isEqualTo("export const fixture = 1;\n");
        assertThat(get("/sdk/fixture.js?js").body())
                .as("a query string changes nothing (no directory-listing script)")
                .isEqualTo(module.body());
    }

    @Test
    void answersFoldersAndMissingFilesWith404() throws Exception {
        for (String path : new String[] {"/console", "/console/", "/console/css", "/console/css/", "/sdk/", "/nope"}) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(404);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
