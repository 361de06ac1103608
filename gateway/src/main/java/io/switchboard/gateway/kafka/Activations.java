package io.switchboard.gateway.kafka;

import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.protocol.CloseReason;
import io.switchboard.gateway.protocol.Position;
import io.switchboard.gateway.session.Session;
import io.switchboard.gateway.subscription.Activation;
import io.switchboard.gateway.subscription.ChannelIndex;
import io.switchboard.schemas.ChannelName;
import java.util.function.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops deliveries, between two polls of the live reader, where its positions are exact: a session joins
 * the live stream of a channel at once, or, when it asked to recover from a {@code since}, after a {@link RecoveryJob}
 * has caught it up to the live position. A family stays assigned while any session receives it live or recovers it.
 * Delivery thread only.
 */
final class Activations {
    private static final Logger LOG = LoggerFactory.getLogger(Activations.class);

    private final LiveTopics live;
    private final ChannelIndex<Session> index;
    private final Recoveries recoveries;
    private final LiveSources sources;
    private final GatewayMetrics metrics;
    private final PendingRecoveries pending = new PendingRecoveries();

    /**
     * @param sources the live reader's source marks, which take in those of each recovery handed over
     * @param metrics counts the answers to a {@code since} and the recovered messages sent
     */
    Activations(
            LiveTopics live,
            ChannelIndex<Session> index,
            Recoveries recoveries,
            LiveSources sources,
            GatewayMetrics metrics) {
        this.live = live;
        this.index = index;
        this.recoveries = recoveries;
        this.sources = sources;
        this.metrics = metrics;
    }

    /** See {@link io.switchboard.gateway.subscription.SubscriptionControl#activate}. */
    void activate(
            Session session,
            String channel,
            Position since,
            Consumer<Activation> onActive,
            Consumer<String> onFailure) {
        if (!session.isOpen()) {
            return;
        }
        if (!ChannelName.isValid(channel)) {
            onFailure.accept("the processor granted an invalid channel name");
            return;
        }
        String family = ChannelName.parse(channel).family();
        // a new grant replaces a recovery still in progress
        pending.remove(session, channel).ifPresent(RecoveryJob::cancel);
        try {
            FamilyTopic topic = live.acquire(family);
            TopicPartition partition = topic.partitionOf(channel);
            long position = live.position(partition);
            String epoch = topic.epoch(partition.partition());
            Position current = new Position(position - 1, epoch);
            if (since == null) {
                goLive(session, channel, Activation.live(current, null), onActive);
            } else if (!since.epoch().isEmpty() && !since.epoch().equals(epoch)) {
                goLive(session, channel, Activation.live(current, Boolean.FALSE), onActive);
            } else if (since.offset() == current.offset()) {
                goLive(session, channel, Activation.live(current, Boolean.TRUE), onActive);
            } else {
                // already live (subscribed again): restart from since, or its messages would come twice
                index.remove(channel, session);
                GrantedPartition granted = new GrantedPartition(family, partition, epoch, position);
                RecoveryJob job = new RecoveryJob(session, channel, since, granted, onActive, metrics);
                pending.add(job);
                recoveries.start(job);
            }
        } catch (IllegalStateException | KafkaException e) {
            LOG.warn("activate-failed: {} for {}: {}", channel, session, e.toString());
            releaseIfUnused(family);
            onFailure.accept(
                    e instanceof IllegalStateException ? e.getMessage() : "channel " + channel + " cannot be read now");
        }
    }

    private void goLive(Session session, String channel, Activation activation, Consumer<Activation> onActive) {
        index.add(channel, session);
        if (activation.recovered() != null) {
            metrics.recoveryAnswered(activation.recovered());
        }
        onActive.accept(activation);
    }

    /** See {@link Handover#activateAt}. */
    void activateAt(RecoveryJob job, long position) {
        if (!pending.isPending(job)) {
            return; // cancelled meanwhile
        }
        long live;
        try {
            live = this.live.position(job.partition());
        } catch (IllegalStateException | KafkaException e) {
            fail(job, e);
            return;
        }
        if (live != position) {
            recoveries.livePosition(job, live);
            return;
        }
        pending.remove(job);
        sources.of(job.partition()).merge(job.sources());
        index.add(job.channel(), job.session());
        job.handOver(null);
        LOG.debug("recovery-handed-over: {} live from {}", job, position);
    }

    /** See {@link Handover#activateNow}. */
    void activateNow(RecoveryJob job) {
        if (!pending.isPending(job)) {
            return;
        }
        long live;
        try {
            live = this.live.position(job.partition());
        } catch (IllegalStateException | KafkaException e) {
            fail(job, e);
            return;
        }
        pending.remove(job);
        sources.of(job.partition()).merge(job.sources());
        index.add(job.channel(), job.session());
        job.handOver(Activation.live(new Position(live - 1, job.epoch()), Boolean.FALSE));
    }

    /** See {@link Handover#abandon}. */
    void abandon(RecoveryJob job) {
        if (pending.remove(job)) {
            job.cancel();
            releaseIfUnused(job.family());
        }
    }

    void deactivate(Session session, String channel) {
        pending.remove(session, channel).ifPresent(this::cancelled);
        index.remove(channel, session).ifPresent(this::releaseIfUnused);
        session.forget(channel);
    }

    void removeSession(Session session) {
        pending.removeAll(session).forEach(this::cancelled);
        index.removeAll(session).forEach(this::releaseIfUnused);
    }

    private void cancelled(RecoveryJob job) {
        job.cancel();
        releaseIfUnused(job.family());
    }

    /** The hand-over cannot be done: close the connection rather than leave a silent gap; the client resumes. */
    private void fail(RecoveryJob job, RuntimeException e) {
        LOG.warn("recovery-failed: {}: closing the connection: {}", job, e.toString());
        pending.remove(job);
        cancelled(job);
        job.session().close(CloseReason.INTERNAL_ERROR);
    }

    private void releaseIfUnused(String family) {
        if (!index.hasFamily(family) && !pending.holds(family)) {
            live.release(family);
        }
    }
}
