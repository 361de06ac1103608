package io.switchboard.gateway.auth;

import static io.switchboard.gateway.auth.TestKeys.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.switchboard.config.ConfigException;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.JwtConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerificationKeysTest {
    @TempDir
    Path dir;

    @Test
    void derivesTheAlgorithmsFromTheConfiguredKeys() {
        Path rsa = TestKeys.write(dir.resolve("rsa.pem"), TestKeys.pem(TestKeys.rsa(null)));
        Path ec = TestKeys.write(dir.resolve("ec.pem"), TestKeys.pem(TestKeys.ec(null)));
        Path jwks = TestKeys.write(dir.resolve("jwks.json"), TestKeys.jwks(TestKeys.rsa("a")));

        assertThat(algorithms(Map.of(GatewayConfig.AUTH_JWT_SECRET, SECRET))).containsExactly(JWSAlgorithm.HS256);
        assertThat(algorithms(Map.of(GatewayConfig.AUTH_JWT_PUBLIC_KEY_FILE, rsa.toString())))
                .containsExactly(JWSAlgorithm.RS256);
        assertThat(algorithms(Map.of(GatewayConfig.AUTH_JWT_PUBLIC_KEY_FILE, ec.toString())))
                .containsExactly(JWSAlgorithm.ES256);
        assertThat(algorithms(Map.of(GatewayConfig.AUTH_JWT_JWKS_FILE, jwks.toString())))
                .containsExactlyInAnyOrder(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
        assertThat(algorithms(Map.of(GatewayConfig.AUTH_JWT_JWKS_URL, "https://idp.example.com/jwks")))
                .containsExactlyInAnyOrder(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
        assertThat(algorithms(Map.of(
                        GatewayConfig.AUTH_JWT_SECRET, SECRET, GatewayConfig.AUTH_JWT_PUBLIC_KEY_FILE, rsa.toString())))
                .containsExactlyInAnyOrder(JWSAlgorithm.HS256, JWSAlgorithm.RS256);
    }

    @Test
    void takesTheConfiguredAlgorithmsInsteadWhenListed() {
        assertThat(algorithms(Map.of(
                        GatewayConfig.AUTH_JWT_SECRET,
                        SECRET + SECRET,
                        GatewayConfig.AUTH_JWT_ALGORITHMS,
                        "HS384,HS512")))
                .containsExactlyInAnyOrder(JWSAlgorithm.HS384, JWSAlgorithm.HS512);
    }

    @Test
    void refusesAnAlgorithmWhosePublicKeyIsOfAnotherKindNamingTheKeyFile() {
        Path ec = TestKeys.write(dir.resolve("ec.pem"), TestKeys.pem(TestKeys.ec(null)));

        assertRefusedNaming(
                Map.of(
                        GatewayConfig.AUTH_JWT_PUBLIC_KEY_FILE,
                        ec.toString(),
                        GatewayConfig.AUTH_JWT_ALGORITHMS,
                        "RS256"),
                GatewayConfig.AUTH_JWT_PUBLIC_KEY_FILE);
    }

    @Test
    void refusesPublicKeyFilesItCannotUseNamingTheKey() throws Exception {
        Path privateKey = TestKeys.write(
                dir.resolve("private.pem"),
                TestKeys.pem("PRIVATE KEY", TestKeys.rsa(null).toPrivateKey().getEncoded()));
        Path weakRsa =
                TestKeys.write(dir.resolve("weak.pem"), TestKeys.pem(new RSAKeyGenerator(1024, true).generate()));
        Path p384 = TestKeys.write(dir.resolve("p384.pem"), TestKeys.pem(new ECKeyGenerator(Curve.P_384).generate()));
        Path garbage = TestKeys.write(
                dir.resolve("garbage.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        Path notPem = TestKeys.write(dir.resolve("key.txt"), "hello");

        for (Path file : new Path[] {privateKey, weakRsa, p384, garbage, notPem, dir.resolve("missing.pem")}) {
            assertRefusedNaming(
                    Map.of(GatewayConfig.AUTH_JWT_PUBLIC_KEY_FILE, file.toString()),
                    GatewayConfig.AUTH_JWT_PUBLIC_KEY_FILE);
        }
    }

    @Test
    void readsTheKeyOfAPemCertificate() throws Exception {
        Path keystore = dir.resolve("keystore.p12");
        Path certificate = dir.resolve("cert.pem");
        keytool(
                "-genkeypair",
                "-alias",
                "k",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=test",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "k",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-file",
                certificate.toString());

        assertThat(algorithms(Map.of(GatewayConfig.AUTH_JWT_PUBLIC_KEY_FILE, certificate.toString())))
                .containsExactly(JWSAlgorithm.RS256);
    }

    @Test
    void refusesAJwksFileItCannotReadNamingTheKey() {
        Path notJson = TestKeys.write(dir.resolve("jwks.json"), "{\"keys\":");

        assertRefusedNaming(
                Map.of(GatewayConfig.AUTH_JWT_JWKS_FILE, notJson.toString()), GatewayConfig.AUTH_JWT_JWKS_FILE);
        assertRefusedNaming(
                Map.of(
                        GatewayConfig.AUTH_JWT_JWKS_FILE,
                        dir.resolve("missing.json").toString()),
                GatewayConfig.AUTH_JWT_JWKS_FILE);
    }

    private static java.util.Set<JWSAlgorithm> algorithms(Map<String, String> keys) {
        return VerificationKeys.load(config(keys)).algorithms();
    }

    private static void assertRefusedNaming(Map<String, String> keys, String key) {
        assertThatThrownBy(() -> VerificationKeys.load(config(keys)))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).isEqualTo(key));
    }

    private static JwtConfig config(Map<String, String> keys) {
        return GatewayConfig.forTests("127.0.0.1:1", new HashMap<>(keys)).auth().jwt();
    }

    private static void keytool(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
    }
}
