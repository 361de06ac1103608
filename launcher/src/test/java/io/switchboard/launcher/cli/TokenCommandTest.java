package io.switchboard.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenCommandTest {
    private static final String OTHER_SECRET = "another-secret-that-is-long-enough-0123456789";

    @TempDir
    Path dir;

    @Test
    void printsOnlyAnHs256TokenWithTheUserRolesAndExpiry() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        CliRun run = CliRun.run(
                "token", "--user", "alice", "--roles", "admin,viewer", "--ttl", "2h", "--secret", CliRun.SECRET);

        Instant after = Instant.now();
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\R");
        SignedJWT jwt = verified(run.out().trim(), CliRun.SECRET);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("alice");
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("admin", "viewer");
        Instant expiry = jwt.getJWTClaimsSet().getExpirationTime().toInstant();
        assertThat(expiry).isBetween(before.plus(Duration.ofHours(2)), after.plus(Duration.ofHours(2)));
    }

    @Test
    void withoutRolesTheTokenHasAnEmptyRolesClaimAndLastsAnHour() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        CliRun run = CliRun.run("token", "--user", "bob", "--secret", CliRun.SECRET);

        SignedJWT jwt = verified(run.out().trim(), CliRun.SECRET);
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).isEmpty();
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant())
                .isBetween(before.plus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(1)));
    }

    @Test
    void secretComesFromTheEnvironmentWhenNotGiven() throws Exception {
        Map<String, String> env = Map.of("SWITCHBOARD_GATEWAY_AUTH_JWT_SECRET", CliRun.SECRET);

        CliRun run = CliRun.run(env, "token", "--user", "alice");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(verified(run.out().trim(), CliRun.SECRET).getJWTClaimsSet().getSubject())
                .isEqualTo("alice");
    }

    @Test
    void secretComesFromTheConfigFileOfAnyPart() throws Exception {
        Path file = Files.writeString(
                dir.resolve("gateway.properties"),
                "gateway.port=9000\nprocessor.families=metrics\ngateway.auth.jwt.secret=" + CliRun.SECRET + "\n",
                StandardCharsets.UTF_8);

        CliRun run = CliRun.run("token", "--user", "alice", "--config", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        verified(run.out().trim(), CliRun.SECRET);
    }

    @Test
    void secretOptionWinsOverTheEnvironment() throws Exception {
        Map<String, String> env = Map.of("SWITCHBOARD_GATEWAY_AUTH_JWT_SECRET", OTHER_SECRET);

        CliRun run = CliRun.run(env, "token", "--user", "alice", "--secret", CliRun.SECRET);

        verified(run.out().trim(), CliRun.SECRET);
    }

    @ParameterizedTest
    @CsvSource({"30s, PT30S", "15m, PT15M", "1h, PT1H", "24h, PT24H", "7d, PT168H", "PT1H, PT1H", "pt90m, PT1H30M"})
    void ttlAcceptsUnitsAndIso8601(String ttl, String expected) throws Exception {
        CliRun run = CliRun.run("token", "--user", "alice", "--ttl", ttl, "--secret", CliRun.SECRET);

        assertThat(run.exitCode()).as(run.err()).isZero();
        var claims = verified(run.out().trim(), CliRun.SECRET).getJWTClaimsSet();
        Duration lifetime = Duration.between(
                claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant());
        assertThat(lifetime).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "-1h", "PT0S", "PT-5M", "1w", "soon", "h"})
    void ttlThatIsNotAPositiveDurationIsAUsageError(String ttl) {
        CliRun run = CliRun.run("token", "--user", "alice", "--ttl", ttl, "--secret", CliRun.SECRET);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--ttl", ttl);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void missingSecretIsAUsageErrorSayingHowToSetOne() {
        CliRun run = CliRun.run("token", "--user", "alice");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("No secret", "--secret", "SWITCHBOARD_GATEWAY_AUTH_JWT_SECRET");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shortSecretIsAUsageError() {
        CliRun run = CliRun.run("token", "--user", "alice", "--secret", "short");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("256 bits");
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "al ice", "alice/../bob", "ünicode"})
    void userThatMakesNoPersonalChannelIsAUsageError(String user) {
        CliRun run = CliRun.run("token", "--user", user, "--secret", CliRun.SECRET);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("user id");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void invalidRoleIsAUsageError() {
        CliRun run = CliRun.run("token", "--user", "alice", "--roles", "admin,Ops Team", "--secret", CliRun.SECRET);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Ops Team");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void userIsRequired() {
        CliRun run = CliRun.run("token", "--secret", CliRun.SECRET);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--user");
    }

    @Test
    void tokenSignedWithOneSecretDoesNotVerifyWithAnother() throws Exception {
        CliRun run = CliRun.run("token", "--user", "alice", "--secret", CliRun.SECRET);

        SignedJWT jwt = SignedJWT.parse(run.out().trim());
        assertThat(jwt.verify(new MACVerifier(OTHER_SECRET.getBytes(StandardCharsets.UTF_8))))
                .isFalse();
    }

    @Test
    void printConfigHidesTheSecret() {
        CliRun run = CliRun.run("token", "--user", "alice", "--secret", CliRun.SECRET, "--print-config");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("gateway.auth.jwt.secret=******").doesNotContain(CliRun.SECRET);
    }

    private static SignedJWT verified(String token, String secret) throws ParseException, JOSEException {
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.verify(new MACVerifier(secret.getBytes(StandardCharsets.UTF_8))))
                .as("signature")
                .isTrue();
        return jwt;
    }
}
