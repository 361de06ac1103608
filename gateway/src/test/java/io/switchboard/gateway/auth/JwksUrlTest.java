package io.switchboard.gateway.auth;

import static io.switchboard.gateway.auth.TestKeys.claims;
import static io.switchboard.gateway.auth.TestKeys.rs256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.gateway.config.GatewayConfig;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Verification against a JWKS URL served over real HTTP on loopback. */
class JwksUrlTest {
    private final AtomicInteger requests = new AtomicInteger();
    private volatile String jwks;
    private HttpServer server;

    @BeforeEach
    void serveJwks() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks.json", exchange -> {
            requests.incrementAndGet();
            byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void verifiesWithTheServedKeysAndPicksUpARotatedKeyOnAnUnknownKid() throws Exception {
        RSAKey first = TestKeys.rsa("first");
        RSAKey second = TestKeys.rsa("second");
        jwks = TestKeys.jwks(first);
        TokenVerifier verifier = verifier(Map.of(GatewayConfig.AUTH_JWT_JWKS_REFRESH_MIN_INTERVAL_SECONDS, "0"));

        assertThat(verifier.verify(rs256(first, claims("alice", Instant.now()).build())))
                .isNotNull();
        assertThat(verifier.verify(rs256(first, claims("bob", Instant.now()).build())))
                .isNotNull();
        assertThat(requests).as("served from the cache").hasValue(1);

        jwks = TestKeys.jwks(first, second);
        assertThat(verifier.verify(rs256(second, claims("alice", Instant.now()).build())))
                .isNotNull();
        assertThat(requests).hasValue(2);
    }

    @Test
    void unknownKidsRightAfterAFetchDoNotReachTheKeyServer() throws Exception {
        RSAKey known = TestKeys.rsa("known");
        jwks = TestKeys.jwks(known);
        TokenVerifier verifier = verifier(Map.of());
        verifier.verify(rs256(known, claims("alice", Instant.now()).build()));

        for (int i = 0; i < 50; i++) {
            String forged = rs256(
                    TestKeys.rsa("made-up-" + i), claims("alice", Instant.now()).build());
            assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(TokenRejectedException.class);
        }

        assertThat(requests).hasValue(1);
    }

    @Test
    void refusesTokensWhenTheKeySetIsLargerThanTheFetchLimit() {
        RSAKey key = TestKeys.rsa("k");
        jwks = "{\"keys\":[" + key.toPublicJWK().toJSONString() + "],\"pad\":\""
                + "x".repeat(CachingJwksSource.MAX_JWKS_BYTES) + "\"}";
        TokenVerifier verifier = verifier(Map.of());

        assertThatThrownBy(() -> verifier.verify(
                        rs256(key, claims("alice", Instant.now()).build())))
                .isInstanceOf(TokenRejectedException.class);
    }

    private TokenVerifier verifier(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(extra);
        values.put(
                GatewayConfig.AUTH_JWT_JWKS_URL,
                "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
        return TokenVerifier.forConfig(
                GatewayConfig.forTests("127.0.0.1:1", values).auth().jwt(), Clock.systemUTC());
    }
}
