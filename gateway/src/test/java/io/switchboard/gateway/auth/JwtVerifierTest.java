package io.switchboard.gateway.auth;

import static io.switchboard.gateway.auth.TestKeys.SECRET;
import static io.switchboard.gateway.auth.TestKeys.claims;
import static io.switchboard.gateway.auth.TestKeys.hs256;
import static io.switchboard.gateway.auth.TestKeys.rs256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.switchboard.gateway.config.GatewayConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier against honest tokens and against the attacks issue 3 lists, one kind per test. */
class JwtVerifierTest {
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void acceptsAnHs256TokenAndReadsItsUserRolesAndExpiry() throws Exception {
        String token = hs256(
                SECRET,
                claims("alice", NOW)
                        .claim("roles", List.of("admin", "developer"))
                        .build());

        VerifiedToken verified = verifier(Map.of()).verify(token);

        assertThat(verified.identity()).isEqualTo(new Identity("alice", List.of("admin", "developer")));
        assertThat(verified.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
    }

    @Test
    void refusesAForgedSignature() {
        TokenVerifier verifier = verifier(Map.of());
        String honest = hs256(SECRET, claims("alice", NOW).build());
        String[] parts = honest.split("\\.");
        String mallory =
                Base64URL.encode(claims("mallory", NOW).build().toString()).toString();

        assertRefused(
                verifier,
                hs256(
                        "another-secret-0123456789abcdef-xyz",
                        claims("alice", NOW).build()));
        assertRefused(verifier, parts[0] + "." + mallory + "." + parts[2]);
        assertRefused(verifier, parts[0] + "." + parts[1] + ".");
        assertRefused(verifier, parts[0] + "." + parts[1]);
    }

    @Test
    void refusesUnsecuredTokensHoweverAlgNoneIsSpelled() {
        TokenVerifier verifier = verifier(Map.of());
        JWTClaimsSet claims = claims("alice", NOW).build();
        String signature = hs256(SECRET, claims).split("\\.")[2];

        assertRefused(verifier, new PlainJWT(claims).serialize());
        assertRefused(verifier, raw("{\"alg\":\"none\"}", claims, ""));
        assertRefused(verifier, raw("{\"alg\":\"none\",\"typ\":\"JWT\"}", claims, signature));
        assertRefused(verifier, raw("{\"alg\":\"None\"}", claims, signature));
        assertRefused(verifier, raw("{\"alg\":\"NONE\"}", claims, ""));
        assertRefused(verifier, raw("{\"typ\":\"JWT\"}", claims, signature));
    }

    @Test
    void refusesAnHmacSignedWithTheRsaPublicKeyWhenRs256IsConfigured() throws Exception {
        RSAKey rsa = TestKeys.rsa("rsa-1");
        Path pem = TestKeys.write(dir.resolve("rsa.pem"), TestKeys.pem(rsa));
        TokenVerifier rsaOnly = verifier(Map.of(GatewayConfig.AUTH_JWT_PUBLIC_KEY_FILE, pem.toString()));
        TokenVerifier rsaAndSecret = verifier(Map.of(
                GatewayConfig.AUTH_JWT_PUBLIC_KEY_FILE,
                pem.toString(),
                GatewayConfig.AUTH_JWT_SECRET,
                SECRET,
                GatewayConfig.AUTH_JWT_ALGORITHMS,
                "RS256,HS256"));
        JWTClaimsSet claims = claims("alice", NOW).build();
        List<byte[]> publicKeyBytes = List.of(
                TestKeys.pem(rsa).getBytes(StandardCharsets.US_ASCII),
                rsa.toPublicKey().getEncoded(),
                rsa.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8));

        for (byte[] keyBytes : publicKeyBytes) {
            for (String kid : new String[] {null, "rsa-1"}) {
                String confused =
                        TestKeys.sign(TestKeys.header(JWSAlgorithm.HS256, kid).build(), claims, TestKeys.mac(keyBytes));
                assertRefused(rsaOnly, confused);
                assertRefused(rsaAndSecret, confused);
            }
        }
        assertThat(rsaOnly.verify(rs256(rsa, claims)).identity().userId()).isEqualTo("alice");
        assertThat(rsaAndSecret.verify(hs256(SECRET, claims)).identity().userId())
                .isEqualTo("alice");
    }

