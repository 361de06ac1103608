package io.switchboard.gateway.kafka;

import io.switchboard.gateway.session.Session;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recoveries not yet handed over to the live stream, at most one per session and channel, and how many hold each
 * family: a family with a pending recovery stays assigned although no session receives it live yet. Delivery thread
 * only.
 */
final class PendingRecoveries {
    private final Map<Session, Map<String, RecoveryJob>> bySession = new HashMap<>();
    private final Map<String, Integer> perFamily = new HashMap<>();

    /** Adds a job; the caller has removed any job of the same session and channel. */
    void add(RecoveryJob job) {
        RecoveryJob replaced =
                bySession.computeIfAbsent(job.session(), s -> new HashMap<>()).put(job.channel(), job);
        if (replaced != null) {
            throw new IllegalStateException("a recovery of " + job.channel() + " is already pending for this session");
        }
        perFamily.merge(job.family(), 1, Integer::sum);
    }

    /** Removes the session's job for the channel, if one is pending. */
    Optional<RecoveryJob> remove(Session session, String channel) {
        Map<String, RecoveryJob> jobs = bySession.get(session);
        RecoveryJob job = jobs == null ? null : jobs.get(channel);
        if (job == null) {
            return Optional.empty();
        }
        remove(job);
        return Optional.of(job);
    }

    /** Removes this very job; false when it is no longer pending (cancelled or replaced). */
    boolean remove(RecoveryJob job) {
        Map<String, RecoveryJob> jobs = bySession.get(job.session());
        if (jobs == null || !jobs.remove(job.channel(), job)) {
            return false;
        }
        if (jobs.isEmpty()) {
            bySession.remove(job.session());
        }
        perFamily.computeIfPresent(job.family(), (family, count) -> count == 1 ? null : count - 1);
        return true;
    }

    /** Removes every job of the session. */
    List<RecoveryJob> removeAll(Session session) {
        List<RecoveryJob> jobs =
                new ArrayList<>(bySession.getOrDefault(session, Map.of()).values());
        jobs.forEach(this::remove);
        return jobs;
    }

    boolean isPending(RecoveryJob job) {
        return bySession.getOrDefault(job.session(), Map.of()).get(job.channel()) == job;
    }

    /** Whether a pending job reads this family. */
    boolean holds(String family) {
        return perFamily.containsKey(family);
    }
}
