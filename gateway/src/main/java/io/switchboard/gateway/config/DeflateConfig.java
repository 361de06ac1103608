package io.switchboard.gateway.config;

/**
 * The WebSocket permessage-deflate extension (RFC 7692). Off by default: with context takeover each connection that
 * negotiates it keeps a deflater and an inflater of its own, about 100 KB more per connection (see
 * docs/benchmarks.md), while payloads of at least the compress-once threshold arrive compressed already.
 *
 * @param enabled offer the extension to clients that ask for it; clients that don't ask are unaffected either way
 * @param level the deflater's level, 1 (fastest) to 9 (smallest)
 */
public record DeflateConfig(boolean enabled, int level) {
    /** Off, at zlib's default level 6. */
    static final DeflateConfig OFF = new DeflateConfig(false, 6);

    public DeflateConfig {
        if (level < 1 || level > 9) {
            throw new IllegalArgumentException("deflate level must be 1 to 9: " + level);
        }
    }
}
