package io.switchboard.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.config.LimitsConfig;
import io.switchboard.gateway.config.LimitsConfig.Abuse;
import io.switchboard.gateway.config.LimitsConfig.MessageRates;
import io.switchboard.gateway.config.LimitsConfig.Rate;
import io.switchboard.gateway.protocol.ClientMessage;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageLimitsTest {
    private static final Subject ALICE = Subject.of("alice", "c-1");

    private final ManualTicker ticker = new ManualTicker();

    @Test
    void allowsTheBurstThenRefusesWithTheTimeUntilOneToken() {
        MessageLimits limits = new MessageLimits(LimitsConfig.defaultLimits(), ticker);

        for (int i = 0; i < 30; i++) {
            assertThat(limits.check(ALICE, "c-1", MessageKind.SUBSCRIBE)).isEqualTo(Verdict.ALLOWED);
        }
        assertThat(limits.check(ALICE, "c-1", MessageKind.SUBSCRIBE)).isEqualTo(new Verdict.Limited(1000));
        ticker.advance(Duration.ofMillis(400));
        assertThat(limits.check(ALICE, "c-1", MessageKind.SUBSCRIBE)).isEqualTo(new Verdict.Limited(600));
        ticker.advance(Duration.ofMillis(600));
        assertThat(limits.check(ALICE, "c-1", MessageKind.SUBSCRIBE)).isEqualTo(Verdict.ALLOWED);
        assertThat(limits.check(ALICE, "c-1", MessageKind.SUBSCRIBE)).isInstanceOf(Verdict.Limited.class);
    }

    @Test
    void hasTheIssuesDefaultBurstAndRateForEachKind() {
        MessageLimits limits = new MessageLimits(LimitsConfig.defaultLimits(), ticker);

        assertBurstThenWait(limits, MessageKind.PING, 120, 500);
        assertBurstThenWait(limits, MessageKind.SUBSCRIBE, 30, 1000);
        assertBurstThenWait(limits, MessageKind.UNSUBSCRIBE, 30, 1000);
        assertBurstThenWait(limits, MessageKind.GET_RECONNECTION_TOKEN, 10, 1000);
        assertBurstThenWait(limits, MessageKind.OTHER, 60, 100);
    }

    private static void assertBurstThenWait(MessageLimits limits, MessageKind kind, int burst, long waitMs) {
        for (int i = 0; i < burst; i++) {
            assertThat(limits.check(ALICE, "c-1", kind)).as("%s #%d", kind, i).isEqualTo(Verdict.ALLOWED);
        }
        assertThat(limits.check(ALICE, "c-1", kind))
                .as("%s after its burst", kind)
                .isEqualTo(new Verdict.Limited(waitMs));
    }

    @Test
    void mapsEveryClientMessageToItsKindAndTheRestToOther() {
        assertThat(MessageKind.of(new ClientMessage.Ping(null))).isEqualTo(MessageKind.PING);
        assertThat(MessageKind.of(new ClientMessage.Subscribe(null, "a", Optional.empty())))
                .isEqualTo(MessageKind.SUBSCRIBE);
        assertThat(MessageKind.of(new ClientMessage.Unsubscribe(null, "a"))).isEqualTo(MessageKind.UNSUBSCRIBE);
        assertThat(MessageKind.of(new ClientMessage.GetReconnectionToken(null)))
                .isEqualTo(MessageKind.GET_RECONNECTION_TOKEN);
        assertThat(MessageKind.of(new ClientMessage.Publish(null, "a", Optional.empty(), "1", false)))
                .isEqualTo(MessageKind.OTHER);
        assertThat(MessageKind.of(new ClientMessage.Ack(null, "a", 1))).isEqualTo(MessageKind.OTHER);
        assertThat(MessageKind.of(new ClientMessage.Refresh(null, "t"))).isEqualTo(MessageKind.OTHER);
    }

    @Test
    void eachKindHasABucketOfItsOwn() {
        MessageLimits limits = limits(rate(2, 1), 100);

        limits.check(ALICE, "c-1", MessageKind.SUBSCRIBE);
        limits.check(ALICE, "c-1", MessageKind.SUBSCRIBE);

        assertThat(limits.check(ALICE, "c-1", MessageKind.SUBSCRIBE)).isInstanceOf(Verdict.Limited.class);
        assertThat(limits.check(ALICE, "c-1", MessageKind.PING)).isEqualTo(Verdict.ALLOWED);
        assertThat(limits.check(ALICE, "c-1", MessageKind.OTHER)).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void allConnectionsOfAUserShareItsBucketsAndReconnectingDoesNotRefillThem() {
        MessageLimits limits = limits(rate(2, 1), 100);

        assertThat(limits.check(Subject.of("alice", "c-1"), "c-1", MessageKind.SUBSCRIBE))
                .isEqualTo(Verdict.ALLOWED);
        assertThat(limits.check(Subject.of("alice", "c-2"), "c-2", MessageKind.SUBSCRIBE))
                .isEqualTo(Verdict.ALLOWED);
        limits.forget(Subject.of("alice", "c-1"), "c-1");
        limits.forget(Subject.of("alice", "c-2"), "c-2");

        assertThat(limits.check(Subject.of("alice", "c-3"), "c-3", MessageKind.SUBSCRIBE))
                .isInstanceOf(Verdict.Limited.class);
        assertThat(limits.check(Subject.of("bob", "c-4"), "c-4", MessageKind.SUBSCRIBE))
                .isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void everyAnonymousConnectionHasBucketsOfItsOwn() {
        MessageLimits limits = limits(rate(1, 1), 100);

        assertThat(limits.check(Subject.of(null, "c-1"), "c-1", MessageKind.PING))
                .isEqualTo(Verdict.ALLOWED);
        assertThat(limits.check(Subject.of(null, "c-1"), "c-1", MessageKind.PING))
                .isInstanceOf(Verdict.Limited.class);
        assertThat(limits.check(Subject.of(null, "c-2"), "c-2", MessageKind.PING))
                .isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void closesAConnectionRefusedMoreThanMaxRefusedTimesWithinTheWindow() {
        MessageLimits limits = limits(rate(1, 1), 3);
        limits.check(ALICE, "c-1", MessageKind.SUBSCRIBE);

        for (int i = 0; i < 3; i++) {
            assertThat(limits.check(ALICE, "c-1", MessageKind.SUBSCRIBE)).isInstanceOf(Verdict.Limited.class);
        }
        assertThat(limits.check(ALICE, "c-1", MessageKind.SUBSCRIBE)).isInstanceOf(Verdict.Abusive.class);
    }

    @Test
    void refusesEveryLaterMessageOfAnAbusiveConnectionUntilItIsForgotten() {
        MessageLimits limits = limits(rate(1, 1), 0);
        limits.check(ALICE, "c-1", MessageKind.SUBSCRIBE);
        assertThat(limits.check(ALICE, "c-1", MessageKind.SUBSCRIBE)).isEqualTo(new Verdict.Abusive(true));

        assertThat(limits.check(ALICE, "c-1", MessageKind.PING))
                .as("even with tokens left, and logged once")
                .isEqualTo(new Verdict.Abusive(false));
        limits.forget(ALICE, "c-1");
        assertThat(limits.check(ALICE, "c-2", MessageKind.PING)).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void noLimitsAllowEverything() {
        MessageLimits limits = MessageLimits.none();

        for (int i = 0; i < 10_000; i++) {
            assertThat(limits.check(ALICE, "c-1", MessageKind.GET_RECONNECTION_TOKEN))
                    .isEqualTo(Verdict.ALLOWED);
        }
    }

    @Test
    void strikesComeBackOverTheWindow() {
        MessageLimits limits = limits(rate(1, 0.01), 3); // 100 s per subscribe token: every check below is refused
        limits.check(ALICE, "c-1", MessageKind.SUBSCRIBE);
        for (int i = 0; i < 3; i++) {
            limits.check(ALICE, "c-1", MessageKind.SUBSCRIBE);
        }

        ticker.advance(Duration.ofSeconds(10)); // the whole window: all three strikes are back

        for (int i = 0; i < 3; i++) {
            assertThat(limits.check(ALICE, "c-1", MessageKind.SUBSCRIBE)).isInstanceOf(Verdict.Limited.class);
        }
        assertThat(limits.check(ALICE, "c-1", MessageKind.SUBSCRIBE)).isInstanceOf(Verdict.Abusive.class);
    }

    @Test
    void strikesBelongToTheConnectionThatWasRefused() {
        MessageLimits limits = limits(rate(1, 1), 1);
        Subject flooder = Subject.of("alice", "c-1");
        Subject neighbour = Subject.of("alice", "c-2");
        limits.check(flooder, "c-1", MessageKind.SUBSCRIBE);
        limits.check(flooder, "c-1", MessageKind.SUBSCRIBE);
        assertThat(limits.check(flooder, "c-1", MessageKind.SUBSCRIBE)).isInstanceOf(Verdict.Abusive.class);

        assertThat(limits.check(neighbour, "c-2", MessageKind.SUBSCRIBE)).isInstanceOf(Verdict.Limited.class);
    }

    @Test
    void withZeroMaxRefusedTheFirstRefusalCloses() {
        MessageLimits limits = limits(rate(1, 1), 0);
        limits.check(ALICE, "c-1", MessageKind.SUBSCRIBE);

        assertThat(limits.check(ALICE, "c-1", MessageKind.SUBSCRIBE)).isInstanceOf(Verdict.Abusive.class);
    }

    @Test
    void aBurstOfZeroIsNoLimit() {
        MessageLimits limits = limits(rate(0, 1), 0);

        for (int i = 0; i < 10_000; i++) {
            assertThat(limits.check(ALICE, "c-1", MessageKind.SUBSCRIBE)).isEqualTo(Verdict.ALLOWED);
        }
    }

    @Test
    void dropsBucketsOnlyOnceTheyWouldBeFullAgain() {
        MessageLimits limits = limits(rate(2, 1), 100); // every bucket fills up in 2 s
        limits.check(ALICE, "c-1", MessageKind.SUBSCRIBE);
        limits.check(ALICE, "c-1", MessageKind.SUBSCRIBE);

        ticker.advance(Duration.ofMillis(1999));
        assertThat(limits.heldBuckets()).isEqualTo(1);
        ticker.advance(Duration.ofMillis(1));
        assertThat(limits.heldBuckets()).isZero();
        assertThat(limits.check(ALICE, "c-1", MessageKind.SUBSCRIBE)).isEqualTo(Verdict.ALLOWED);
        assertThat(limits.check(ALICE, "c-1", MessageKind.SUBSCRIBE)).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void forgetsTheBucketsOfAClosedAnonymousConnectionButKeepsAUsers() {
        MessageLimits limits = limits(rate(5, 1), 100);
        limits.check(Subject.of(null, "c-1"), "c-1", MessageKind.PING);
        limits.check(ALICE, "c-2", MessageKind.PING);

        limits.forget(Subject.of(null, "c-1"), "c-1");
        limits.forget(ALICE, "c-2");

        assertThat(limits.heldBuckets()).isEqualTo(1);
    }

    private static Rate rate(long burst, double perSecond) {
        return new Rate(burst, perSecond);
    }

    private MessageLimits limits(Rate everyKind, int maxRefused) {
        LimitsConfig config = LimitsConfig.defaultLimits()
                .withMessages(
                        new MessageRates(everyKind, everyKind, everyKind, everyKind, everyKind),
                        new Abuse(maxRefused, Duration.ofSeconds(10)));
        return new MessageLimits(config, ticker);
    }
}
