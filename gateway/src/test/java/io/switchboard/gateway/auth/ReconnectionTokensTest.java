package io.switchboard.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconnectionTokensTest {
    /** 32 random bytes as unpadded base64url, as the processor issues them. */
    static String issued() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Test
    void acceptsTheFormTheProcessorIssues() {
        for (int i = 0; i < 100; i++) {
            assertThat(ReconnectionTokens.isWellFormed(issued())).isTrue();
        }
        assertThat(ReconnectionTokens.isWellFormed("A".repeat(42) + "-")).isTrue();
    }

    @Test
    void refusesEverythingElseAndAJwtAboveAll() {
        String jwt = DevTokens.mint("0123456789abcdef0123456789abcdef", "alice", List.of("admin"), Duration.ofHours(1));
        assertThat(List.of(
                        jwt,
                        "",
                        "r-123",
                        "A".repeat(42),
                        "A".repeat(44),
                        "A".repeat(42) + "=",
                        "A".repeat(42) + "+",
                        "A".repeat(42) + "/",
                        "A".repeat(21) + "." + "A".repeat(21),
                        "A".repeat(42) + "é"))
                .allSatisfy(candidate ->
                        assertThat(ReconnectionTokens.isWellFormed(candidate)).isFalse());
        assertThat(ReconnectionTokens.isWellFormed(null)).isFalse();
    }

    @Test
    void hashesTheUtf8BytesWithSha256AsLowercaseHex() {
        // echo -n abc | sha256sum
        assertThat(ReconnectionTokens.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ReconnectionTokens.hash(issued())).matches("[0-9a-f]{64}");
    }
}
