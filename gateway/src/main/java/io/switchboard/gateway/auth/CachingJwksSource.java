package io.switchboard.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URL;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys at a JWKS URL, cached with Caffeine for the cache time. A token whose key is not in the cached set
 * (an unknown {@code kid}: the issuer may have rotated its keys) makes it fetch again, but the URL is fetched at most
 * once per minimum interval whatever the tokens say, so made-up {@code kid}s cannot cause a fetch storm; concurrent
 * requests wait for one fetch. Fetches have bounded timeouts and size. Only the URL from the configuration is ever
 * fetched. When a fetch fails, verification fails (401) until a later fetch succeeds.
 */
final class CachingJwksSource implements JWKSource<SecurityContext> {
    private static final Logger LOG = LoggerFactory.getLogger(CachingJwksSource.class);
    static final int CONNECT_TIMEOUT_MS = 2_000;
    static final int READ_TIMEOUT_MS = 3_000;
    static final int MAX_JWKS_BYTES = 256 * 1024;

    private final URL url;
    private final ResourceRetriever retriever;
    private final Ticker ticker;
    private final long minIntervalNanos;
    private final Cache<URL, JWKSet> cache;
    /** Guarded by this. */
    private long lastFetchNanos;
    /** Guarded by this. */
    private boolean fetchedOnce;

    CachingJwksSource(URL url, ResourceRetriever retriever, Duration ttl, Duration minInterval, Ticker ticker) {
        this.url = url;
        this.retriever = retriever;
        this.ticker = ticker;
        this.minIntervalNanos = minInterval.toNanos();
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .ticker(ticker)
                .maximumSize(1)
                .build();
    }

    static CachingJwksSource forUrl(URL url, Duration ttl, Duration minInterval) {
        return new CachingJwksSource(
                url,
                new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, MAX_JWKS_BYTES),
                ttl,
                minInterval,
                Ticker.systemTicker());
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        JWKSet cached = cache.getIfPresent(url);
        JWKSet keys = cached != null ? cached : fetch(null);
        List<JWK> matches = keys == null ? List.of() : selector.select(keys);
        if (matches.isEmpty() && keys != null) {
            JWKSet fresh = fetch(keys);
            if (fresh != null && fresh != keys) {
                matches = selector.select(fresh);
            }
        }
        return matches;
    }

    /**
     * Fetches the set again unless another request already replaced {@code seen} or the minimum interval has not
     * passed since the last fetch; returns the newest set (null when there is none).
     */
    private synchronized JWKSet fetch(JWKSet seen) throws KeySourceException {
        JWKSet current = cache.getIfPresent(url);
        if (current != null && current != seen) {
            return current;
        }
        long now = ticker.read();
        if (fetchedOnce && now - lastFetchNanos < minIntervalNanos) {
            LOG.debug("jwks-refresh-limited: {} was fetched less than the minimum interval ago", url);
            return current;
        }
        fetchedOnce = true;
        lastFetchNanos = now;
        try {
            JWKSet keys =
                    JWKSet.parse(retriever.retrieveResource(url).getContent()).toPublicJWKSet();
            cache.put(url, keys);
            LOG.info("jwks-fetched: {} keys from {}", keys.size(), url);
            return keys;
        } catch (IOException | ParseException e) {
            LOG.warn("jwks-fetch-failed: {}: {}", url, e.toString());
            throw new KeySourceException("cannot fetch the JWKS from " + url, e);
        }
    }
}
