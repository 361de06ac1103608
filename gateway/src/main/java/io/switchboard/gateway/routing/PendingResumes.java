package io.switchboard.gateway.routing;

import io.switchboard.gateway.auth.Identity;
import io.switchboard.gateway.protocol.Position;
import io.switchboard.schemas.avro.ChannelPosition;
import io.switchboard.schemas.avro.Refused;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.Resumed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code resume=} handshakes waiting for the processor, by the connection id chosen for each. A resume sends a
 * {@code Resume} keyed by the token hash and holds no thread while it waits: {@link ReplyRouter} hands the
 * processor's answer here ({@link #complete}) before it looks for a session, and a timer ends a wait that lasts
 * longer than {@code gateway.resume.timeout-ms}. Every resume gets exactly one outcome, whichever comes first.
 * Thread-safe.
 */
public final class PendingResumes {
    static final int UNAUTHORIZED = 401;
    static final int UNAVAILABLE = 503;

    private static final Logger LOG = LoggerFactory.getLogger(PendingResumes.class);

    /** Runs a task once after a delay, on some thread; returns what cancels it. */
    @FunctionalInterface
    public interface Timer {
        Runnable schedule(Duration delay, Runnable task);
    }

    private final ClientActions actions;
    private final ActionSink sink;
    private final Timer timer;
    private final Duration timeout;
    private final boolean anonymousAllowed;
    private final Clock clock;
    private final Duration clockSkew;
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

    /** A resume's callback and what cancels its timeout (set right after it is scheduled). */
    private static final class Waiting {
        final Consumer<ResumeOutcome> onOutcome;
        volatile Runnable cancelTimeout = () -> {};

        Waiting(Consumer<ResumeOutcome> onOutcome) {
            this.onOutcome = onOutcome;
        }
    }

    /**
     * @param timeout how long to wait for the processor's answer before refusing with 503
     * @param anonymousAllowed {@code gateway.auth.anonymous}: whether an anonymous session may be resumed
     * @param clockSkew tolerance on the restored credentials' expiry, as for a JWT's {@code exp}
     */
    public PendingResumes(
            ProcessorOutbox outbox,
            Timer timer,
            Duration timeout,
            boolean anonymousAllowed,
            Clock clock,
            Duration clockSkew) {
        this.actions = outbox.actions();
        this.sink = outbox.sink();
        this.timer = timer;
        this.timeout = timeout;
        this.anonymousAllowed = anonymousAllowed;
        this.clock = clock;
        this.clockSkew = clockSkew;
    }

    /**
     * Asks the processor to resume the session of a token for the new connection {@code connectionId}; {@code
     * onOutcome} is called once, on a replies, timer or producer thread, and must not block.
     */
    public void start(String connectionId, String tokenHash, Consumer<ResumeOutcome> onOutcome) {
        Waiting resume = new Waiting(onOutcome);
        if (waiting.putIfAbsent(connectionId, resume) != null) {
            throw new IllegalStateException("a resume is already waiting for " + connectionId);
        }
        resume.cancelTimeout = timer.schedule(timeout, () -> {
            LOG.info("resume-timeout: no answer for {} within {} ms", connectionId, timeout.toMillis());
            finish(connectionId, new ResumeOutcome.Refused(UNAVAILABLE, "the session could not be resumed in time"));
        });
        sink.forward(
                tokenHash,
                actions.resume(connectionId, tokenHash),
                () -> finish(
                        connectionId, new ResumeOutcome.Refused(UNAVAILABLE, "the session cannot be resumed now")));
    }

    /** Resumes still waiting. */
    int size() {
        return waiting.size();
    }

    /**
     * Completes the resume the reply answers, if one waits for its connection; returns whether it did. A reply that
     * comes after its resume timed out finds none and is left to the caller (which finds no session either).
     */
    boolean complete(Reply reply) {
        if (!waiting.containsKey(reply.getConnectionId())) {
            return false;
        }
        finish(reply.getConnectionId(), outcome(reply.getConnectionId(), reply.getBody()));
        return true;
    }

    // The one place a resume leaves the map: whichever of reply, timeout and write failure comes first wins.
    private void finish(String connectionId, ResumeOutcome outcome) {
        Waiting resume = waiting.remove(connectionId);
        if (resume != null) {
            resume.cancelTimeout.run();
            resume.onOutcome.accept(outcome);
        }
    }

    private ResumeOutcome outcome(String connectionId, Object body) {
        if (body instanceof Resumed resumed) {
            return restored(connectionId, resumed);
        }
        if (body instanceof Refused refused) {
            LOG.debug("resume-refused: {} by the processor ({})", connectionId, refused.getCode());
            return new ResumeOutcome.Refused(UNAUTHORIZED, "invalid reconnection token");
        }
        LOG.warn("reply-unexpected: {} for the resume of {}", body.getClass().getSimpleName(), connectionId);
        return new ResumeOutcome.Refused(UNAVAILABLE, "the session cannot be resumed now");
    }

    private ResumeOutcome restored(String connectionId, Resumed resumed) {
        if (resumed.getUserId() == null && !anonymousAllowed) {
            LOG.debug("resume-refused: {} would resume an anonymous session", connectionId);
            return new ResumeOutcome.Refused(UNAUTHORIZED, "credentials required");
        }
        Optional<Instant> expiresAt = Optional.ofNullable(resumed.getCredentialsExpireAt());
        if (expiresAt.filter(at -> clock.instant().isAfter(at.plus(clockSkew))).isPresent()) {
            LOG.debug("resume-refused: {} would resume expired credentials", connectionId);
            return new ResumeOutcome.Refused(UNAUTHORIZED, "invalid or expired token");
        }
        Identity identity = resumed.getUserId() == null
                ? Identity.anonymous()
                : new Identity(resumed.getUserId(), resumed.getRoles());
        return new ResumeOutcome.Restored(connectionId, identity, expiresAt, channels(resumed.getChannels()));
    }

    private static List<ResumeOutcome.Channel> channels(List<ChannelPosition> positions) {
        return positions.stream()
                .map(position -> new ResumeOutcome.Channel(
                        position.getChannel(),
                        new Position(position.getOffset(), position.getEpoch()),
                        position.getPresence()))
                .toList();
    }
}
