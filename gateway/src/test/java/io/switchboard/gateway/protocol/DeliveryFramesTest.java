package io.switchboard.gateway.protocol;

import static io.switchboard.gateway.protocol.DeliveryFrameEncoderTest.delivery;
import static io.switchboard.gateway.protocol.DeliveryFrameEncoderTest.utf8;
import static io.switchboard.schemas.PayloadDeflater.compress;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.PayloadEncoding;
import io.switchboard.schemas.avro.PayloadKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The choice of a record's form per session, and that each form is built once, only when some session needs it. */
class DeliveryFramesTest {
    private static final byte[] JSON = utf8("{\"n\":1,\"text\":\"" + "hello ".repeat(200) + "\"}");
    private static final Set<PayloadEncoding> NONE = Set.of();
    private static final Set<PayloadEncoding> GZIP = EnumSet.of(PayloadEncoding.GZIP);

    private final DeliveryFrameEncoder encoder = new DeliveryFrameEncoder();

    @Test
    void buildsNothingUntilASessionAsks() {
        DeliveryFrames frames = gzipFrames(compress(PayloadEncoding.GZIP, JSON));

        assertThat(built(frames)).isZero();
    }

    @Test
    void buildsOnlyTheFormAsStoredWhenEverySessionAcceptsTheEncoding() {
        DeliveryFrames frames = gzipFrames(compress(PayloadEncoding.GZIP, JSON));

        Frame first = frames.frameFor(GZIP);
        Frame second = frames.frameFor(EnumSet.of(PayloadEncoding.GZIP, PayloadEncoding.ZSTD));

        assertThat(second).isSameAs(first);
        assertThat(first.isBinary()).isTrue();
        assertThat(built(frames)).isEqualTo(1);
    }

    @Test
    void neverInflatesForSessionsThatTakeThePayloadAsStored() {
        // not gzip at all: inflating would fail, so a frame proves nothing was inflated
        DeliveryFrames frames = gzipFrames(utf8("not gzip"));

        assertThat(frames.frameFor(GZIP)).isNotNull();
        assertThat(frames.failure()).isEmpty();
    }

    @Test
    void buildsOnlyTheInflatedFormWhenNoSessionAcceptsTheEncoding() {
        DeliveryFrames frames = gzipFrames(compress(PayloadEncoding.GZIP, JSON));

        Frame first = frames.frameFor(NONE);
        Frame second = frames.frameFor(EnumSet.of(PayloadEncoding.DEFLATE, PayloadEncoding.ZSTD));

        assertThat(second).isSameAs(first);
        assertThat(first.isBinary()).isFalse();
        assertThat(built(frames)).isEqualTo(1);
    }

    @Test
    void buildsEachFormOnceForAMixOfSessions() {
        DeliveryFrames frames = gzipFrames(compress(PayloadEncoding.GZIP, JSON));

        Frame compressed = frames.frameFor(GZIP);
        Frame inflated = frames.frameFor(NONE);

        assertThat(frames.frameFor(GZIP)).isSameAs(compressed);
        assertThat(frames.frameFor(NONE)).isSameAs(inflated);
        assertThat(compressed).isNotSameAs(inflated);
        assertThat(built(frames)).isEqualTo(2);
    }

    @Test
    void hasOneFormOnlyForAnUncompressedPayload() {
        DeliveryFrames frames = encoder.frames(delivery(PayloadKind.JSON, PayloadEncoding.NONE, JSON, false), 1, "T:0");

        assertThat(frames.frameFor(GZIP)).isSameAs(frames.frameFor(NONE));
        assertThat(built(frames)).isEqualTo(1);
    }

    @Test
    void skipsTheRecordForSessionsNeedingAnInflatedFormThatCannotBeBuiltAndSaysWhy() {
        DeliveryFrames frames = gzipFrames(utf8("not gzip"));

        assertThat(frames.frameFor(NONE)).isNull();
        assertThat(frames.frameFor(NONE)).isNull();
        assertThat(frames.failure())
                .hasValueSatisfying(reason -> assertThat(reason).contains("GZIP"));
        assertThat(built(frames)).isZero();
    }

