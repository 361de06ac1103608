package io.switchboard.gateway.session;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The open sessions of this gateway, by connection id. Thread-safe. */
public final class SessionRegistry {
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public void add(Session session) {
        if (sessions.putIfAbsent(session.id(), session) != null) {
            throw new IllegalStateException("duplicate connection id " + session.id());
        }
    }

    public void remove(Session session) {
        if (sessions.remove(session.id(), session)) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Waits until no session is left or the timeout passes; returns whether none is left. */
    public synchronized boolean awaitEmpty(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!sessions.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return sessions.isEmpty();
    }

    public Optional<Session> find(String connectionId) {
        return Optional.ofNullable(sessions.get(connectionId));
    }

    /** A snapshot of the open sessions. */
    public Collection<Session> all() {
        return List.copyOf(sessions.values());
    }

    int size() {
        return sessions.size();
    }
}
