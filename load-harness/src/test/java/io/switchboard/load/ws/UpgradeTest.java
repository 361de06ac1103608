package io.switchboard.load.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UpgradeTest {
    @Test
    void acceptKeyMatchesTheRfcExample() {
        // RFC 6455 §1.3
        assertThat(Upgrade.accept("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void acceptsA101WithTheRightKeyOnly() {
        Upgrade upgrade = Upgrade.to("127.0.0.1:8080", "/ws");
        String request = new String(upgrade.request(), StandardCharsets.US_ASCII);
        String key = request.lines()
                .filter(l -> l.startsWith("Sec-WebSocket-Key: "))
                .findFirst()
                .orElseThrow()
                .substring(19);

        assertThat(request)
                .startsWith("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n")
                .endsWith("\r\n\r\n");
        assertThat(upgrade.refusal("HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Accept: " + Upgrade.accept(key)))
                .isNull();
        assertThat(upgrade.refusal("HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Accept: wrong"))
                .startsWith("101");
        assertThat(upgrade.refusal("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1"))
                .startsWith("429");
    }

    @Test
    void findsTheEndOfTheHead() {
        byte[] bytes = "HTTP/1.1 101 OK\r\nA: b\r\n\r\n\u0081\u0000".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(Upgrade.headEnd(bytes, bytes.length)).isEqualTo(bytes.length - 2);
        assertThat(Upgrade.headEnd(bytes, 20)).isEqualTo(-1);
    }
}
