package io.switchboard.processor.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.ChannelPosition;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Refused;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.Resume;
import io.switchboard.schemas.avro.Resumed;
import io.switchboard.schemas.avro.SessionSnapshot;
import io.switchboard.schemas.avro.Subscribe;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The resume decision alone, without {@code keep-sessions}: the store is all that stands between two uses. */
class ResumeSessionsProcessorTest {
    private static final Instant TIME = Instant.parse("2026-11-20T10:00:00Z");
    private static final String HASH = TokenIssuer.hash("the token");
    private static final ChannelPosition STATUS = new ChannelPosition("status", 5L, "e-s", false);
    private static final SessionSnapshot SESSION = SessionSnapshot.newBuilder()
            .setUserId("alice")
            .setRoles(List.of("viewer"))
            .setChannels(List.of(STATUS))
            .setExpiresAt(TIME.plusSeconds(300))
            .build();

    private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();
    private final ResumeSessionsProcessor processor =
            new ResumeSessionsProcessor(new ResumeSessionsProcessor.Wiring("sessions-store", "replies", "sessions"));
    private KeyValueStore<String, SessionSnapshot> store;

    @BeforeEach
    void init() {
        store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore("sessions-store"),
                        Serdes.String(),
                        SwitchboardSerdes.sessionSnapshot())
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        processor.init(context);
        store.put(HASH, SESSION);
    }

    @Test
    void letsTheFirstOfTwoUsesProcessedBackToBackWinAndRefusesTheOther() {
        processor.process(resume("c-2", "gw-2"));
        processor.process(resume("c-3", "gw-3"));

        List<CapturedForward<? extends String, ?>> forwarded = context.forwarded();
        assertThat(forwarded)
                .extracting(f -> f.childName().orElseThrow())
                .containsExactly("sessions", "replies", "replies");
        assertThat(forwarded.get(0).record().key()).isEqualTo(HASH);
        assertThat(((SessionSnapshot) forwarded.get(0).record().value()).getUsed())
                .isTrue();
        Reply won = (Reply) forwarded.get(1).record().value();
        assertThat(forwarded.get(1).record().key()).isEqualTo("gw-2");
        assertThat(won.getConnectionId()).isEqualTo("c-2");
        assertThat(won.getRequestId()).isEqualTo("r-c-2");
        assertThat(won.getBody()).isEqualTo(new Resumed("alice", List.of("viewer"), null, List.of(STATUS)));
        Reply lost = (Reply) forwarded.get(2).record().value();
        assertThat(forwarded.get(2).record().key()).isEqualTo("gw-3");
        assertThat(lost.getBody())
                .isEqualTo(new Refused("", "token_invalid", ResumeSessionsProcessor.TOKEN_INVALID_MESSAGE));
        assertThat(store.get(HASH).getUsed()).isTrue();
    }

    @Test
    void leavesEveryOtherActionAlone() {
        ClientAction subscribe = ClientAction.newBuilder(resume("c-2", "gw-2").value())
                .setAction(new Subscribe("status", null))
                .build();

        processor.process(new Record<>(HASH, subscribe, TIME.toEpochMilli()));
        processor.process(new Record<>(HASH, null, TIME.toEpochMilli()));

        assertThat(context.forwarded()).isEmpty();
        assertThat(store.get(HASH).getUsed()).isFalse();
    }

    private static Record<String, ClientAction> resume(String connectionId, String gatewayId) {
        ClientAction action = ClientAction.newBuilder()
                .setConnectionId(connectionId)
                .setGatewayId(gatewayId)
                .setTime(TIME)
                .setRequestId("r-" + connectionId)
                .setAction(new Resume(HASH))
                .build();
        return new Record<>(HASH, action, TIME.toEpochMilli());
    }
}
