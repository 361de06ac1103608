package io.switchboard.gateway.config;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import io.switchboard.config.ConfigException;
import io.switchboard.config.ConfigTable;
import io.switchboard.config.Settings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Rate limits and connection limits of a gateway ({@code gateway.limits.*}; every key is documented in {@link
 * GatewayKeys}). A token bucket holds at most {@code burst} tokens and gains {@code per-second} tokens a second
 * (continuously); each message or handshake takes one. A burst of 0 switches that limit off.
 *
 * @param messages the buckets of client messages, shared by all of one user's connections on a gateway (an anonymous
 *     connection has its own)
 * @param abuse when a connection whose messages keep being refused is closed with 4008
 * @param handshakes the bucket of upgrade requests per client address
 * @param ipv6PrefixLength IPv6 clients share a handshake bucket per network of this prefix length
 * @param maxConnectionsPerUser open connections one user may hold on this gateway; 0 = no cap
 * @param maxConnections open connections this gateway holds; 0 = no cap
 * @param trustedProxies peers whose {@code X-Forwarded-For} is believed, as prefix blocks (a single address is a
 *     block of one)
 */
public record LimitsConfig(
        MessageRates messages,
        Abuse abuse,
        Rate handshakes,
        int ipv6PrefixLength,
        int maxConnectionsPerUser,
        int maxConnections,
        List<IPAddress> trustedProxies) {

    private static final ConfigTable KEYS = GatewayKeys.TABLE;
    private static final String PREFIX = "gateway.limits.";
    // Key names; each is documented in GatewayKeys.
    public static final String PING_BURST = PREFIX + "messages.ping.burst";
    public static final String PING_PER_SECOND = PREFIX + "messages.ping.per-second";
    static final String SUBSCRIBE_BURST = PREFIX + "messages.subscribe.burst";
    static final String SUBSCRIBE_PER_SECOND = PREFIX + "messages.subscribe.per-second";
    static final String UNSUBSCRIBE_BURST = PREFIX + "messages.unsubscribe.burst";
    static final String UNSUBSCRIBE_PER_SECOND = PREFIX + "messages.unsubscribe.per-second";
    static final String RECONNECTION_TOKEN_BURST = PREFIX + "messages.get-reconnection-token.burst";
    static final String RECONNECTION_TOKEN_PER_SECOND = PREFIX + "messages.get-reconnection-token.per-second";
    public static final String OTHER_BURST = PREFIX + "messages.other.burst";
    public static final String OTHER_PER_SECOND = PREFIX + "messages.other.per-second";
    static final String ABUSE_MAX_REFUSED = PREFIX + "abuse.max-refused";
    static final String ABUSE_WINDOW_MS = PREFIX + "abuse.window-ms";
    public static final String HANDSHAKES_BURST = PREFIX + "handshakes.burst";
    public static final String HANDSHAKES_PER_SECOND = PREFIX + "handshakes.per-second";
    static final String HANDSHAKES_IPV6_PREFIX_LENGTH = PREFIX + "handshakes.ipv6-prefix-length";
    public static final String CONNECTIONS_PER_USER = PREFIX + "connections.per-user";
    public static final String CONNECTIONS_MAX = PREFIX + "connections.max";
    public static final String TRUSTED_PROXIES = PREFIX + "trusted-proxies";

    private static final IPAddressStringParameters CIDR_SYNTAX = new IPAddressStringParameters.Builder()
            .allowEmpty(false)
            .allowAll(false)
            .allowSingleSegment(false)
            .allowMask(false)
            .allowPrefixOnly(false)
            .allowWildcardedSeparator(false)
            .setRangeOptions(RangeParameters.NO_RANGE)
            .allow_inet_aton(false)
            .toParams();

    public LimitsConfig {
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(abuse, "abuse");
        Objects.requireNonNull(handshakes, "handshakes");
        trustedProxies = List.copyOf(trustedProxies);
        if (ipv6PrefixLength < 1 || ipv6PrefixLength > 128 || maxConnectionsPerUser < 0 || maxConnections < 0) {
            throw new IllegalArgumentException("prefix length 1-128 and caps of at least 0");
        }
    }

    /** The limits of the defaults, for tests and embedding. */
    public static LimitsConfig defaultLimits() {
        return from(Settings.of(GatewayConfig.defaults()));
    }

    /** Reads and validates the keys; throws {@link ConfigException} naming the bad key. */
    static LimitsConfig from(Settings settings) {
        return new LimitsConfig(
                new MessageRates(
                        rate(settings, PING_BURST, PING_PER_SECOND),
                        rate(settings, SUBSCRIBE_BURST, SUBSCRIBE_PER_SECOND),
                        rate(settings, UNSUBSCRIBE_BURST, UNSUBSCRIBE_PER_SECOND),
                        rate(settings, RECONNECTION_TOKEN_BURST, RECONNECTION_TOKEN_PER_SECOND),
                        rate(settings, OTHER_BURST, OTHER_PER_SECOND)),
                new Abuse(
                        KEYS.intValue(settings, ABUSE_MAX_REFUSED),
                        Duration.ofMillis(KEYS.longValue(settings, ABUSE_WINDOW_MS))),
                rate(settings, HANDSHAKES_BURST, HANDSHAKES_PER_SECOND),
                KEYS.intValue(settings, HANDSHAKES_IPV6_PREFIX_LENGTH),
                KEYS.intValue(settings, CONNECTIONS_PER_USER),
                KEYS.intValue(settings, CONNECTIONS_MAX),
                KEYS.key(TRUSTED_PROXIES).list(settings).stream()
                        .map(LimitsConfig::proxyBlock)
                        .toList());
    }

    /** This configuration with other message buckets and abuse rule. */
    public LimitsConfig withMessages(MessageRates newMessages, Abuse newAbuse) {
        return new LimitsConfig(
                newMessages,
                newAbuse,
                handshakes,
                ipv6PrefixLength,
                maxConnectionsPerUser,
                maxConnections,
                trustedProxies);
    }

    private static Rate rate(Settings settings, String burstKey, String perSecondKey) {
        long burst = KEYS.longValue(settings, burstKey);
        String raw = settings.string(perSecondKey).trim();
        double perSecond;
        try {
            perSecond = new BigDecimal(raw).doubleValue();
        } catch (NumberFormatException e) {
            throw new ConfigException(perSecondKey, "not a number: '" + raw + "'");
        }
        if (!(perSecond >= 0.001 && perSecond <= 1_000_000)) {
            throw new ConfigException(perSecondKey, raw + " is outside [0.001, 1000000]");
        }
        return new Rate(burst, perSecond);
    }

    private static IPAddress proxyBlock(String entry) {
        try {
            IPAddress address = new IPAddressString(entry, CIDR_SYNTAX).toAddress();
            return address.isPrefixed() ? address.toPrefixBlock() : address;
        } catch (AddressStringException e) {
            throw new ConfigException(
                    TRUSTED_PROXIES, "'" + entry + "' is not an IPv4 or IPv6 address or CIDR block: " + e.getMessage());
        }
    }

    /**
     * A token bucket: at most {@code burst} tokens, refilled continuously at {@code perSecond}.
     *
     * @param burst tokens a full bucket holds; 0 = no limit
     * @param perSecond tokens regained each second (fractions allowed, e.g. 0.5)
     */
    public record Rate(long burst, double perSecond) {
        public Rate {
            if (burst < 0 || !(perSecond > 0) || Double.isInfinite(perSecond)) {
                throw new IllegalArgumentException("burst >= 0 and a positive rate: " + burst + ", " + perSecond);
            }
        }

        public boolean isUnlimited() {
            return burst == 0;
        }

        /** How long an empty bucket takes to regain one token. */
        public Duration perToken() {
            return Duration.ofNanos(Math.max(1, Math.round(1e9 / perSecond)));
        }

        /** How long an empty bucket takes to fill up. */
        public Duration toFill() {
            return perToken().multipliedBy(Math.max(burst, 1));
        }
    }

    /** The buckets of each kind of client message. */
    public record MessageRates(Rate ping, Rate subscribe, Rate unsubscribe, Rate getReconnectionToken, Rate other) {
        public MessageRates {
            Objects.requireNonNull(ping, "ping");
            Objects.requireNonNull(subscribe, "subscribe");
            Objects.requireNonNull(unsubscribe, "unsubscribe");
            Objects.requireNonNull(getReconnectionToken, "getReconnectionToken");
            Objects.requireNonNull(other, "other");
        }
    }

    /**
     * When refusals close a connection: the {@code maxRefused + 1}-th refused message within {@code window} (strikes
     * come back continuously, {@code maxRefused} per window).
     */
    public record Abuse(int maxRefused, Duration window) {
        public Abuse {
            if (maxRefused < 0 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("max refused >= 0 and a positive window");
            }
        }
    }
}
