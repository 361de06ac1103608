package io.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayUrlTest {
    @Test
    void acceptsWsAndWssAndAddsTheQueryOfEachHandshake() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("resume", "a+b/c");
        query.put("accept_encoding", "gzip,zstd");

        assertThat(GatewayUrl.parse("ws://localhost:8080/ws").withQuery(query))
                .hasToString("ws://localhost:8080/ws?resume=a%2Bb%2Fc&accept_encoding=gzip,zstd");
        assertThat(GatewayUrl.parse("WSS://gateway.example").withQuery(Map.of()))
                .hasToString("wss://gateway.example/");
    }

    @Test
    void keepsTheCallersParametersButNotCredentials() {
        GatewayUrl url = GatewayUrl.parse("ws://h:1/ws?tenant=x&access_token=secret&resume=old");
        assertThat(url.withQuery(Map.of("resume", "new"))).hasToString("ws://h:1/ws?tenant=x&resume=new");
        assertThat(url.toString()).doesNotContain("secret");
    }

    @Test
    void refusesAnythingButAWebSocketUrlWithAClearMessage() {
        assertThatThrownBy(() -> GatewayUrl.parse("http://localhost:8080/ws"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with ws:// or wss://");
        assertThatThrownBy(() -> GatewayUrl.parse("localhost:8080")).hasMessageContaining("ws:// or wss://");
        assertThatThrownBy(() -> GatewayUrl.parse("ws:///ws")).hasMessageContaining("has no host");
        assertThatThrownBy(() -> GatewayUrl.parse("ws://h/ws#top")).hasMessageContaining("fragment");
        assertThatThrownBy(() -> GatewayUrl.parse("ws://h w/")).hasMessageContaining("is not a URL");
        assertThatThrownBy(() -> GatewayUrl.parse(" ")).hasMessageContaining("required");
    }

    @Test
    void theBuilderRefusesABadUrlAtOnceAndABadProxy() {
        assertThatThrownBy(() -> SwitchboardClient.builder("ftp://h/ws")).hasMessageContaining("ws://");
        assertThatThrownBy(() -> SwitchboardClient.builder("ws://h/ws").proxy("socks5://p:1080"))
                .hasMessageContaining("http://host:port");
        assertThatThrownBy(() -> SwitchboardClient.builder("ws://h/ws")
                        .acceptEncoding(java.util.List.of("br"))
                        .build())
                .hasMessageContaining("unknown encoding 'br'");
    }
}