    @Test
    void refusesToInflateBeyondTheBound() {
        byte[] huge = new byte[DeliveryFrameEncoder.MAX_INFLATED_BYTES + 1];
        DeliveryFrames frames = encoder.frames(
                delivery(PayloadKind.JSON, PayloadEncoding.ZSTD, compress(PayloadEncoding.ZSTD, huge), false),
                1,
                "T:0");

        assertThat(frames.frameFor(NONE)).isNull();
        assertThat(frames.failure())
                .hasValueSatisfying(reason -> assertThat(reason).contains("more than"));
        assertThat(frames.frameFor(EnumSet.of(PayloadEncoding.ZSTD)))
                .as("a client that inflates itself still gets it as stored")
                .isNotNull();
    }

    @Test
    void liveFormsCarryTheEventTimeAndReplayedOrRecoveredOnesDoNot() {
        Kinds kinds = kinds();

        assertThat(kinds.live().frameFor(GZIP).eventTimeMillis())
                .isEqualTo(DeliveryFrameEncoderTest.TIME.toEpochMilli());
        assertThat(kinds.live().frameFor(NONE).eventTimeMillis())
                .isEqualTo(DeliveryFrameEncoderTest.TIME.toEpochMilli());
        assertThat(kinds.replayed().frameFor(GZIP).eventTimeMillis()).isEqualTo(Frame.NO_EVENT_TIME);
        assertThat(kinds.recovered().frameFor(NONE).eventTimeMillis()).isEqualTo(Frame.NO_EVENT_TIME);
    }

    @Test
    void buildsLiveFormsInDirectMemoryAndRecoveredOnesOnTheHeap() {
        Kinds kinds = kinds();

        assertThat(kinds.live().frameFor(GZIP).payload().isDirect()).isTrue();
        assertThat(kinds.live().frameFor(NONE).payload().isDirect()).isTrue();
        assertThat(kinds.replayed().frameFor(NONE).payload().isDirect())
                .as("a replay goes to every subscriber too")
                .isTrue();
        assertThat(kinds.recovered().frameFor(GZIP).payload().isDirect()).isFalse();
        assertThat(kinds.recovered().frameFor(NONE).payload().isDirect()).isFalse();
    }

    /** The frames of one gzip-compressed record read live, written by a replay and live, and read by a recovery. */
    private record Kinds(DeliveryFrames live, DeliveryFrames replayed, DeliveryFrames recovered) {}

    private Kinds kinds() {
        byte[] stored = compress(PayloadEncoding.GZIP, JSON);
        return new Kinds(
                encoder.frames(delivery(PayloadKind.JSON, PayloadEncoding.GZIP, stored, false), 1, "T:0")
                        .live(),
                encoder.frames(delivery(PayloadKind.JSON, PayloadEncoding.GZIP, stored, true), 1, "T:0")
                        .live(),
                gzipFrames(stored));
    }

    @Test
    void listsEachBuiltFormOnce() {
        DeliveryFrames frames = gzipFrames(compress(PayloadEncoding.GZIP, JSON));
        frames.frameFor(GZIP);
        frames.frameFor(NONE);
        frames.frameFor(GZIP);

        List<Frame> built = new ArrayList<>();
        frames.forEachBuilt(built::add);

        assertThat(built).hasSize(2).doesNotHaveDuplicates();
    }

    private DeliveryFrames gzipFrames(byte[] stored) {
        return encoder.frames(delivery(PayloadKind.JSON, PayloadEncoding.GZIP, stored, false), 1, "T:0");
    }

    /** How many forms were built so far (0 to 2), as the frame-size metric sees them. */
    private static int built(DeliveryFrames frames) {
        int[] count = {0};
        frames.forEachBuilt(frame -> count[0]++);
        return count[0];
    }
}
