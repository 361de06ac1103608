package io.switchboard.processor.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.schemas.avro.ChannelPosition;
import io.switchboard.schemas.avro.ConnectionState;
import io.switchboard.schemas.avro.IssueReconnectionToken;
import io.switchboard.schemas.avro.IssuedToken;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenIssuerTest {
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final ConnectionState ALICE = ConnectionState.newBuilder()
            .setGatewayId("gw-1")
            .setUserId("alice")
            .setRoles(List.of("viewer"))
            .setChannels(List.of("user:alice", "status"))
            .build();

    @Test
    void hashesTheTokensUtf8BytesWithSha256AsLowercaseHex() {
        // FIPS 180-2's first SHA-256 test vector.
        assertThat(TokenIssuer.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(TokenIssuer.isHash(TokenIssuer.hash("any token"))).isTrue();
    }

    @Test
    void recognisesOnlyLowercaseHexOfSixtyFourCharactersAsAHash() {
        String hash = TokenIssuer.hash("abc");
        assertThat(TokenIssuer.isHash(hash.toUpperCase())).isFalse();
        assertThat(TokenIssuer.isHash(hash.substring(1))).isFalse();
        assertThat(TokenIssuer.isHash(hash + "0")).isFalse();
        assertThat(TokenIssuer.isHash("")).isFalse();
        assertThat(TokenIssuer.isHash(null)).isFalse();
    }

    @Test
    void encodesThirtyTwoRandomBytesAsUnpaddedBase64Url() {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) 0xfb; // 111110 11...: '+' and '/' in plain base64, '-' and '_' in base64url
        bytes[1] = (byte) 0xff;
        TokenIssuer issuer = new TokenIssuer(() -> bytes.clone(), TTL);

        String token = issuer.issue(ALICE, request(), NOW).reply().getToken();

        assertThat(token).hasSize(43).startsWith("-_8").doesNotContain("=").matches("[A-Za-z0-9_-]+");
    }

    @Test
    void remembersTheHashAndExpiryNeverTheToken() {
        TokenIssuer issuer = new TokenIssuer(() -> new byte[32], TTL);

        TokenIssuer.Issued issued = issuer.issue(ALICE, request(), NOW);

        String token = issued.reply().getToken();
        assertThat(issued.reply().getExpiresAt()).isEqualTo(NOW.plus(TTL));
        assertThat(issued.token())
                .isEqualTo(new IssuedToken(TokenIssuer.hash(token), NOW.plus(TTL), NOW.plus(Duration.ofHours(1))));
        assertThat(issued.snapshot().toString()).doesNotContain(token);
        assertThat(issued.snapshot().getChannels()).containsExactly(new ChannelPosition("status", 4L, "e", false));
    }

    @Test
    void refusesARandomSourceThatDoesNotGiveThirtyTwoBytes() {
        TokenIssuer issuer = new TokenIssuer(() -> new byte[16], TTL);

        assertThatThrownBy(() -> issuer.issue(ALICE, request(), NOW))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 random bytes");
    }

    @Test
    void theSecureIssuerNeverRepeatsAToken() {
        TokenIssuer issuer = TokenIssuer.secure(TTL);
        Set<String> tokens = new HashSet<>();

        for (int i = 0; i < 1000; i++) {
            tokens.add(issuer.issue(ALICE, request(), NOW).reply().getToken());
        }

        assertThat(tokens).hasSize(1000).allSatisfy(token -> assertThat(token).hasSize(43));
    }

    private static IssueReconnectionToken request() {
        return new IssueReconnectionToken(
                List.of(new ChannelPosition("status", 4L, "e", false)), NOW.plus(Duration.ofHours(1)));
    }
}
