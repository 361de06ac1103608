package io.switchboard.gateway.limits;

import com.github.benmanes.caffeine.cache.Ticker;
import io.switchboard.gateway.config.LimitsConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate limits of client messages, checked before a message is dispatched. Each {@link Subject} (a user, or an
 * anonymous connection) has one bucket per {@link MessageKind}, shared by all of its connections on this gateway. A
 * message that finds its bucket empty is refused ({@link Verdict.Limited}) and costs its connection a strike; a
 * connection refused more than {@code abuse.max-refused} times within {@code abuse.window-ms} gets {@link
 * Verdict.Abusive}: close it with 4008; its later messages (already on their way) are refused the same way, without
 * taking tokens, until {@link #forget} is told it closed. Thread-safe; never blocks; time comes from the injected
 * ticker.
 */
public final class MessageLimits {
    private final TokenBuckets<Key> messages;
    private final TokenBuckets<String> strikes;
    private final boolean closeAtFirstRefusal;
    /** Connections judged abusive and not closed yet. */
    private final Set<String> closing = ConcurrentHashMap.newKeySet();

    /** No limits at all: every message is allowed. */
    public static MessageLimits none() {
        LimitsConfig.Rate unlimited = new LimitsConfig.Rate(0, 1);
        LimitsConfig config = LimitsConfig.defaultLimits()
                .withMessages(
                        new LimitsConfig.MessageRates(unlimited, unlimited, unlimited, unlimited, unlimited),
                        LimitsConfig.defaultLimits().abuse());
        return new MessageLimits(config, Ticker.systemTicker());
    }

    public MessageLimits(LimitsConfig config, Ticker ticker) {
        LimitsConfig.MessageRates rates = config.messages();
        Duration longestFill = Arrays.stream(MessageKind.values())
                .map(kind -> kind.rate(rates).toFill())
                .max(Comparator.naturalOrder())
                .orElseThrow();
        this.messages = new TokenBuckets<>(key -> key.kind().rate(rates), longestFill, ticker);
        LimitsConfig.Abuse abuse = config.abuse();
        this.closeAtFirstRefusal = abuse.maxRefused() == 0;
        LimitsConfig.Rate strikeRate = new LimitsConfig.Rate(
                Math.max(1, abuse.maxRefused()),
                Math.max(1, abuse.maxRefused()) * 1e9 / abuse.window().toNanos());
        this.strikes = new TokenBuckets<>(connectionId -> strikeRate, strikeRate.toFill(), ticker);
    }

    /**
     * Takes a token for a message of this kind from the subject's bucket.
     *
     * @param connectionId the connection that sent the message: the one that collects the strike of a refusal
     */
    public Verdict check(Subject subject, String connectionId, MessageKind kind) {
        if (closing.contains(connectionId)) {
            return new Verdict.Abusive(false);
        }
        long wait = messages.tryTake(new Key(subject, kind));
        if (wait == TokenBuckets.TAKEN) {
            return Verdict.ALLOWED;
        }
        if (closeAtFirstRefusal || strikes.tryTake(connectionId) != TokenBuckets.TAKEN) {
            return new Verdict.Abusive(closing.add(connectionId));
        }
        return new Verdict.Limited(TokenBuckets.toMillis(wait));
    }

    /**
     * The connection closed: its strikes are dropped, and so are its buckets when it was anonymous (a user's buckets
     * stay, for its other connections and its next one).
     */
    public void forget(Subject subject, String connectionId) {
        closing.remove(connectionId);
        strikes.forget(connectionId);
        if (subject.userId() == null) {
            for (MessageKind kind : MessageKind.values()) {
                messages.forget(new Key(subject, kind));
            }
        }
    }

    /** Buckets held now, for tests: idle ones are dropped once they would be full. */
    long heldBuckets() {
        return messages.size();
    }

    private record Key(Subject subject, MessageKind kind) {}
}
