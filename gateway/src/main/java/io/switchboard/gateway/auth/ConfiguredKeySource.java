package io.switchboard.gateway.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;
import java.util.Set;

/**
 * The configured keys (secret, PEM key, JWKS file), then the JWKS URL's when none of them matches. Keys never come
 * from the token. A configured key without a {@code kid} (a secret, a PEM key) matches whatever {@code kid} a token
 * names: the issuer may label its key, and the signature decides either way.
 */
final class ConfiguredKeySource implements JWKSource<SecurityContext> {
    private final List<JWK> keys;
    private final JWKSource<SecurityContext> remote;

    /** @param remote the JWKS URL's keys, or null */
    ConfiguredKeySource(List<JWK> keys, JWKSource<SecurityContext> remote) {
        this.keys = List.copyOf(keys);
        this.remote = remote;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        JWKMatcher matcher = selector.getMatcher();
        JWKMatcher anyKeyId =
                new JWKMatcher.Builder(matcher).keyIDs((Set<String>) null).build();
        List<JWK> matches = keys.stream()
                .filter(key -> (key.getKeyID() == null ? anyKeyId : matcher).matches(key))
                .toList();
        if (!matches.isEmpty() || remote == null) {
            return matches;
        }
        return remote.get(selector, context);
    }
}
