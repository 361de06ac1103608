package io.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JwtExpiryTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void readsExpFromThePayloadWithoutVerifying() {
        String token = jwt("{\"sub\":\"alice\",\"exp\":1796637600,\"roles\":[\"viewer\"]}");
        assertThat(JwtExpiry.expiresAt(token)).contains(Instant.ofEpochSecond(1796637600));
    }

    @Test
    void hasNoExpiryForTokensWithoutExpOrThatAreNotJwts() {
        assertThat(JwtExpiry.expiresAt(jwt("{\"sub\":\"alice\"}"))).isEmpty();
        assertThat(JwtExpiry.expiresAt(jwt("{\"exp\":\"tomorrow\"}"))).isEmpty();
        assertThat(JwtExpiry.expiresAt(jwt("not json"))).isEmpty();
        assertThat(JwtExpiry.expiresAt("Qqxxe-43-characters-of-a-reconnection-token"))
                .isEmpty();
        assertThat(JwtExpiry.expiresAt("a.%%%.c")).isEmpty();
        assertThat(JwtExpiry.expiresAt(null)).isEmpty();
    }

    @Test
    void refreshesAMinuteAheadOrHalfwayThroughWhatIsLeft() {
        assertThat(JwtExpiry.refreshDelay(NOW.plus(Duration.ofHours(1)), NOW)).contains(Duration.ofMinutes(59));
        assertThat(JwtExpiry.refreshDelay(NOW.plusSeconds(10), NOW)).contains(Duration.ofSeconds(5));
        assertThat(JwtExpiry.refreshDelay(NOW.plusMillis(500), NOW)).contains(Duration.ofSeconds(1));
        assertThat(JwtExpiry.refreshDelay(NOW.minusSeconds(1), NOW)).isEmpty();
        assertThat(JwtExpiry.refreshDelay(NOW, NOW)).isEmpty();
    }

    static String jwt(String payload) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }
}