    @Test
    void usesOnlyTheConfiguredAlgorithmsWhateverTheTokenNames() throws Exception {
        String secret64 = SECRET + SECRET;
        TokenVerifier hs256Only = verifier(Map.of(GatewayConfig.AUTH_JWT_SECRET, secret64));
        JWTClaimsSet claims = claims("alice", NOW).build();
        byte[] key = secret64.getBytes(StandardCharsets.UTF_8);

        assertRefused(
                hs256Only,
                TestKeys.sign(TestKeys.header(JWSAlgorithm.HS512, null).build(), claims, TestKeys.mac(key)));
        assertRefused(
                hs256Only,
                TestKeys.sign(TestKeys.header(JWSAlgorithm.HS384, null).build(), claims, TestKeys.mac(key)));
        assertRefused(hs256Only, rs256(TestKeys.rsa("k"), claims));
        assertThat(hs256Only.verify(hs256(secret64, claims))).isNotNull();
    }

    @Test
    void refusesExpiredTokensAndToleratesTheClockSkew() throws Exception {
        TokenVerifier verifier = verifier(Map.of());
        TokenVerifier strict = verifier(Map.of(GatewayConfig.AUTH_JWT_CLOCK_SKEW_SECONDS, "0"));

        assertRefused(verifier, hs256(SECRET, expiringAt(NOW.minusSeconds(31))));
        assertRefused(verifier, hs256(SECRET, expiringAt(NOW.minus(Duration.ofDays(1)))));
        assertThat(verifier.verify(hs256(SECRET, expiringAt(NOW.minusSeconds(29))))
                        .expiresAt())
                .isEqualTo(NOW.minusSeconds(29));
        assertRefused(strict, hs256(SECRET, expiringAt(NOW.minusSeconds(1))));
    }

    @Test
    void refusesTokensThatAreNotValidYetAndToleratesTheClockSkew() throws Exception {
        TokenVerifier verifier = verifier(Map.of());

        assertRefused(
                verifier,
                hs256(SECRET, claims("alice", NOW).notBeforeTime(notBefore(31)).build()));
        assertThat(verifier.verify(hs256(
                        SECRET,
                        claims("alice", NOW).notBeforeTime(notBefore(29)).build())))
                .isNotNull();
    }

    @Test
    void refusesATokenWithoutExp() {
        assertRefused(
                verifier(Map.of()),
                hs256(SECRET, claims("alice", NOW).expirationTime(null).build()));
    }

    @Test
    void refusesATokenWhoseSubMakesNoPersonalChannel() throws Exception {
        TokenVerifier verifier = verifier(Map.of());

        assertRefused(verifier, hs256(SECRET, claims(null, NOW).build()));
        for (String sub : List.of("", "has space", "a/b", "tab\t", "ü", "x".repeat(200))) {
            assertRefused(verifier, hs256(SECRET, claims(sub, NOW).build()));
        }
        assertThat(verifier.verify(hs256(
                                SECRET, claims("Alice.Smith@example.com", NOW).build()))
                        .identity()
                        .userId())
                .isEqualTo("Alice.Smith@example.com");
    }

    @Test
    void checksIssuerAndAudienceExactlyWhenConfigured() throws Exception {
        TokenVerifier checking = verifier(Map.of(
                GatewayConfig.AUTH_JWT_ISSUER, "https://idp.example.com/",
                GatewayConfig.AUTH_JWT_AUDIENCE, "switchboard"));
        JWTClaimsSet.Builder good =
                claims("alice", NOW).issuer("https://idp.example.com/").audience(List.of("other", "switchboard"));

        assertThat(checking.verify(hs256(SECRET, good.build()))).isNotNull();
        for (String issuer : new String[] {null, "https://idp.example.com", "https://idp.example.com/.evil", ""}) {
            assertRefused(checking, hs256(SECRET, withIssuer(good.build(), issuer)));
        }
        for (List<String> audience : List.of(List.<String>of(), List.of("switchboard-admin"), List.of("Switchboard"))) {
            assertRefused(
                    checking,
                    hs256(
                            SECRET,
                            new JWTClaimsSet.Builder(good.build())
                                    .audience(audience)
                                    .build()));
        }
        assertThat(verifier(Map.of())
                        .verify(hs256(
                                SECRET,
                                claims("alice", NOW)
                                        .issuer("anyone")
                                        .audience("anything")
                                        .build())))
                .as("not checked when not configured")
                .isNotNull();
    }

