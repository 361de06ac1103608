package io.switchboard.gateway.auth;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import io.switchboard.config.ConfigException;
import io.switchboard.gateway.config.GatewayConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code gateway.auth.jwt.public-key-file}: a PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo) or {@code
 * CERTIFICATE}, RSA of at least 2048 bits or EC on P-256, with the JDK's own parsers.
 */
final class PemPublicKeys {
    static final int MIN_RSA_BITS = 2048;

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private PemPublicKeys() {}

    static JWK read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw problem("cannot read " + file + ": " + e);
        }
        Matcher pem = PEM.matcher(text);
        if (!pem.find()) {
            throw problem(file + " holds no PEM block");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.group(2));
        PublicKey key =
                switch (pem.group(1)) {
                    case "PUBLIC KEY" -> publicKey(der);
                    case "CERTIFICATE" -> certificateKey(der);
                    default ->
                        throw problem(file + " holds a " + pem.group(1) + "; a PUBLIC KEY or CERTIFICATE is required");
                };
        return jwk(key);
    }

    private static PublicKey publicKey(byte[] der) {
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this kind of key: try the next
            }
        }
        throw problem("the PUBLIC KEY is neither RSA nor EC");
    }

    private static PublicKey certificateKey(byte[] der) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der))
                    .getPublicKey();
        } catch (GeneralSecurityException e) {
            throw problem("not an X.509 certificate: " + e.getMessage());
        }
    }

    private static JWK jwk(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw problem("the RSA key has " + rsa.getModulus().bitLength() + " bits; at least " + MIN_RSA_BITS);
            }
            return new RSAKey.Builder(rsa).build();
        }
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (!Curve.P_256.equals(curve)) {
                throw problem("the EC key is not on P-256 (ES256)");
            }
            return new ECKey.Builder(curve, ec).build();
        }
        throw problem("the key is " + key.getAlgorithm() + "; RSA or EC is required");
    }

    private static ConfigException problem(String message) {
        return new ConfigException(GatewayConfig.AUTH_JWT_PUBLIC_KEY_FILE, message);
    }
}
