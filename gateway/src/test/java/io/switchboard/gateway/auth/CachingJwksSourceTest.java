package io.switchboard.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The JWKS URL cache on a fake clock and a fake fetcher: what is fetched when, and what is kept. */
class CachingJwksSourceTest {
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(30);

    private final RSAKey keyA = TestKeys.rsa("a");
    private final RSAKey keyB = TestKeys.rsa("b");
    private final FakeRetriever retriever = new FakeRetriever();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final CachingJwksSource source;

    CachingJwksSourceTest() throws Exception {
        source = new CachingJwksSource(
                new URL("https://idp.example.com/jwks"), retriever, TTL, MIN_INTERVAL, nanos::get);
        retriever.body = TestKeys.jwks(keyA);
    }

    @Test
    void fetchesOnceAndServesTheCachedSetUntilItExpires() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(keys("a")).extracting(JWK::getKeyID).containsExactly("a");
        }
        assertThat(retriever.fetches).isEqualTo(1);

        advance(TTL.plusSeconds(1));
        keys("a");

        assertThat(retriever.fetches).isEqualTo(2);
    }

    @Test
    void fetchesAgainForAnUnknownKidAndFindsARotatedKey() throws Exception {
        keys("a");
        retriever.body = TestKeys.jwks(keyA, keyB);
        advance(MIN_INTERVAL);

        assertThat(keys("b")).extracting(JWK::getKeyID).containsExactly("b");
        assertThat(retriever.fetches).isEqualTo(2);
    }

    @Test
    void fetchesAtMostOncePerMinimumIntervalWhateverKidsTokensMakeUp() throws Exception {
        keys("a");
        advance(MIN_INTERVAL);

        for (int i = 0; i < 100; i++) {
            assertThat(keys("ghost-" + i)).isEmpty();
        }
        assertThat(retriever.fetches).isEqualTo(2);
        advance(MIN_INTERVAL.minusSeconds(1));
        keys("ghost");
        assertThat(retriever.fetches).isEqualTo(2);
        advance(Duration.ofSeconds(1));
        keys("ghost");
        assertThat(retriever.fetches).isEqualTo(3);
        assertThat(keys("a")).as("known keys are still served").hasSize(1);
    }

    @Test
    void failsWhenTheFetchFailsAndDoesNotRetryBeforeTheMinimumInterval() throws Exception {
        retriever.failure = new IOException("connection refused");

        assertThatThrownBy(() -> keys("a")).isInstanceOf(KeySourceException.class);
        assertThat(keys("a")).isEmpty();
        assertThat(retriever.fetches).isEqualTo(1);

        retriever.failure = null;
        advance(MIN_INTERVAL);
        assertThat(keys("a")).hasSize(1);
    }

    @Test
    void keepsOnlyPublicAsymmetricKeysOfTheFetchedSet() throws Exception {
        OctetSequenceKey symmetric = new OctetSequenceKey.Builder(TestKeys.SECRET.getBytes(StandardCharsets.UTF_8))
                .keyID("s")
                .build();
        RSAKey withPrivatePart = TestKeys.rsa("p");
        retriever.body = "{\"keys\":[" + symmetric.toJSONString() + "," + withPrivatePart.toJSONString() + "]}";

        assertThat(keys("s")).isEmpty();
        assertThat(keys("p")).singleElement().satisfies(key -> assertThat(key.isPrivate())
                .isFalse());
    }

    private List<JWK> keys(String kid) throws KeySourceException {
        return source.get(new JWKSelector(new JWKMatcher.Builder().keyID(kid).build()), null);
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    /** Serves {@link #body} and counts fetches, or fails with {@link #failure}. */
    private static final class FakeRetriever implements ResourceRetriever {
        volatile String body;
        volatile IOException failure;
        volatile int fetches;

        @Override
        public Resource retrieveResource(URL url) throws IOException {
            fetches++;
            if (failure != null) {
                throw failure;
            }
            return new Resource(body, "application/json");
        }
    }
}