    @Test
    void readsRolesFromTheConfiguredClaimAndRefusesRolesThatAreNotAnArrayOfStrings() throws Exception {
        TokenVerifier groups = verifier(Map.of(GatewayConfig.AUTH_JWT_ROLES_CLAIM, "groups"));
        TokenVerifier roles = verifier(Map.of());

        assertThat(groups.verify(hs256(
                                SECRET,
                                claims("alice", NOW)
                                        .claim("groups", List.of("bot"))
                                        .build()))
                        .identity()
                        .roles())
                .containsExactly("bot");
        assertThat(roles.verify(hs256(
                                SECRET,
                                claims("alice", NOW).claim("roles", null).build()))
                        .identity()
                        .roles())
                .as("missing means no roles")
                .isEmpty();
        for (Object bad : List.of("admin", List.of(1, "viewer"), Map.of("admin", true), 7)) {
            assertRefused(
                    roles,
                    hs256(SECRET, claims("alice", NOW).claim("roles", bad).build()));
        }
    }

    @Test
    void matchesKidsInAJwksFileExactlyWhateverPathOrSqlTheyHold() throws Exception {
        RSAKey rsa = TestKeys.rsa("key-1");
        ECKey ec = TestKeys.ec("key-2");
        Path jwks = TestKeys.write(dir.resolve("jwks.json"), TestKeys.jwks(rsa, ec));
        TokenVerifier verifier = verifier(Map.of(GatewayConfig.AUTH_JWT_JWKS_FILE, jwks.toString()));
        JWTClaimsSet claims = claims("alice", NOW).build();
        RSAKey attacker = TestKeys.rsa("attacker");

        assertThat(verifier.verify(rs256(rsa, claims))).isNotNull();
        assertThat(verifier.verify(TestKeys.es256(ec, claims))).isNotNull();
        List<String> tricks = List.of(
                "key-1",
                "../../etc/passwd",
                "../key-1",
                "key-1/../key-1",
                "%2e%2e%2fetc%2fpasswd",
                "file:///etc/passwd",
                "' OR '1'='1",
                "key-1' --",
                "key-1\u0000",
                "*");
        for (String kid : tricks) {
            assertRefused(
                    verifier, rs256(new RSAKey.Builder(attacker).keyID(kid).build(), claims));
        }
        for (String kid : tricks.subList(1, tricks.size())) {
            assertRefused(verifier, rs256(new RSAKey.Builder(rsa).keyID(kid).build(), claims));
        }
    }

