package io.switchboard.gateway.limits;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps on open connections: per user and per gateway. A connection holds a {@link Permit} from before its upgrade
 * until it closes; releasing a permit more than once has no further effect, so every path that ends a connection may
 * release it. Anonymous connections count toward the gateway's cap only. Thread-safe; never blocks.
 */
public final class ConnectionCaps {
    private final int maxPerUser;
    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, Integer> perUser = new ConcurrentHashMap<>();

    /**
     * @param maxPerUser connections one user may hold; 0 = no cap
     * @param max connections the gateway holds; 0 = no cap
     */
    ConnectionCaps(int maxPerUser, int max) {
        this.maxPerUser = maxPerUser == 0 ? Integer.MAX_VALUE : maxPerUser;
        this.max = max == 0 ? Integer.MAX_VALUE : max;
    }

    /** The outcome of {@link #tryAcquire}. */
    public sealed interface Admission {}

    /** Admitted: release the permit when the connection ends. */
    public record Admitted(Permit permit) implements Admission {}

    /**
     * Refused by this cap ({@link #GATEWAY_CAP} or {@link #USER_CAP}, the {@code limit} of the rate-limit meter), for
     * this reason (an HTTP 429 body).
     */
    public record Refused(String limit, String reason) implements Admission {}

    /** The cap of connections on this gateway. */
    static final String GATEWAY_CAP = "gateway_connections";
    /** The cap of one user's connections on this gateway. */
    static final String USER_CAP = "user_connections";

    /**
     * Counts a connection of this user (null: anonymous) if neither cap is reached.
     *
     * @return {@link Admitted} with the permit to release, or {@link Refused}
     */
    Admission tryAcquire(String userId) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            return new Refused(GATEWAY_CAP, "too many connections on this gateway");
        }
        if (userId != null && !countUser(userId)) {
            open.decrementAndGet();
            return new Refused(USER_CAP, "too many connections for this user");
        }
        return new Admitted(new Permit(userId));
    }

    /** Open connections counted now. */
    int open() {
        return open.get();
    }

    /** Open connections of this user counted now. */
    int openOf(String userId) {
        return perUser.getOrDefault(userId, 0);
    }

    private boolean countUser(String userId) {
        AtomicBoolean counted = new AtomicBoolean();
        perUser.compute(userId, (user, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerUser) {
                return count;
            }
            counted.set(true);
            return current + 1;
        });
        return counted.get();
    }

    private void release(String userId) {
        if (userId != null) {
            perUser.computeIfPresent(userId, (user, count) -> count <= 1 ? null : count - 1);
        }
        open.decrementAndGet();
    }

    /** One counted connection; {@link #release()} gives its place back, once. */
    public final class Permit {
        private final String userId;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(String userId) {
            this.userId = userId;
        }

        /** Gives the connection's place back; only the first call counts. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                ConnectionCaps.this.release(userId);
            }
        }

        boolean isReleased() {
            return released.get();
        }

        @Override
        public String toString() {
            return "Permit[" + Objects.requireNonNullElse(userId, "anonymous") + (isReleased() ? ", released]" : "]");
        }
    }
}