    @Test
    void neverFetchesKeysNamedByJkuOrX5uNorTrustsAnEmbeddedJwk() throws Exception {
        RSAKey trusted = TestKeys.rsa("trusted");
        Path jwks = TestKeys.write(dir.resolve("jwks.json"), TestKeys.jwks(trusted));
        TokenVerifier verifier = verifier(Map.of(GatewayConfig.AUTH_JWT_JWKS_FILE, jwks.toString()));
        RSAKey attacker = TestKeys.rsa("attacker");
        JWTClaimsSet claims = claims("alice", NOW).build();
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            listener.configureBlocking(false);
            URI lure = URI.create("http://127.0.0.1:" + listener.socket().getLocalPort() + "/jwks.json");

            List<UnaryOperator<JWSHeader.Builder>> lures = List.of(
                    header -> header.jwkURL(lure),
                    header -> header.x509CertURL(lure),
                    header -> header.jwk(attacker.toPublicJWK()));
            for (String kid : new String[] {"attacker", "trusted", null}) {
                for (UnaryOperator<JWSHeader.Builder> lured : lures) {
                    JWSHeader header = lured.apply(TestKeys.header(JWSAlgorithm.RS256, kid))
                            .build();
                    assertRefused(verifier, TestKeys.sign(header, claims, TestKeys.rsaSigner(attacker)));
                }
            }

            // verification is synchronous: a fetch would have connected before the refusals above returned
            assertThat(listener.accept())
                    .as("a connection to the jku/x5u listener")
                    .isNull();
        }
    }

    @Test
    void refusesEncryptedAndNestedTokens() throws Exception {
        RSAKey rsa = TestKeys.rsa("rsa-1");
        Path pem = TestKeys.write(dir.resolve("rsa.pem"), TestKeys.pem(rsa));
        TokenVerifier verifier = verifier(Map.of(GatewayConfig.AUTH_JWT_PUBLIC_KEY_FILE, pem.toString()));
        JWTClaimsSet claims = claims("alice", NOW).build();
        String signed = rs256(rsa, claims);

        EncryptedJWT jwe = new EncryptedJWT(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A128GCM), claims);
        jwe.encrypt(new RSAEncrypter(rsa.toRSAPublicKey()));
        JWEObject nestedJwe = new JWEObject(
                new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A128GCM)
                        .contentType("JWT")
                        .build(),
                new Payload(signed));
        nestedJwe.encrypt(new RSAEncrypter(rsa.toRSAPublicKey()));
        JWSObject nestedJws = new JWSObject(
                TestKeys.header(JWSAlgorithm.RS256, "rsa-1").contentType("JWT").build(), new Payload(signed));
        nestedJws.sign(TestKeys.rsaSigner(rsa));

        assertRefused(verifier, jwe.serialize());
        assertRefused(verifier, nestedJwe.serialize());
        assertRefused(verifier, nestedJws.serialize());
        assertThat(verifier.verify(signed)).isNotNull();
    }

    @Test
    void refusesMalformedAndOversizedTokens() {
        TokenVerifier verifier = verifier(Map.of());
        String honest = hs256(SECRET, claims("alice", NOW).build());

        for (String token : List.of("", "not.a.jwt", "a.b", "...", "{\"alg\":\"HS256\"}", honest + "x", " " + honest)) {
            assertRefused(verifier, token);
        }
        String huge = hs256(
                SECRET,
                claims("alice", NOW)
                        .claim("pad", "x".repeat(JwtVerifier.MAX_TOKEN_LENGTH))
                        .build());
        assertRefused(verifier, huge);
    }

    @Test
    void verifiesRs256AndEs256WithPemPublicKeys() throws Exception {
        RSAKey rsa = TestKeys.rsa(null);
        ECKey ec = TestKeys.ec(null);
        TokenVerifier rsaVerifier = verifier(Map.of(
                GatewayConfig.AUTH_JWT_PUBLIC_KEY_FILE,
                TestKeys.write(dir.resolve("rsa.pem"), TestKeys.pem(rsa)).toString()));
        TokenVerifier ecVerifier = verifier(Map.of(
                GatewayConfig.AUTH_JWT_PUBLIC_KEY_FILE,
                TestKeys.write(dir.resolve("ec.pem"), TestKeys.pem(ec)).toString()));
        JWTClaimsSet claims = claims("alice", NOW).build();

        assertThat(rsaVerifier.verify(rs256(rsa, claims))).isNotNull();
        assertThat(rsaVerifier.verify(
                        rs256(new RSAKey.Builder(rsa).keyID("issuer-label").build(), claims)))
                .as("a configured key without kid matches whatever kid the token names")
                .isNotNull();
        assertThat(ecVerifier.verify(TestKeys.es256(ec, claims))).isNotNull();
        assertRefused(rsaVerifier, TestKeys.es256(ec, claims));
        assertRefused(ecVerifier, rs256(rsa, claims));
        assertRefused(ecVerifier, TestKeys.es256(TestKeys.ec(null), claims));
    }

    private static TokenVerifier verifier(Map<String, String> keys) {
        Map<String, String> values = new HashMap<>();
        if (!keys.containsKey(GatewayConfig.AUTH_JWT_PUBLIC_KEY_FILE)
                && !keys.containsKey(GatewayConfig.AUTH_JWT_JWKS_FILE)) {
            values.put(GatewayConfig.AUTH_JWT_SECRET, SECRET);
        }
        values.putAll(keys);
        return TokenVerifier.forConfig(
                GatewayConfig.forTests("127.0.0.1:1", values).auth().jwt(), CLOCK);
    }

    private static void assertRefused(TokenVerifier verifier, String token) {
        assertThatThrownBy(() -> verifier.verify(token))
                .as("token %s", token.length() > 80 ? token.substring(0, 80) + "..." : token)
                .isInstanceOf(TokenRejectedException.class)
                .satisfies(e -> {
                    if (!token.isEmpty()) {
                        assertThat(e.getMessage()).as("never echoes the token").doesNotContain(token);
                    }
                });
    }

    private static String raw(String headerJson, JWTClaimsSet claims, String signature) {
        return Base64URL.encode(headerJson) + "." + Base64URL.encode(claims.toString()) + "." + signature;
    }

    private static JWTClaimsSet expiringAt(Instant exp) {
        return claims("alice", NOW).expirationTime(Date.from(exp)).build();
    }

    private static Date notBefore(long secondsFromNow) {
        return Date.from(NOW.plusSeconds(secondsFromNow));
    }

    private static JWTClaimsSet withIssuer(JWTClaimsSet claims, String issuer) {
        return new JWTClaimsSet.Builder(claims).issuer(issuer).build();
    }
}
